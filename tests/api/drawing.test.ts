import { deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Drawing } from "../../server/query/drawing.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** The viewer's lean first load (Query.drawing) and its exact "current view" exports (view=). */

const DRAWING_QUERY = `{ drawing { version nodeTypeIds relationTypeIds sourceIds nodeIds nodeLabels nodeTypes
  nodeX nodeY nodeDateStart nodeDateEnd aliases aliasNodes relationIds relationSubjects relationObjects
  relationTypes relationCorroboration relationDateStart relationDateEnd relationSources } }`;

let api: TestServer;
let small: TestServer;
let drawing: Drawing;
beforeAll(async () => {
  api = await startTestServer();
  small = await startTestServer({ limits: { maxExportRelations: 10 } });
  drawing = (await api.query<{ drawing: Drawing }>(DRAWING_QUERY)).drawing;
});
afterAll(async () => {
  await Promise.all([api.close(), small.close()]);
});

/** The view parameter, encoded here independently of the viewer: version, then deflated bits. */
function encodeView(version: string, nodes: string[], relations: string[]): string {
  const total = drawing.nodeIds.length + drawing.relationIds.length;
  const bits = Buffer.alloc(Math.ceil(total / 8));
  const set = (i: number) => (bits[i >> 3]! |= 1 << (i & 7));
  for (const id of nodes) set(drawing.nodeIds.indexOf(id));
  for (const id of relations) set(drawing.nodeIds.length + drawing.relationIds.indexOf(id));
  return `${version}.${deflateRawSync(bits).toString("base64url")}`;
}

describe("Query.drawing", () => {
  it("has one entry per node and relation, and hand-checked facts of the seed graph", async () => {
    const { stats } = await api.query<{ stats: { nodes: number; relations: number } }>(
      "{ stats { nodes relations } }",
    );
    for (const column of [
      drawing.nodeIds,
      drawing.nodeLabels,
      drawing.nodeTypes,
      drawing.nodeX,
      drawing.nodeY,
    ])
      expect(column.length).toBe(stats.nodes);
    for (const column of [drawing.relationIds, drawing.relationSubjects, drawing.relationSources])
      expect(column.length).toBe(stats.relations);
    const guterres = drawing.nodeIds.indexOf("antonio-guterres");
    expect(drawing.nodeLabels[guterres]).toBe("António Guterres");
    expect(drawing.nodeTypeIds[drawing.nodeTypes[guterres]!]).toBe("person");
    const leads = drawing.relationIds.indexOf("antonio-guterres--LEADS--united-nations");
    expect(drawing.nodeIds[drawing.relationSubjects[leads]!]).toBe("antonio-guterres");
    expect(drawing.nodeIds[drawing.relationObjects[leads]!]).toBe("united-nations");
    expect(drawing.relationTypeIds[drawing.relationTypes[leads]!]).toBe("LEADS");
    // The joint statement: dated 2023-12-07 (19698 days after 1970-01-01) by the better-supported claim.
    const statement = drawing.nodeIds.indexOf("joint-statement-2023-12");
    expect(drawing.nodeDateStart[statement]).toBe(Date.UTC(2023, 11, 7) / 86_400_000);
    expect(drawing.aliases.length).toBe(drawing.aliasNodes.length);
    expect(drawing.aliases[drawing.aliasNodes.indexOf(drawing.nodeIds.indexOf("turkey"))]).toBeTruthy();
  });

  it("carries no claims, quotes or server file paths, and stays within the cost budget", async () => {
    const { json } = await api.post({ query: DRAWING_QUERY });
    const text = JSON.stringify(json.data);
    expect(text).not.toContain("graph-data");
    expect(text).not.toContain(".yaml");
    expect(text).not.toContain("has commended the recent agreement");
    const cost = (json.extensions?.cost as { requested: number; budget: number }).requested;
    expect(cost).toBeLessThan(100);
  });

  it("is refused past the export limits, naming the limit", async () => {
    const { json } = await small.post({ query: "{ drawing { version } }" });
    expect(json.errors?.[0]?.message).toMatch(/export limit of 10 relations/);
    expect(json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("export of exactly a view", () => {
  it("holds exactly the nodes and relations in the view, though other relations join them", async () => {
    const relation = "antonio-guterres--LEADS--united-nations";
    const view = encodeView(drawing.version, ["antonio-guterres", "united-nations"], [relation]);
    const response = await fetch(`${api.url}/export/graphology-json?view=${view}`);
    expect(response.status).toBe(200);
    const file = (await response.json()) as { nodes: { key: string }[]; edges: { key: string }[] };
    expect(file.nodes.map((node) => node.key).sort()).toEqual(["antonio-guterres", "united-nations"]);
    expect(file.edges.map((edge) => edge.key)).toEqual([relation]);
    // The same two nodes at depth 0 would bring every relation between them: the view does not.
    const byIds = (await (
      await fetch(`${api.url}/export/graphology-json?ids=antonio-guterres,united-nations&depth=0`)
    ).json()) as { edges: unknown[] };
    expect(byIds.edges.length).toBeGreaterThanOrEqual(1);
  });

  it("works through GraphQL's subgraph too", async () => {
    const view = encodeView(drawing.version, ["armenia"], []);
    const data = await api.query<{
      subgraph: { truncated: boolean; export: { nodeCount: number; relationCount: number } };
    }>(
      "query ($view: String) { subgraph(view: $view) { truncated export(format: CYPHER) { nodeCount relationCount } } }",
      { view },
    );
    expect(data.subgraph).toEqual({ truncated: false, export: { nodeCount: 1, relationCount: 0 } });
  });

  it.each([
    ["another graph's version", () => encodeView("AAAAAAAAAAAAAAAA", ["armenia"], []), /another version/],
    ["a malformed value", () => "not a view", /must be <version>.<bits>/],
    ["bits that do not inflate", () => `${drawing.version}.AAAA`, /not a deflated bitset/],
    [
      "a bitset of the wrong size",
      () => `${drawing.version}.${deflateRawSync(Buffer.alloc(3)).toString("base64url")}`,
      /needs \d+/,
    ],
    [
      "a bitset far larger than the graph (a deflate bomb)",
      () => `${drawing.version}.${deflateRawSync(Buffer.alloc(5_000_000)).toString("base64url")}`,
      /not a deflated bitset/,
    ],
    [
      "a relation without its ends",
      () => encodeView(drawing.version, ["armenia"], ["antonio-guterres--LEADS--united-nations"]),
      /one of its ends is not/,
    ],
  ])("refuses %s with a 400 naming view", async (_name, make, message) => {
    const response = await fetch(`${api.url}/export/gexf?view=${make()}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { argument: string } }[];
    };
    expect(body.errors[0]!.message).toMatch(message);
    expect(body.errors[0]!.extensions.argument).toBe("view");
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });

  it("refuses a view combined with other selection parameters", async () => {
    const view = encodeView(drawing.version, ["armenia"], []);
    const response = await fetch(`${api.url}/export/gexf?view=${view}&types=WELCOMED`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/without ids, depth, kinds or filters/);
  });
});
