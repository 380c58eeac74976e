import { MultiDirectedGraph } from "graphology";
import { parse as parseGexf } from "graphology-gexf";
import { parse as parseGraphml } from "graphology-graphml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ORACLE_CLAIMS,
  ORACLE_DATA,
  ORACLE_MODIFIED,
  ORACLE_NODES,
  ORACLE_SOURCES,
  R,
  oracleNode,
  oracleRelation,
} from "../fixtures/oracle.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { readCypherScript } from "./cypher-literals.ts";
import { exportFile, readBatch, tempFile, xmllint, type ConsumerGraph, type CsvTable } from "./helpers.ts";
import {
  expectedReading,
  fromCypher,
  fromCytoscape,
  fromFlatGraph,
  fromGephiCsv,
  fromGexf,
  fromNeo4jCsv,
  type Reading,
} from "./oracle-readings.ts";

/**
 * Every export format of the oracle fixture, read by the tool analysts use, against values worked
 * out by hand (tests/fixtures/oracle.ts) rather than against the server's own GraphQL answer: the
 * selection, corroboration, codes, dates, colours, sizes and provenance (claim ids included) are
 * each checked in all nine files. Only the layout positions come from the server (the layout tests
 * check those against a fresh run).
 */

let api: TestServer;
let positions: Map<string, { x: number; y: number }>;

beforeAll(async () => {
  api = await startTestServer({}, ORACLE_DATA);
  const { nodes } = await api.query<{ nodes: { id: string; position: { x: number; y: number } }[] }>(
    `query ($ids: [ID!]!) { nodes(ids: $ids) { id ... on Entity { position { x y } } } }`,
    { ids: ORACLE_NODES.map((node) => node.id) },
  );
  positions = new Map(nodes.map((node) => [node.id, node.position]));
  // Ten distinct places: a layout that put every node at one point would make x and y meaningless.
  expect(new Set(nodes.map((node) => `${node.position.x},${node.position.y}`)).size).toBe(10);
});
afterAll(() => api.close());

const ALL_NODES = ORACLE_NODES.map((node) => node.id);
const SELECTIONS = [
  {
    name: "the whole graph, the isolated Zembla included",
    query: "",
    file: "peacegraph",
    nodes: ALL_NODES,
    relations: Object.values(R),
  },
  {
    name: "King Muskar at depth 1, with the relations among his neighbours",
    query: "ids=muskar&depth=1",
    file: "peacegraph-muskar",
    nodes: ["muskar", "klow-summit", "syldavia", "borduria"],
    relations: [R.attended, R.leads, R.criticized, R.met, R.mayCriticize],
  },
  {
    name: "criticisms and releases between actors, and only the nodes they join",
    query: "types=CRITICIZED,RELEASED&kinds=actor",
    file: "peacegraph",
    nodes: ["syldavia", "borduria", "muskar", "bordurian-prisoners", "syldavian-fishermen"],
    relations: [R.released, R.fishermen, R.criticized, R.mayCriticize],
  },
];

function expectSameReading(actual: Reading, expected: Reading, reader: string): void {
  expect(expected.nodes.size).toBeGreaterThan(0);
  expect([...actual.nodes.keys()].sort(), `${reader}: node ids`).toEqual([...expected.nodes.keys()].sort());
  expect([...actual.edges.keys()].sort(), `${reader}: relation ids`).toEqual(
    [...expected.edges.keys()].sort(),
  );
  for (const [id, node] of expected.nodes)
    expect({ id, ...actual.nodes.get(id) }, reader).toEqual({ id, ...node });
  const unread = new Set(actual.unreadEdgeFields ?? []);
  const readable = (edge: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(edge).filter(([name]) => !unread.has(name)));
  for (const [id, edge] of expected.edges)
    expect({ id, ...readable(actual.edges.get(id)!) }, reader).toEqual({ id, ...readable(edge) });
}

describe.each(SELECTIONS)("$name", (selection) => {
  const readings = new Map<string, Reading>();
  const texts = new Map<string, string>();
  let expected: Reading;

  beforeAll(async () => {
    expected = expectedReading(selection.nodes, selection.relations, positions);
    const get = async (format: string, part?: string) => {
      const query = [selection.query, part ? `part=${part}` : ""].filter(Boolean).join("&");
      const { text, headers } = await exportFile(api, `/export/${format}${query ? `?${query}` : ""}`);
      if (!part)
        expect(headers.get("content-disposition")).toMatch(new RegExp(`filename="${selection.file}\\.`));
      texts.set(part ? `${format}.${part}` : format, text);
      return tempFile(`oracle-${SELECTIONS.indexOf(selection)}-${format}${part ? `-${part}` : ""}`, text);
    };
    const files = {
      gexf: await get("gexf"),
      gexf13: await get("gexf-1.3"),
      graphml: await get("graphml"),
      nodeLink: await get("networkx-json"),
      gephiNodes: await get("gephi-csv", "nodes"),
      gephiEdges: await get("gephi-csv", "edges"),
      neo4jNodes: await get("neo4j-csv", "nodes"),
      neo4jRelationships: await get("neo4j-csv", "relationships"),
    };
    await get("cypher");
    await get("cytoscape-json");
    await get("graphology-json");
    const [gexf, gexf13, graphml, igraph, nodeLink, gephiNodes, gephiEdges, neo4jNodes, neo4jRelationships] =
      (await readBatch([
        ["gexf", files.gexf],
        ["gexf-1.3", files.gexf13],
        ["graphml", files.graphml],
        ["igraph-graphml", files.graphml],
        ["node-link", files.nodeLink],
        ["csv", files.gephiNodes],
        ["csv", files.gephiEdges],
        ["csv", files.neo4jNodes],
        ["csv", files.neo4jRelationships],
      ])) as [
        ConsumerGraph,
        ConsumerGraph,
        ConsumerGraph,
        ConsumerGraph,
        ConsumerGraph,
        CsvTable,
        CsvTable,
        CsvTable,
        CsvTable,
      ];
    const byKey = (edge: ConsumerGraph["edges"][number]) => String(edge.key);
    readings.set("GEXF 1.2draft, NetworkX", fromGexf(gexf, "networkx"));
    readings.set("GEXF 1.3, NetworkX", fromGexf(gexf13, "networkx"));
    readings.set("GraphML, NetworkX", fromFlatGraph(graphml, byKey));
    readings.set(
      "GraphML, igraph",
      fromFlatGraph(igraph, (edge) => String(edge.data.id)),
    );
    readings.set("node-link JSON, NetworkX", fromFlatGraph(nodeLink, byKey));
    readings.set("Gephi CSV, Python csv", fromGephiCsv(gephiNodes, gephiEdges));
    readings.set("Neo4j CSV, Python csv", fromNeo4jCsv(neo4jNodes, neo4jRelationships));
    readings.set("Cypher, read literal by literal", fromCypher(readCypherScript(texts.get("cypher")!)));
    readings.set("Cytoscape.js JSON", fromCytoscape(JSON.parse(texts.get("cytoscape-json")!)));
    for (const [name, format] of [
      ["GEXF 1.2draft, graphology-gexf", "gexf"],
      ["GEXF 1.3, graphology-gexf", "gexf-1.3"],
    ] as const) {
      const graph = parseGexf(MultiDirectedGraph, texts.get(format)!) as MultiDirectedGraph;
      readings.set(name, fromGexf(graphologyAsConsumer(graph), "graphology"));
    }
    const graphmlGraph = parseGraphml(MultiDirectedGraph, texts.get("graphml")!) as MultiDirectedGraph;
    readings.set("GraphML, graphology-graphml", fromFlatGraph(graphologyAsConsumer(graphmlGraph), byKey));
    await xmllint(files.gexf);
    await xmllint(files.gexf13);
    await xmllint(files.graphml);
  }, 60_000);

  it("every reader of every format reads every node and relation field the oracle gives", () => {
    expect(readings.size).toBe(12);
    for (const [reader, reading] of readings) expectSameReading(reading, expected, reader);
  });

  it("the JSON formats give each relation's claims, each with its own provenance", () => {
    const networkx = JSON.parse(texts.get("networkx-json")!) as {
      links: { key: string; claims: unknown[] }[];
    };
    const cytoscape = JSON.parse(texts.get("cytoscape-json")!) as {
      elements: { edges: { data: { id: string; claims: unknown[] } }[] };
    };
    const claimsOf = (id: string) => oracleRelation(id).claimIds.map((claim) => ORACLE_CLAIMS[claim]);
    expect(networkx.links.map((edge) => edge.key).sort()).toEqual([...selection.relations].sort());
    for (const edge of networkx.links) expect(edge.claims, edge.key).toEqual(claimsOf(edge.key));
    expect(cytoscape.elements.edges).toHaveLength(selection.relations.length);
    for (const { data } of cytoscape.elements.edges) expect(data.claims, data.id).toEqual(claimsOf(data.id));
  });

  it("graphology JSON is the loader's graph: typed dates, durations and extents, every claim", () => {
    const graph = MultiDirectedGraph.from(JSON.parse(texts.get("graphology-json")!));
    expect(graph.type).toBe("directed");
    expect(graph.multi).toBe(true);
    expect(graph.nodes().sort()).toEqual([...selection.nodes].sort());
    expect(graph.edges().sort()).toEqual([...selection.relations].sort());
    graph.forEachNode((id, node) => {
      const oracle = oracleNode(id);
      expect({
        label: node.label,
        kind: node.kind,
        type: node.type,
        aliases: node.aliases,
        description: node.description,
        wikidata: node.wikidata,
        cameo: node.cameo,
        status: node.status,
        date: node.date && [node.date.text, node.date.start, node.date.end, node.date.precision],
        count: node.count,
        duration: node.duration?.text ?? null,
        extent: node.extent?.text ?? null,
        color: node.color,
        size: node.size,
        position: { x: node.x, y: node.y },
      }).toEqual({
        ...pick(oracle, ["label", "kind", "type", "aliases", "description", "wikidata", "cameo", "status"]),
        date: oracle.date && [oracle.date, oracle.dateStart, oracle.dateEnd, oracle.datePrecision],
        count: oracle.count,
        duration: oracle.duration,
        extent: oracle.extent,
        color: oracle.color,
        size: oracle.size,
        position: positions.get(id),
      });
    });
    graph.forEachEdge((id, relation, source, target) => {
      const oracle = oracleRelation(id);
      expect({
        source,
        target,
        subject: relation.subject,
        object: relation.object,
        type: relation.type,
        modality: relation.modality,
        confidence: relation.confidence,
        corroboration: relation.corroboration,
        sources: relation.sources,
        date: relation.date?.text ?? null,
        dateOrigin: relation.dateOrigin,
        dateInheritedFrom: relation.dateInheritedFrom,
        count: relation.count,
        duration: relation.duration?.text ?? null,
        extent: relation.extent?.text ?? null,
        claims: (relation.claims as Record<string, unknown>[]).map((claim) => ({
          id: claim.id,
          quote: claim.quote,
          source: claim.source,
          confidence: claim.confidence,
          status: claim.status,
          modality: claim.modality,
          attributedTo: claim.attributedTo,
        })),
      }).toEqual({
        source: oracle.source,
        target: oracle.target,
        subject: oracle.source,
        object: oracle.target,
        type: oracle.relation,
        ...pick(oracle, ["modality", "confidence", "corroboration", "sources", "date", "dateOrigin"]),
        ...pick(oracle, ["dateInheritedFrom", "count", "duration", "extent"]),
        claims: oracle.claimIds.map((claim) => {
          const {
            sourceTitle: _title,
            sourceUrl: _url,
            qualifiers: _qualifiers,
            ...rest
          } = ORACLE_CLAIMS[claim]!;
          return rest;
        }),
      });
    });
  });

  it("GEXF: edge weight is the corroboration, 1.3 edges name their type, dated nodes span their dates", () => {
    for (const format of ["gexf", "gexf-1.3"]) {
      const text = texts.get(format)!;
      expect(text).toContain(`<meta lastmodifieddate="${ORACLE_MODIFIED}">`);
      for (const id of selection.relations) {
        const { corroboration, relation, source, target } = oracleRelation(id);
        const kind = format === "gexf-1.3" ? ` kind="${relation}"` : "";
        expect(text).toContain(
          `<edge id="${id}" source="${source}" target="${target}" label="${oracleRelation(id).label}"${kind} weight="${corroboration}">`,
        );
      }
      for (const id of selection.nodes) {
        const { label, dateStart, dateEnd } = oracleNode(id);
        const span = dateStart ? ` start="${dateStart}" end="${dateEnd}"` : "";
        expect(text).toContain(`<node id="${id}" label="${label}"${span}>`);
      }
    }
  });

  it("the sources the relations cite, in every format that lists them", () => {
    const cited = ORACLE_SOURCES.filter((source) =>
      selection.relations.some((id) => oracleRelation(id).sources.includes(source.id)),
    );
    expect(cited.length).toBeGreaterThan(0);
    const graphml = texts.get("graphml")!;
    const sources = /<data key="g_sources">([^<]*)<\/data>/.exec(graphml)![1]!.replaceAll("&quot;", '"');
    expect(JSON.parse(sources)).toEqual(cited);
    expect(JSON.parse(texts.get("networkx-json")!).graph.sources).toEqual(cited);
    expect(JSON.parse(texts.get("cytoscape-json")!).data.sources).toEqual(cited);
    expect(JSON.parse(texts.get("graphology-json")!).attributes.sources).toEqual(cited);
  });

  it("Neo4j: every node is an Entity of its kind, every relationship typed by its relation", () => {
    const nodes = texts.get("neo4j-csv.nodes")!.split("\r\n").slice(1, -1);
    expect(nodes).toHaveLength(selection.nodes.length);
    for (const line of nodes) {
      const id = line.slice(0, line.indexOf(","));
      const kind = oracleNode(id).kind;
      expect(line.endsWith(`,Entity\u001F${kind[0]!.toUpperCase()}${kind.slice(1)}`), id).toBe(true);
    }
    const relationships = texts.get("neo4j-csv.relationships")!.split("\r\n").slice(1, -1);
    expect(relationships.map((line) => line.split(",").slice(0, 4).join(",")).sort()).toEqual(
      selection.relations
        .map((id) => {
          const { source, target, relation } = oracleRelation(id);
          return `${source},${target},${relation},${id}`;
        })
        .sort(),
    );
  });
});

/** A graphology graph in the shape consumers.py gives, so one decoder serves both. */
function graphologyAsConsumer(graph: MultiDirectedGraph): ConsumerGraph {
  return {
    reader: "graphology",
    directed: graph.type === "directed",
    nodes: graph.mapNodes((id, data) => ({ id, data })),
    edges: graph.mapEdges((key, data, source, target) => ({ source, target, key, data })),
  };
}

function pick<T extends object>(object: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Partial<T>;
}
