import { MultiDirectedGraph } from "graphology";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectSubgraph, UNLIMITED } from "../../server/export/selection.ts";
import { codesAt } from "../../server/graph/modality.ts";
import { nodeSize } from "../../server/visual/encoding.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import {
  exportFile,
  expectSameGraph,
  graphqlSeen,
  readWith,
  seenEdge,
  seenFromFlat,
  seenNode,
  tempFile,
  type Seen,
} from "./helpers.ts";

/** The JSON formats of the seed graph: graphology (lossless), NetworkX node-link, Cytoscape.js. */

let api: TestServer;
let expected: Seen;
const QUERY = "ids=armenia,azerbaijan&depth=1&types=WELCOMED,ISSUED,SIGNED,AGREED,NEGOTIATED,RELEASED";
const VARIABLES = {
  ids: ["armenia", "azerbaijan"],
  depth: 1,
  where: { type: ["WELCOMED", "ISSUED", "SIGNED", "AGREED", "NEGOTIATED", "RELEASED"] },
};

beforeAll(async () => {
  api = await startTestServer({ limits: { maxCost: 10_000_000 } });
  expected = await graphqlSeen(api, VARIABLES);
  expect(expected.edges.size).toBeGreaterThan(5);
});
afterAll(() => api.close());

describe("graphology JSON", () => {
  it("imports into graphology equal to the loader's graph for the same selection, plus sigma's viz", async () => {
    const { text } = await exportFile(api, `/export/graphology-json?${QUERY}`);
    const imported = MultiDirectedGraph.from(JSON.parse(text));

    const { knowledge, positions, typeColors } = api.store;
    const selection = selectSubgraph(knowledge, VARIABLES, UNLIMITED);
    const loader = new MultiDirectedGraph();
    for (const id of selection.nodes) {
      const attributes = knowledge.graph.getNodeAttributes(id);
      const { x, y } = positions.get(id)!;
      const color = typeColors.get(attributes.type);
      const size = nodeSize(knowledge.graph.degree(id));
      const { file: _file, line: _line, ...located } = attributes;
      loader.addNode(id, { ...located, x, y, color, size });
    }
    for (const relation of selection.relations)
      loader.addDirectedEdgeWithKey(relation.id, relation.subject, relation.object, {
        ...relation,
        claims: relation.claims.map(({ file: _file, line: _line, ...claim }) => claim),
      });

    // JSON drops undefined values (a claim's unknown line); toEqual treats them as absent too.
    const { attributes, ...graphPart } = imported.export();
    const { attributes: _none, ...loaderPart } = loader.export();
    expect(graphPart).toEqual(loaderPart);
    const cited = new Set(selection.relations.flatMap((relation) => relation.sources));
    expect((attributes.sources as { id: string }[]).map((source) => source.id)).toEqual([...cited].sort());
    // Where the server read each item from is not part of the export.
    expect(text).not.toMatch(/"file":|graph-data\//);
    expect(imported.multi).toBe(true);
    expect(imported.type).toBe("directed");
  });

  it("matches the GraphQL answer", async () => {
    const { text } = await exportFile(api, `/export/graphology-json?${QUERY}`);
    const graph = MultiDirectedGraph.from(JSON.parse(text));
    const seen: Seen = { nodes: new Map(), edges: new Map() };
    graph.forEachNode((id, data) =>
      seen.nodes.set(id, { ...seenNode({ ...data, aliases: data.aliases, date: data.date?.text }) }),
    );
    graph.forEachEdge((id, data) => {
      const sources = data.sources as string[];
      const urls = new Map(
        (graph.getAttribute("sources") as { id: string; url: string | null }[]).map((s) => [s.id, s.url]),
      );
      seen.edges.set(
        id,
        seenEdge(data.subject, data.object, {
          ...data,
          relation: data.type,
          date: data.date?.text,
          goldstein: codesAt(api.store.knowledge.relationType(data.type), data.modality).goldstein,
          quotes: (data.claims as { quote: string }[]).map((claim) => claim.quote),
          claimModalities: (data.claims as { modality: string }[]).map((claim) => claim.modality),
          sourceUrls: sources.map((source) => urls.get(source) ?? null),
        }),
      );
    });
    expectSameGraph(seen, expected, { viz: true });
  });
});

describe("NetworkX node-link JSON", () => {
  it("NetworkX 2.8 reads it with no arguments as a MultiDiGraph keyed by relation id", async () => {
    const download = await exportFile(api, `/export/networkx-json?${QUERY}`);
    const json = JSON.parse(download.text) as {
      links: unknown[];
      edges: unknown[];
      directed: boolean;
      multigraph: boolean;
    };
    expect(json.directed).toBe(true);
    expect(json.multigraph).toBe(true);
    // "links" for NetworkX before 3.6, "edges" for 3.6 and later: the same list under both names.
    expect(json.edges).toEqual(json.links);

    const graph = await readWith("node-link", await tempFile("selection.networkx.json", download.body));
    expect(graph.reader).toMatch(/^networkx 2\./);
    expect(graph.class).toBe("MultiDiGraph");
    expectSameGraph(
      seenFromFlat(graph, undefined, (edge) => String(edge.key)),
      expected,
      { viz: true },
    );
    const edge =
      graph.edges.find((candidate) => (candidate.data.claims as unknown[]).length > 1) ?? graph.edges[0]!;
    const claims = edge.data.claims as {
      quote: string;
      source: string;
      sourceUrl: string | null;
      confidence: number;
    }[];
    expect(claims.map((claim) => claim.quote)).toEqual(expected.edges.get(String(edge.key))!.quotes);
    expect(claims[0]!.confidence).toBeGreaterThan(0);
  });
});

describe("Cytoscape.js JSON", () => {
  it("has elements.nodes and elements.edges with data ids unique across both, and the same values", async () => {
    const { text, headers } = await exportFile(api, `/export/cytoscape-json?${QUERY}`);
    expect(headers.get("content-type")).toBe("application/json; charset=utf-8");
    const json = JSON.parse(text) as {
      elements: {
        nodes: { data: Record<string, unknown> & { id: string }; position: { x: number; y: number } }[];
        edges: { data: Record<string, unknown> & { id: string; source: string; target: string } }[];
      };
    };
    const ids = [...json.elements.nodes, ...json.elements.edges].map((element) => element.data.id);
    expect(new Set(ids).size).toBe(ids.length);
    const nodeIds = new Set(json.elements.nodes.map((node) => node.data.id));
    for (const edge of json.elements.edges) {
      expect(nodeIds.has(edge.data.source) && nodeIds.has(edge.data.target)).toBe(true);
    }
    const seen: Seen = {
      nodes: new Map(
        json.elements.nodes.map((node) => [
          node.data.id,
          seenNode(node.data, {
            color: String(node.data.color),
            size: Number(node.data.size),
            ...node.position,
          }),
        ]),
      ),
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
