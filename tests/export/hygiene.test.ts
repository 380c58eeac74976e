import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restoreSpreadsheetText, spreadsheetSafe } from "../../server/export/formats/csv.ts";
import { NEO4J_ARRAY_DELIMITER } from "../../server/export/formats/neo4j-csv.ts";
import { makeGraphData } from "../helpers/fixture.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { download, exportFile, readWith, records, tempFile, type CsvTable } from "./helpers.ts";

/**
 * CSV formula injection (OWASP): text that a spreadsheet would run as a formula is neutralised in
 * both CSV flavours, numbers are not, and the originals can be restored exactly. Read with Python's
 * csv module, as a script or pandas reads these files. And selections that used to be silently
 * read as "the whole graph" or accepted without bound are refused, naming the parameter.
 */

// The loader trims names and descriptions, so leading tabs and CRs are checked on their own below.
const TRIGGERS = {
  label: '=HYPERLINK("http://example.org","click")',
  aliases: ["+1 555 0100", "-minus", "'=already quoted", "plain"],
  description: "-2 is not a formula, but a spreadsheet thinks so",
  turkey: "@Türkiye",
  statement: "+ a statement",
};
const SOURCE =
  "=SUM(1+2) Armenia and Azerbaijan released a joint statement. @Turkey welcomed it. Armenia accused Turkey.";

const yaml = (value: string) => JSON.stringify(value);

let api: TestServer;
beforeAll(async () => {
  const dir = await makeGraphData({
    "sources/demo.txt": SOURCE,
    "entities/actors.yaml": [
      "armenia:",
      `  label: ${yaml(TRIGGERS.label)}`,
      "  type: state",
      `  aliases: [${TRIGGERS.aliases.map(yaml).join(", ")}]`,
      `  description: ${yaml(TRIGGERS.description)}`,
      "turkey:",
      `  label: ${yaml(TRIGGERS.turkey)}`,
      "  type: state",
      "  description: A state.",
    ].join("\n"),
    "entities/events.yaml": [
      "joint-statement:",
      `  label: ${yaml(TRIGGERS.statement)}`,
      "  type: joint_statement",
      "  description: The statement.",
    ].join("\n"),
    "claims/demo.yaml": [
      "source: demo",
      "claims:",
      "  demo-issued:",
      "    subject: armenia",
      "    relation: ISSUED",
      "    object: joint-statement",
      `    quote: ${yaml("=SUM(1+2) Armenia and Azerbaijan released a joint statement")}`,
      "  demo-welcomed:",
      "    subject: turkey",
      "    relation: WELCOMED",
      "    object: joint-statement",
      `    quote: ${yaml("@Turkey welcomed it.")}`,
      "  demo-accused:",
      "    subject: armenia",
      "    relation: ACCUSED",
      "    object: turkey",
      "    quote: Armenia accused Turkey.",
    ].join("\n"),
  });
  api = await startTestServer({}, dir);
});
afterAll(() => api.close());

async function csvRecords(format: string, part: string) {
  const { body } = await exportFile(api, `/export/${format}?part=${part}`);
  return records(await readWith<CsvTable>("csv", await tempFile(`hygiene-${format}-${part}.csv`, body)));
}

describe("CSV formula neutralisation", () => {
  it("covers every character OWASP names, and undoes exactly", () => {
    for (const text of ["=1", "+1", "-1", "@1", "\t1", "\r1", "'=1", "''+1"]) {
      expect(spreadsheetSafe(text)).toBe(`'${text}`);
      expect(restoreSpreadsheetText(spreadsheetSafe(text))).toBe(text);
    }
    for (const text of ["1", "'1", "a=1", " =1", ""]) {
      expect(spreadsheetSafe(text)).toBe(text);
      expect(restoreSpreadsheetText(text)).toBe(text);
    }
  });

  it("Gephi CSV: text that starts a formula gets a leading quote; numbers stay numbers", async () => {
    const nodes = await csvRecords("gephi-csv", "nodes");
    const edges = await csvRecords("gephi-csv", "edges");
    const armenia = nodes.find((node) => node.Id === "armenia")!;
    expect(armenia.Label).toBe(`'${TRIGGERS.label}`);
    expect(armenia.description).toBe(`'${TRIGGERS.description}`);
    expect(nodes.find((node) => node.Id === "turkey")!.Label).toBe(`'${TRIGGERS.turkey}`);
    expect(nodes.find((node) => node.Id === "joint-statement")!.Label).toBe(`'${TRIGGERS.statement}`);
    // A JSON list starts with "[": no formula, left alone.
    expect(JSON.parse(armenia.aliases!)).toEqual(TRIGGERS.aliases);
    const accused = edges.find((edge) => edge.relation === "ACCUSED")!;
    expect(accused.goldstein).toBe("-2");
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(Number.isFinite(Number(node.x))).toBe(true);
      expect(Number.isFinite(Number(node.y))).toBe(true);
    }
    const issued = edges.find((edge) => edge.relation === "ISSUED")!;
    expect(JSON.parse(issued.quotes!)).toEqual([
      "=SUM(1+2) Armenia and Azerbaijan released a joint statement",
    ]);
  });

  it("no cell of either flavour starts a formula, and every text restores to the original", async () => {
    const tables = await Promise.all([
      csvRecords("gephi-csv", "nodes"),
      csvRecords("gephi-csv", "edges"),
      csvRecords("neo4j-csv", "nodes"),
      csvRecords("neo4j-csv", "relationships"),
    ]);
    for (const table of tables) {
      expect(table.length).toBeGreaterThan(0);
      for (const row of table) {
        for (const [column, cell] of Object.entries(row)) {
          const isNumber = cell !== "" && Number.isFinite(Number(cell));
          if (!isNumber) expect(cell, column).not.toMatch(/^[=+\-@\t\r]/);
        }
      }
    }
    const [gephiNodes] = tables;
    const restored = gephiNodes!.map((node) => restoreSpreadsheetText(node.Label!));
    expect(restored.sort()).toEqual([TRIGGERS.label, TRIGGERS.statement, TRIGGERS.turkey].sort());
  });

  it("Neo4j CSV: each item of a text array is neutralised on its own", async () => {
    const nodes = await csvRecords("neo4j-csv", "nodes");
    const armenia = nodes.find((node) => node["id:ID"] === "armenia")!;
    const aliases = armenia["aliases:string[]"]!.split(NEO4J_ARRAY_DELIMITER);
    expect(aliases).toEqual(["'+1 555 0100", "'-minus", "''=already quoted", "plain"]);
    expect(aliases.map(restoreSpreadsheetText)).toEqual(TRIGGERS.aliases);
    const relationships = await csvRecords("neo4j-csv", "relationships");
    expect(relationships.find((row) => row[":TYPE"] === "ACCUSED")!["goldstein:double"]).toBe("-2");
  });
});

describe("export selections are refused rather than guessed", () => {
  it.each([
    ["/export/gexf?ids=", "ids", /^ids: is empty/],
    ["/export/gexf?ids=,,,", "ids", /^ids: is empty/],
    ["/export/gexf?types=", "types", /^types: is empty/],
    ["/export/gexf?kinds=,", "kinds", /^kinds: is empty/],
    ["/export/gexf?sources=", "sources", /^sources: is empty/],
    [
      `/export/gexf?ids=${Array(101).fill("armenia").join(",")}`,
      "ids",
      /^ids: names 101 ids, over the limit of 100 \(limits\.maxExportIds\)/,
    ],
  ])("%s → 400 naming %s", async (path, argument, message) => {
    const response = await download(api, path);
    expect(response.status).toBe(400);
    const error = (
      JSON.parse(response.text) as { errors: { message: string; extensions: { argument: string } }[] }
    ).errors[0]!;
    expect(error.message).toMatch(message);
    expect(error.extensions.argument).toBe(argument);
  });

  it("GraphQL's subgraph takes at most as many ids", async () => {
    const { status, json } = await api.post({
      query: "query ($ids: [ID!]) { subgraph(ids: $ids) { truncated } }",
      variables: { ids: Array(101).fill("armenia") },
    });
    expect(status).toBe(200);
    expect(json.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    expect(json.errors![0]!.message).toMatch(/limits\.maxExportIds/);
  });
});
