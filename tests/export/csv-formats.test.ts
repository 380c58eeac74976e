import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEO4J_ARRAY_DELIMITER } from "../../server/export/formats/neo4j-csv.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { readCypherScript } from "./cypher-literals.ts";
import {
  exportFile,
  expectSameGraph,
  graphqlSeen,
  readWith,
  records,
  seenEdge,
  seenNode,
  tempFile,
  type CsvTable,
  type Seen,
} from "./helpers.ts";
import { parseHeaderField, parseNeo4jHeader } from "./neo4j-header.ts";

/** Gephi CSV, Neo4j bulk-import CSV and the Cypher script of the seed graph, against GraphQL. */

let api: TestServer;
let expected: Seen;
const QUERY = "ids=joint-statement-2023-12&depth=2";

beforeAll(async () => {
  api = await startTestServer({ limits: { maxCost: 10_000_000 } });
  expected = await graphqlSeen(api, { ids: ["joint-statement-2023-12"], depth: 2 });
  expect(expected.nodes.size).toBeGreaterThan(5);
  expect(expected.edges.size).toBeGreaterThan(5);
});
afterAll(() => api.close());

interface ZipReading {
  broken: string | null;
  files: Record<string, string>;
}

async function readCsv(name: string, content: string | Buffer): Promise<CsvTable> {
  return readWith<CsvTable>("csv", await tempFile(name, content));
}

describe("Gephi spreadsheet CSV", () => {
  it("comes as a ZIP of nodes and edges files that Python's zipfile checks and reads", async () => {
    const zip = await exportFile(api, `/export/gephi-csv?${QUERY}`);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    expect(zip.headers.get("content-disposition")).toBe(
      'attachment; filename="peacegraph-joint-statement-2023-12.gephi-csv.zip"',
    );
    const reading = await readWith<ZipReading>("zip", await tempFile("gephi.zip", zip.body));
    expect(reading.broken).toBeNull();
    expect(Object.keys(reading.files)).toEqual([
      "peacegraph-joint-statement-2023-12.nodes.csv",
      "peacegraph-joint-statement-2023-12.edges.csv",
    ]);
    const nodes = await exportFile(api, `/export/gephi-csv?${QUERY}&part=nodes`);
    expect(nodes.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
    expect(reading.files["peacegraph-joint-statement-2023-12.nodes.csv"]).toBe(nodes.text);
    const edges = await exportFile(api, `/export/gephi-csv?${QUERY}&part=edges`);
    expect(reading.files["peacegraph-joint-statement-2023-12.edges.csv"]).toBe(edges.text);
  });

  it("follows Gephi's column conventions and carries the same values as GraphQL", async () => {
    const nodes = await readCsv(
      "gephi-nodes.csv",
      (await exportFile(api, `/export/gephi-csv?${QUERY}&part=nodes`)).body,
    );
    const edges = await readCsv(
      "gephi-edges.csv",
      (await exportFile(api, `/export/gephi-csv?${QUERY}&part=edges`)).body,
    );
    expect(nodes.header.slice(0, 2)).toEqual(["Id", "Label"]);
    expect(edges.header.slice(0, 6)).toEqual(["Source", "Target", "Type", "Weight", "Id", "Label"]);
    expect(edges.header).toContain("relation");
    const edgeRecords = records(edges);
    for (const edge of edgeRecords) {
      expect(edge.Type).toBe("Directed");
      expect(edge.Weight).toBe(edge.corroboration);
    }
    const seen: Seen = {
      nodes: new Map(records(nodes).map((node) => [node.Id!, seenNode({ ...node, label: node.Label })])),
      edges: new Map(edgeRecords.map((edge) => [edge.Id!, seenEdge(edge.Source!, edge.Target!, edge)])),
    };
    expectSameGraph(seen, expected, { viz: true });
  });
});

describe("Neo4j bulk-import CSV", () => {
  let nodes: CsvTable;
  let relationships: CsvTable;
  beforeAll(async () => {
    const zip = await exportFile(api, `/export/neo4j-csv?${QUERY}`);
    const reading = await readWith<ZipReading>("zip", await tempFile("neo4j.zip", zip.body));
    expect(reading.broken).toBeNull();
    const files = Object.keys(reading.files);
    expect(files).toEqual([
      "peacegraph-joint-statement-2023-12.nodes.csv",
      "peacegraph-joint-statement-2023-12.relationships.csv",
    ]);
    nodes = await readCsv("neo4j-nodes.csv", reading.files[files[0]!]!);
    relationships = await readCsv("neo4j-relationships.csv", reading.files[files[1]!]!);
  });

  it("the header grammar check accepts Neo4j's own examples and refuses malformed fields", () => {
    expect(
      parseNeo4jHeader(["personId:ID(Person)", "name", "age:int", "roles:string[]", ":LABEL"], "nodes"),
    ).toHaveLength(5);
    expect(
      parseNeo4jHeader([":START_ID(Person)", ":END_ID(Movie)", ":TYPE", "since:date"], "relationships"),
    ).toHaveLength(4);
    for (const bad of ["count:integer", "x:ID(", ":", "a:int(group)", "q:string[][]"])
      expect(() => parseHeaderField(bad), bad).toThrow();
    expect(() => parseNeo4jHeader(["name", ":LABEL"], "nodes")).toThrow(/needs one :ID/);
    expect(() =>
      parseNeo4jHeader([":START_ID", ":END_ID", ":TYPE", "w:int", "w:double"], "relationships"),
    ).toThrow(/twice/);
  });

  it("has headers that follow Neo4j's grammar, with typed numbers, dates and string arrays", () => {
    const nodeFields = parseNeo4jHeader(nodes.header, "nodes");
    const relationshipFields = parseNeo4jHeader(relationships.header, "relationships");
    expect(nodes.header[0]).toBe("id:ID");
    expect(nodes.header.at(-1)).toBe(":LABEL");
    expect(relationships.header.slice(0, 3)).toEqual([":START_ID", ":END_ID", ":TYPE"]);
    const typeOf = (fields: typeof nodeFields, name: string) => {
      const field = fields.find((candidate) => candidate.name === name)!;
      return `${field.type}${field.array ? "[]" : ""}`;
    };
    expect(typeOf(nodeFields, "aliases")).toBe("string[]");
    expect(typeOf(nodeFields, "dateStart")).toBe("date");
    expect(typeOf(relationshipFields, "corroboration")).toBe("int");
    expect(typeOf(relationshipFields, "confidence")).toBe("double");
    expect(typeOf(relationshipFields, "quotes")).toBe("string[]");
  });

  it("holds values of the declared types, arrays split on U+001F, equal to GraphQL's", () => {
    const fields = [
      ...parseNeo4jHeader(nodes.header, "nodes"),
      ...parseNeo4jHeader(relationships.header, "relationships"),
    ];
    const typeChecks: Record<string, RegExp> = {
      int: /^-?\d+$/,
      double: /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i,
      boolean: /^(true|false)$/,
      date: /^\d{4}-\d{2}-\d{2}$/,
    };
    const checked = new Set<string>();
    for (const table of [nodes, relationships]) {
      for (const row of table.rows) {
        table.header.forEach((name, i) => {
          const field = fields.find((candidate) => `${candidate.name}` === name.split(":")[0]);
          const check = field?.type && !field.array ? typeChecks[field.type] : undefined;
          if (check && row[i] !== "") {
            expect(row[i], name).toMatch(check);
            checked.add(field!.type!);
          }
        });
      }
    }
    // Values of each typed kind were there to check.
    expect([...checked].sort()).toEqual(["boolean", "date", "double", "int"]);
    const split = (value: string | undefined) => (value ? value.split(NEO4J_ARRAY_DELIMITER) : []);
    const byName = (table: CsvTable, row: string[]) =>
      Object.fromEntries(table.header.map((name, i) => [name.replace(/:.*$/, "") || name, row[i] ?? ""]));
    const seen: Seen = { nodes: new Map(), edges: new Map() };
    for (const row of nodes.rows) {
      const node = byName(nodes, row);
      expect(split(node[":LABEL"])).toEqual(["Entity", node.kind![0]!.toUpperCase() + node.kind!.slice(1)]);
      seen.nodes.set(node.id!, seenNode({ ...node, aliases: split(node.aliases) }));
    }
    for (const row of relationships.rows) {
      const edge = byName(relationships, row);
      expect(edge[":TYPE"]).toBe(edge.relation);
      const sources = split(edge.sources);
      // An unknown URL is an empty string (Neo4j arrays cannot hold null), so one unknown URL is "".
      const urls = (sources.length === 1 ? [edge.sourceUrls ?? ""] : split(edge.sourceUrls)).map(
        (url) => url || null,
      );
      seen.edges.set(
        edge.id!,
        seenEdge(edge[":START_ID"]!, edge[":END_ID"]!, {
          ...edge,
          quotes: split(edge.quotes),
          claimModalities: split(edge.claimModalities),
          sources,
          sourceUrls: urls,
        }),
      );
    }
    expectSameGraph(seen, expected, { viz: true });
  });
});

describe("Cypher script", () => {
  it("reads back, literal by literal, to the same graph", async () => {
    const download = await exportFile(api, `/export/cypher?${QUERY}`);
    expect(download.headers.get("content-disposition")).toBe(
      'attachment; filename="peacegraph-joint-statement-2023-12.cypher"',
    );
    expect(download.text).toMatch(
      /^\/\/ .*\n\/\/ .*\nCREATE CONSTRAINT peacegraph_entity_id IF NOT EXISTS FOR \(n:Entity\) REQUIRE n\.id IS UNIQUE;\n/,
    );
    const script = readCypherScript(download.text);
    const seen: Seen = {
      nodes: new Map(
        script.nodes.map((node) => [node.id, seenNode({ ...node.properties, date: node.properties.date })]),
      ),
      edges: new Map(
        script.relationships.map((edge) => {
          expect(edge.type).toBe(edge.properties.relation);
          expect(typeof edge.properties.confidence).toBe("number");
          const urls = (edge.properties.sourceUrls as string[]).map((url) => url || null);
          return [edge.id, seenEdge(edge.source, edge.target, { ...edge.properties, sourceUrls: urls })];
        }),
      ),
    };
    for (const node of script.nodes)
      expect(node.labels).toEqual([String(node.properties.kind).replace(/^./, (c) => c.toUpperCase())]);
    expectSameGraph(seen, expected, { viz: true });
    const dated = script.nodes.filter((node) => node.properties.dateStart);
    expect(dated.length).toBeGreaterThan(0);
    for (const node of dated)
      expect(node.properties.dateStart).toEqual({ date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  });
});
