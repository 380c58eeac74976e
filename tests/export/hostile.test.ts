import { MultiDirectedGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NEO4J_ARRAY_DELIMITER } from "../../server/export/formats/neo4j-csv.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { readCypherScript } from "./cypher-literals.ts";
import {
  exportFile,
  expectSameGraph,
  graphqlSeen,
  hexColor,
  readWith,
  records,
  seenEdge,
  seenFromFlat,
  seenNode,
  tempFile,
  xmllint,
  type CsvTable,
  type Seen,
} from "./helpers.ts";
import {
  ARMENIA_ALIASES,
  ARMENIA_DESCRIPTION,
  ARMENIA_LABEL,
  AZERBAIJAN_LABEL,
  makeHostileGraphData,
  QUOTE_ONE,
  QUOTE_TWO,
  STATEMENT_LABEL,
  URL_ONE,
} from "./hostile-fixture.ts";

/**
 * Labels, aliases and quotes full of markup, CSV and Cypher metacharacters, line breaks and three
 * scripts: every consumer must read them back exactly as GraphQL returns them. The one control
 * character (U+0001) survives in JSON, CSV and Cypher, and becomes U+FFFD in XML, which cannot hold it.
 */

let api: TestServer;
let expected: Seen;
const ISSUED = "hayastan--ISSUED--joint-statement";
const XML_DESCRIPTION = ARMENIA_DESCRIPTION.replace("\u0001", "\uFFFD");

beforeAll(async () => {
  api = await startTestServer({ limits: { maxCost: 10_000_000 } }, await makeHostileGraphData());
  expected = await graphqlSeen(api);
});
afterAll(() => api.close());

it("the fixture really is hostile, as GraphQL returns it", () => {
  expect(expected.nodes.get("hayastan")).toMatchObject({ label: ARMENIA_LABEL, aliases: ARMENIA_ALIASES });
  expect(expected.nodes.get("azerbaycan")!.label).toBe(AZERBAIJAN_LABEL);
  expect(expected.nodes.get("joint-statement")!.label).toBe(STATEMENT_LABEL);
  expect(expected.edges.get(ISSUED)).toMatchObject({
    quotes: [QUOTE_ONE, QUOTE_TWO],
    corroboration: 2,
    sources: ["hostile-one", "hostile-two"],
    sourceUrls: [URL_ONE, null],
    modality: "asserted",
    dateOrigin: "event",
  });
  expect(expected.edges.get("azerbaycan--WELCOMED--joint-statement")).toMatchObject({
    modality: "asserted",
    claimModalities: ["asserted", "announced"],
    corroboration: 1,
    dateOrigin: "none",
  });
  expect(expected.edges.get("hayastan--WELCOMED--joint-statement")).toMatchObject({
    modality: "hedged",
    claimModalities: ["hedged"],
    goldstein: null,
  });
});

async function download(format: string, name: string) {
  const { body, text } = await exportFile(api, `/export/${format}`);
  return { text, file: await tempFile(`hostile-${name}`, body) };
}

describe("XML formats", () => {
  it("GEXF: well-formed; NetworkX and graphology-gexf read every string back", async () => {
    const { text, file } = await download("gexf", "graph.gexf");
    await xmllint(file);
    expect(text).not.toContain("\u0001");
    const networkx = await readWith("gexf", file);
    expectSameGraph(
      seenFromFlat(networkx, (data) => {
        const viz = data.viz as { color: unknown; size: number; position: { x: number; y: number } };
        return { color: hexColor(viz.color), size: viz.size, x: viz.position.x, y: viz.position.y };
      }),
      expected,
      { viz: true },
    );
    expect(networkx.nodes.find((node) => node.id === "hayastan")!.data.description).toBe(XML_DESCRIPTION);

    const graphology = parseGexf(MultiDirectedGraph, text) as MultiDirectedGraph;
    expect(graphology.getNodeAttribute("hayastan", "label")).toBe(ARMENIA_LABEL);
    expect(JSON.parse(graphology.getEdgeAttribute(ISSUED, "quotes") as string)).toEqual([
      QUOTE_ONE,
      QUOTE_TWO,
    ]);
    expect(graphology.getNodeAttribute("hayastan", "description")).toBe(XML_DESCRIPTION);
  });

  it("GraphML: well-formed; NetworkX, igraph and graphology-graphml read every string back", async () => {
    const { text, file } = await download("graphml", "graph.graphml");
    await xmllint(file);
    const networkx = await readWith("graphml", file);
    expectSameGraph(
      seenFromFlat(networkx, undefined, (edge) => String(edge.key)),
      expected,
      { viz: true },
    );
    expect(networkx.nodes.find((node) => node.id === "hayastan")!.data.description).toBe(XML_DESCRIPTION);
    const igraph = await readWith("igraph-graphml", file);
    expectSameGraph(seenFromFlat(igraph), expected, { viz: true });
    const graphology = parseGraphml(MultiDirectedGraph, text) as MultiDirectedGraph;
    expect(graphology.getNodeAttribute("joint-statement", "label")).toBe(STATEMENT_LABEL);
    expect(JSON.parse(graphology.getEdgeAttribute(ISSUED, "quotes") as string)).toEqual([
      QUOTE_ONE,
      QUOTE_TWO,
    ]);
  });
});

describe("JSON formats", () => {
  it("graphology JSON keeps every string, the control character included", async () => {
    const { text } = await download("graphology-json", "graph.json");
    const graph = MultiDirectedGraph.from(JSON.parse(text));
    expect(graph.getNodeAttributes("hayastan")).toMatchObject({
      label: ARMENIA_LABEL,
      aliases: ARMENIA_ALIASES,
      description: ARMENIA_DESCRIPTION,
    });
    const claims = graph.getEdgeAttribute(ISSUED, "claims") as { quote: string }[];
    expect(claims.map((claim) => claim.quote)).toEqual([QUOTE_ONE, QUOTE_TWO]);
  });

  it("NetworkX node-link: NetworkX reads every string back", async () => {
    const { file } = await download("networkx-json", "graph.networkx.json");
    const graph = await readWith("node-link", file);
    expectSameGraph(
      seenFromFlat(graph, undefined, (edge) => String(edge.key)),
      expected,
      { viz: true },
    );
    expect(graph.nodes.find((node) => node.id === "hayastan")!.data.description).toBe(ARMENIA_DESCRIPTION);
  });

  it("Cytoscape.js JSON keeps every string", async () => {
    const { text } = await download("cytoscape-json", "graph.cyjs");
    const json = JSON.parse(text) as {
      elements: {
        nodes: { data: Record<string, unknown> & { id: string } }[];
        edges: { data: Record<string, unknown> & { id: string; source: string; target: string } }[];
      };
    };
    const seen: Seen = {
      nodes: new Map(json.elements.nodes.map((node) => [node.data.id, seenNode(node.data)])),
      edges: new Map(
        json.elements.edges.map((edge) => [
          edge.data.id,
          seenEdge(edge.data.source, edge.data.target, edge.data),
        ]),
      ),
    };
    expectSameGraph(seen, expected, { viz: true });
  });
});

describe("CSV formats and Cypher", () => {
  async function csvPart(format: string, part: string): Promise<CsvTable> {
    const { body } = await exportFile(api, `/export/${format}?part=${part}`);
    return readWith<CsvTable>("csv", await tempFile(`hostile-${format}-${part}.csv`, body));
  }

  it("Gephi CSV: Python's csv module reads every string back", async () => {
    const nodes = records(await csvPart("gephi-csv", "nodes"));
    const edges = records(await csvPart("gephi-csv", "edges"));
    const seen: Seen = {
      nodes: new Map(nodes.map((node) => [node.Id!, seenNode({ ...node, label: node.Label })])),
      edges: new Map(edges.map((edge) => [edge.Id!, seenEdge(edge.Source!, edge.Target!, edge)])),
    };
    expectSameGraph(seen, expected, { viz: true });
    expect(nodes.find((node) => node.Id === "hayastan")!.description).toBe(ARMENIA_DESCRIPTION);
  });

  it("Neo4j CSV: every string survives, arrays split on U+001F", async () => {
    const nodes = records(await csvPart("neo4j-csv", "nodes"));
    const relationships = records(await csvPart("neo4j-csv", "relationships"));
    const hayastan = nodes.find((node) => node["id:ID"] === "hayastan")!;
    expect(hayastan.label).toBe(ARMENIA_LABEL);
    expect(hayastan.description).toBe(ARMENIA_DESCRIPTION);
    expect(hayastan["aliases:string[]"]!.split(NEO4J_ARRAY_DELIMITER)).toEqual(ARMENIA_ALIASES);
    const issued = relationships.find((relationship) => relationship.id === ISSUED)!;
    expect(issued["quotes:string[]"]!.split(NEO4J_ARRAY_DELIMITER)).toEqual([QUOTE_ONE, QUOTE_TWO]);
    expect(issued["sourceUrls:string[]"]!.split(NEO4J_ARRAY_DELIMITER)).toEqual([URL_ONE, ""]);
    expect(nodes.find((node) => node["id:ID"] === "joint-statement")!.label).toBe(STATEMENT_LABEL);
  });

  it("Cypher: every string literal reads back to the original", async () => {
    const { text } = await download("cypher", "graph.cypher");
    const script = readCypherScript(text);
    const hayastan = script.nodes.find((node) => node.id === "hayastan")!;
    expect(hayastan.properties).toMatchObject({
      label: ARMENIA_LABEL,
      aliases: ARMENIA_ALIASES,
      description: ARMENIA_DESCRIPTION,
    });
    const issued = script.relationships.find((relationship) => relationship.id === ISSUED)!;
    expect(issued.properties.quotes).toEqual([QUOTE_ONE, QUOTE_TWO]);
    expect(script.nodes.find((node) => node.id === "joint-statement")!.properties.label).toBe(
      STATEMENT_LABEL,
    );
    expect(script.nodes.find((node) => node.id === "azerbaycan")!.properties.label).toBe(AZERBAIJAN_LABEL);
  });
});
