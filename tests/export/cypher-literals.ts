/**
 * Reads back the literals our Cypher script writes, following the Cypher manual's rules (string
 * escapes \\ \' \" \n \r \t \b \f \uXXXX; backquoted names with `` for a backquote), so the tests
 * check that every hostile string survives the language's own quoting.
 */

export type CypherValue = string | number | boolean | { date: string } | CypherValue[];

export class CypherReader {
  private at = 0;
  constructor(private readonly text: string) {}

  private peek = () => this.text[this.at];
  private skipSpace() {
    while (/\s/.test(this.peek() ?? "")) this.at++;
  }
  expect(token: string) {
    this.skipSpace();
    if (!this.text.startsWith(token, this.at))
      throw new Error(`expected ${token} at ${this.at}: ${this.text.slice(this.at, this.at + 30)}`);
    this.at += token.length;
  }

  string(): string {
    this.skipSpace();
    const quote = this.peek();
    if (quote !== "'" && quote !== '"') throw new Error(`expected a string at ${this.at}`);
    this.at++;
    let out = "";
    for (;;) {
      const c = this.text[this.at++];
      if (c === undefined) throw new Error("unterminated string");
      if (c === quote) return out;
      if (c !== "\\") {
        out += c;
        continue;
      }
      const e = this.text[this.at++];
      const simple: Record<string, string> = {
        "\\": "\\",
        "'": "'",
        '"': '"',
        n: "\n",
        r: "\r",
        t: "\t",
        b: "\b",
        f: "\f",
      };
      if (e !== undefined && e in simple) out += simple[e];
      else if (e === "u") {
        out += String.fromCharCode(parseInt(this.text.slice(this.at, this.at + 4), 16));
        this.at += 4;
      } else throw new Error(`unknown escape \\${e}`);
    }
  }

  name(): string {
    this.skipSpace();
    if (this.peek() !== "`") {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.at))!;
      this.at += match[0].length;
      return match[0];
    }
    this.at++;
    let out = "";
    for (;;) {
      const c = this.text[this.at++];
      if (c === undefined) throw new Error("unterminated name");
      if (c === "`") {
        if (this.peek() !== "`") return out;
        this.at++;
      }
      out += c;
    }
  }

  value(): CypherValue {
    this.skipSpace();
    const c = this.peek();
    if (c === "'" || c === '"') return this.string();
    if (c === "[") {
      this.at++;
      const items: CypherValue[] = [];
      this.skipSpace();
      if (this.peek() === "]") return (this.at++, items);
      for (;;) {
        items.push(this.value());
        this.skipSpace();
        if (this.peek() === "]") return (this.at++, items);
        this.expect(",");
      }
    }
    if (this.text.startsWith("date(", this.at)) {
      this.at += 5;
      const date = this.string();
      this.expect(")");
      return { date };
    }
    const word = /^(true|false|-?\d+(\.\d+)?([eE][-+]?\d+)?)/.exec(this.text.slice(this.at));
    if (!word) throw new Error(`unexpected value at ${this.at}: ${this.text.slice(this.at, this.at + 20)}`);
    this.at += word[0].length;
    return word[0] === "true" ? true : word[0] === "false" ? false : Number(word[0]);
  }

  map(): Record<string, CypherValue> {
    this.expect("{");
    const out: Record<string, CypherValue> = {};
    this.skipSpace();
    if (this.peek() === "}") return (this.at++, out);
    for (;;) {
      const key = this.name();
      this.expect(":");
      out[key] = this.value();
      this.skipSpace();
      if (this.peek() === "}") return (this.at++, out);
      this.expect(",");
    }
  }

  done(): boolean {
    this.skipSpace();
    return this.at >= this.text.length;
  }
}

export interface CypherNode {
  id: string;
  labels: string[];
  properties: Record<string, CypherValue>;
}

export interface CypherRelationship {
  source: string;
  target: string;
  type: string;
  id: string;
  properties: Record<string, CypherValue>;
}

/** Reads the statements our writer emits: one MERGE per node, one MATCH … MERGE per relationship. */
export function readCypherScript(script: string): {
  nodes: CypherNode[];
  relationships: CypherRelationship[];
} {
  const nodes: CypherNode[] = [];
  const relationships: CypherRelationship[] = [];
  for (const line of script.split("\n")) {
    if (line === "" || line.startsWith("//") || line.startsWith("CREATE CONSTRAINT")) continue;
    const reader = new CypherReader(line);
    if (line.startsWith("MERGE (n:Entity")) {
      reader.expect("MERGE (n:Entity");
      const id = reader.map().id as string;
      reader.expect(") SET n:");
      const labels = [reader.name()];
      reader.expect("SET n +=");
      nodes.push({ id, labels, properties: reader.map() });
    } else {
      reader.expect("MATCH (s:Entity");
      const source = reader.map().id as string;
      reader.expect("), (o:Entity");
      const target = reader.map().id as string;
      reader.expect(") MERGE (s)-[r:");
      const type = reader.name();
      const id = reader.map().id as string;
      reader.expect("]->(o) SET r +=");
      relationships.push({ source, target, type, id, properties: reader.map() });
    }
    reader.expect(";");
    if (!reader.done()) throw new Error(`trailing text after a statement: ${line}`);
  }
  return { nodes, relationships };
}
