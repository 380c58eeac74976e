import { EDGE_COLUMNS, formatNumber, NODE_COLUMNS, type Column, type ColumnValue } from "../columns.ts";
import type { ExportDocument } from "../document.ts";
import { neo4jLabels } from "./neo4j-csv.ts";

/**
 * The same graph as the Neo4j CSV, as a Cypher script for cypher-shell or Neo4j Browser. MERGE on
 * the id makes it safe to run twice. Strings are single-quoted literals with backslash escapes;
 * identifiers (labels, relation types) are backquoted; dates are date('YYYY-MM-DD'); nulls are left
 * out, since Neo4j does not store them.
 */

/** A Cypher string literal: escapes the backslash, the quote and every control character. */
export function cypherString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return `'${value.replace(/[\\'\u0000-\u001F\u007F\u2028\u2029]/g, (c) => {
    switch (c) {
      case "\\":
        return "\\\\";
      case "'":
        return "\\'";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
    }
  })}'`;
}

/** A backquoted identifier; a backquote inside is doubled. */
export const cypherName = (name: string) => `\`${name.replaceAll("`", "``")}\``;

function cypherFloat(value: number): string {
  const text = formatNumber(value);
  // Keep doubles doubles: Cypher reads "1" as an integer.
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function cypherValue<T>(column: Column<T>, value: ColumnValue): string {
  if (typeof value === "string")
    return column.type === "date" ? `date(${cypherString(value)})` : cypherString(value);
  if (typeof value === "number") return column.type === "double" ? cypherFloat(value) : formatNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return `[${(value ?? []).map((item) => cypherString(item ?? "")).join(", ")}]`;
}

function properties<T>(columns: readonly Column<T>[], item: T): string {
  const pairs: string[] = [];
  for (const column of columns) {
    const value = column.value(item);
    if (value !== null) pairs.push(`${cypherName(column.name)}: ${cypherValue(column, value)}`);
  }
  return `{${pairs.join(", ")}}`;
}

export function* writeCypher(document: ExportDocument): Generator<string> {
  const head = [
    `// ${document.title}: ${document.nodeCount} nodes, ${document.relationCount} relations.`,
    "// Run with: cypher-shell -f <this file>. Each relation keeps its claims' quotes, sources and ids.",
    "CREATE CONSTRAINT peacegraph_entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;",
  ];
  for (const line of head) yield `${line}\n`;
  for (const node of document.nodes()) {
    const labels = neo4jLabels(node).slice(1).map(cypherName).join(":");
    yield `MERGE (n:Entity {id: ${cypherString(node.id)}}) SET n:${labels} SET n += ${properties(NODE_COLUMNS, node)};\n`;
  }
  for (const edge of document.relations()) {
    yield (
      `MATCH (s:Entity {id: ${cypherString(edge.source)}}), (o:Entity {id: ${cypherString(edge.target)}}) ` +
      `MERGE (s)-[r:${cypherName(edge.type)} {id: ${cypherString(edge.id)}}]->(o) ` +
      `SET r += ${properties(EDGE_COLUMNS, edge)};\n`
    );
  }
}
