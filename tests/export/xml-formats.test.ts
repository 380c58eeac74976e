import { MultiDirectedGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import {
  exportFile,
  expectSameGraph,
  graphqlSeen,
  hexColor,
  readWith,
  seenEdge,
  seenFromFlat,
  seenNode,
  tempFile,
  xmllint,
  type Seen,
  type SelectionVariables,
} from "./helpers.ts";

/** GEXF and GraphML of the seed graph, read by NetworkX, igraph and graphology, against GraphQL. */

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ limits: { maxCost: 10_000_000 } });
});
afterAll(() => api.close());

const SELECTIONS: { name: string; query: string; variables: SelectionVariables }[] = [
  { name: "armenia, depth 1", query: "ids=armenia&depth=1", variables: { ids: ["armenia"], depth: 1 } },
  { name: "the whole graph", query: "", variables: {} },
  {
    name: "actors and events, 2023, two relation types",
    query: "kinds=actor,event&from=2023&to=2023-12&types=ISSUED,ATTACKED",
    variables: {
      kinds: ["ACTOR", "EVENT"],
      where: { type: ["ISSUED", "ATTACKED"], dateFrom: "2023", dateTo: "2023-12" },
    },
  },
];

/** graphology's parsers give flat attributes; GEXF viz arrives as color "rgba(…)", size, x, y. */
function seenFromGraphology(graph: MultiDirectedGraph, vizFromGexf: boolean): Seen {
  const seen: Seen = { nodes: new Map(), edges: new Map() };
  graph.forEachNode((id, data) => {
    const viz = vizFromGexf
      ? { color: hexColor(data.color), size: data.size, x: data.x, y: data.y }
      : undefined;
    seen.nodes.set(id, seenNode(data, viz));
  });
  graph.forEachEdge((id, data, source, target) => seen.edges.set(id, seenEdge(source, target, data)));
  return seen;
}

/** The default GEXF (1.2draft) and the 1.3 option: what differs between them, and how each is read. */
const GEXF_VERSIONS = [
  {
    version: "1.2draft",
    format: "gexf",
    reader: "gexf",
    root: '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz"',
    versionAttribute: 'version="1.2"',
    nodeAttributes: '<attributes class="node" mode="static">',
    edgeKind: false,
  },
  {
    version: "1.3",
    format: "gexf-1.3",
    reader: "gexf-1.3",
    root: '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz"',
    versionAttribute: 'version="1.3"',
    nodeAttributes: '<attributes class="node">',
    edgeKind: true,
  },
] as const;

const GEXF_CASES = GEXF_VERSIONS.flatMap((version) =>
  SELECTIONS.map((selection) => ({ ...version, ...selection })),
);

describe.each(GEXF_CASES)("GEXF $version: $name", (gexf) => {
  const { query, variables } = gexf;
  let file: string;
  let body: string;
  let expected: Seen;
  beforeAll(async () => {
    const download = await exportFile(api, `/export/${gexf.format}?${query}`);
    body = download.text;
    const index = SELECTIONS.findIndex((s) => s.query === query);
    file = await tempFile(`selection-${index}.${gexf.format}.gexf`, download.body);
    expected = await graphqlSeen(api, variables);
    expect(expected.edges.size).toBeGreaterThan(0);
  });

  it("is well-formed XML in its version's namespaces, with typed attribute declarations", async () => {
    await xmllint(file);
    expect(body).toContain(gexf.root);
    expect(body).toContain(gexf.versionAttribute);
    expect(body).toContain(`${gexf.nodeAttributes}\n      <attribute id="kind" title="kind" type="string"/>`);
    expect(body).toContain('<attribute id="corroboration" title="corroboration" type="integer"/>');
    expect(body).toContain('<attribute id="confidence" title="confidence" type="double"/>');
    expect(body.includes(" kind=")).toBe(gexf.edgeKind);
  });

  it("NetworkX 2.8 reads every node, relation, label, quote, date, colour, size and position", async () => {
    const graph = await readWith(gexf.reader, file);
    expect(graph.directed).toBe(true);
    const seen = seenFromFlat(graph, (data) => {
      const viz = data.viz as { color: unknown; size: number; position: { x: number; y: number } };
      return { color: hexColor(viz.color), size: viz.size, x: viz.position.x, y: viz.position.y };
    });
    expectSameGraph(seen, expected, { viz: true });
    // Dated nodes carry GEXF start/end (the timeline); NetworkX reads them as strings.
    // Every selection here holds dated events and undated actors.
    const dated = graph.nodes.filter((node) => node.data.dateStart);
    const undated = graph.nodes.filter((node) => !node.data.dateStart);
    expect(dated.length).toBeGreaterThan(0);
    expect(undated.length).toBeGreaterThan(0);
    for (const node of dated)
      expect([node.data.start, node.data.end]).toEqual([node.data.dateStart, node.data.dateEnd]);
    for (const node of undated) expect([node.data.start, node.data.end]).toEqual([undefined, undefined]);
    expect(graph.edges.length).toBe(expected.edges.size);
    for (const edge of graph.edges) expect(edge.data.weight).toBe(Number(edge.data.corroboration));
  });

  it("graphology-gexf parses it back with the same values", () => {
    const graph = parseGexf(MultiDirectedGraph, body) as MultiDirectedGraph;
    expect(graph.type).toBe("directed");
    expectSameGraph(seenFromGraphology(graph, true), expected, { viz: true });
    graph.forEachEdge((_id, data) => expect(data.kind).toBe(gexf.edgeKind ? data.relation : undefined));
  });
});

describe.each(SELECTIONS)("GraphML: $name", ({ query, variables }) => {
  let file: string;
  let body: string;
  let expected: Seen;
  beforeAll(async () => {
    const download = await exportFile(api, `/export/graphml?${query}`);
    body = download.text;
    file = await tempFile(
      `selection-${SELECTIONS.findIndex((s) => s.query === query)}.graphml`,
      download.body,
    );
    expected = await graphqlSeen(api, variables);
  });

  it("is well-formed, declares every key before <graph>, and is directed with edge ids", async () => {
    await xmllint(file);
    const graphAt = body.indexOf("<graph ");
    expect(body.lastIndexOf("<key ")).toBeLessThan(graphAt);
    expect(body).toContain(
      '<key id="e_corroboration" for="edge" attr.name="corroboration" attr.type="int"/>',
    );
    expect(body).not.toContain('attr.type="long"');
    expect(body.slice(graphAt, body.indexOf(">", graphAt))).toContain('edgedefault="directed"');
    expect(body.match(/<edge id="/g)?.length).toBe(expected.edges.size);
  });

  it("NetworkX reads it as a MultiDiGraph with the same values, parallel relations apart", async () => {
    const graph = await readWith("graphml", file);
    expect(graph.class).toBe("MultiDiGraph");
    // NetworkX keeps a GraphML edge id as the edge's key in the multigraph.
    expectSameGraph(
      seenFromFlat(graph, undefined, (edge) => String(edge.key)),
      expected,
      { viz: true },
    );
    expect(new Set(graph.edges.map((edge) => edge.key)).size).toBe(graph.edges.length);
  });

  it("igraph reads it with the same values (its numbers are floats, missing strings empty)", async () => {
    const graph = await readWith("igraph-graphml", file);
    expect(graph.directed).toBe(true);
    expectSameGraph(seenFromFlat(graph), expected, { viz: true });
  });

  it("graphology-graphml parses it back with the same values", () => {
    const graph = parseGraphml(MultiDirectedGraph, body) as MultiDirectedGraph;
    expectSameGraph(seenFromGraphology(graph, false), expected, { viz: true });
  });
});
