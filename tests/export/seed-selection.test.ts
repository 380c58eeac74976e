import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import {
  readReferenceGraph,
  referenceNeighbourhood,
  type ReferenceGraph,
  type ReferenceRelation,
} from "../helpers/reference-graph.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { exportFile } from "./helpers.ts";

/**
 * Selections on the seed graph against expectations computed without the server's code: António
 * Guterres' neighbourhood written out by hand from graph-data/claims/normalization-2023-12.yaml, and
 * every other neighbourhood and filtered selection from a reference reading of the YAML with a plain
 * breadth-first search (tests/helpers/reference-graph.ts).
 */

let api: TestServer;
let reference: ReferenceGraph;
beforeAll(async () => {
  api = await startTestServer({ limits: { maxCost: 10_000_000 } });
  reference = readReferenceGraph(GRAPH_DATA);
});
afterAll(() => api.close());

const sorted = (ids: Iterable<string>) => [...ids].sort();

/** Guterres leads the UN, issued his commendation, and in it welcomed the joint statement. */
const GUTERRES_DEPTH_1 = {
  nodes: sorted(["antonio-guterres", "united-nations", "guterres-commendation", "joint-statement-2023-12"]),
  relations: sorted([
    "antonio-guterres--LEADS--united-nations",
    "antonio-guterres--ISSUED--guterres-commendation",
    "antonio-guterres--WELCOMED--joint-statement-2023-12--guterres-commendation",
  ]),
};

async function apiNeighbourhood(ids: string[], depth: number, where: Record<string, unknown> | null = null) {
  const { neighborhood } = await api.query<{
    neighborhood: { nodes: { id: string }[]; relations: { id: string }[]; truncated: boolean };
  }>(
    `query ($ids: [ID!]!, $depth: Int, $where: RelationWhere) {
       neighborhood(ids: $ids, depth: $depth, where: $where, maxNodes: 500) { nodes { id } relations { id } truncated } }`,
    { ids, depth, where },
  );
  expect(neighborhood.truncated).toBe(false);
  return {
    nodes: sorted(neighborhood.nodes.map((node) => node.id)),
    relations: sorted(neighborhood.relations.map((relation) => relation.id)),
  };
}

/** An HTTP export's node and relation ids, as NetworkX node-link JSON lists them. */
async function exportedIds(query: string) {
  const { text } = await exportFile(api, `/export/networkx-json?${query}`);
  const json = JSON.parse(text) as { nodes: { id: string }[]; links: { key: string }[] };
  return {
    nodes: sorted(json.nodes.map((node) => node.id)),
    relations: sorted(json.links.map((link) => link.key)),
  };
}

describe("António Guterres at depth 1, by hand", () => {
  it("is his three relations and the three nodes they reach, in the reference, the API and every export", async () => {
    expect(referenceNeighbourhood(reference, ["antonio-guterres"], 1)).toEqual(GUTERRES_DEPTH_1);
    expect(await apiNeighbourhood(["antonio-guterres"], 1)).toEqual(GUTERRES_DEPTH_1);
    expect(await exportedIds("ids=antonio-guterres&depth=1")).toEqual(GUTERRES_DEPTH_1);
    const { subgraph } = await api.query<{
      subgraph: { nodes: { id: string }[]; relations: { id: string }[] };
    }>('{ subgraph(ids: ["antonio-guterres"]) { nodes { id } relations { id } } }');
    expect(sorted(subgraph.nodes.map((node) => node.id))).toEqual(GUTERRES_DEPTH_1.nodes);
    expect(sorted(subgraph.relations.map((relation) => relation.id))).toEqual(GUTERRES_DEPTH_1.relations);
  });
});

describe("every selection against the reference reading of graph-data", () => {
  it("the server groups the claims into the same relations and nodes", async () => {
    expect(reference.relations.size).toBeGreaterThan(100);
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const {
        relations,
      }: { relations: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } =
        await api.query(
          "query ($after: String) { relations(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }",
          { after },
        );
      ids.push(...relations.nodes.map((node) => node.id));
      if (!relations.pageInfo.hasNextPage) break;
      after = relations.pageInfo.endCursor;
    }
    expect(sorted(ids)).toEqual(sorted(reference.relations.keys()));
    const { stats } = await api.query<{ stats: { nodes: number } }>("{ stats { nodes } }");
    expect(stats.nodes).toBe(reference.nodes.size);
  });

  it("every node's neighbourhood at depths 1 and 2", async () => {
    expect(reference.nodes.size).toBeGreaterThan(50);
    for (const id of reference.nodes) {
      for (const depth of [1, 2]) {
        expect(await apiNeighbourhood([id], depth), `${id} at depth ${depth}`).toEqual(
          referenceNeighbourhood(reference, [id], depth),
        );
      }
    }
  });

  it("several start nodes, depth 3, and filters that decide which relations are followed", async () => {
    const typed = (types: string[]) => (relation: ReferenceRelation) => types.includes(relation.type);
    const cases: [string[], number, string[]][] = [
      [["armenia", "united-nations"], 3, []],
      [["armenia"], 2, ["SIGNED", "ISSUED"]],
      [["azerbaijan"], 3, ["RELEASED", "ATTACKED", "WELCOMED"]],
    ];
    for (const [ids, depth, types] of cases) {
      const expected = referenceNeighbourhood(reference, ids, depth, types.length ? typed(types) : undefined);
      expect(expected.relations.length).toBeGreaterThan(0);
      const where = types.length ? { type: types } : null;
      expect(await apiNeighbourhood(ids, depth, where), `${ids} ${types}`).toEqual(expected);
      const query = `ids=${ids.join(",")}&depth=${depth}${types.length ? `&types=${types.join(",")}` : ""}`;
      expect(await exportedIds(query), query).toEqual(expected);
    }
  });

  it("kinds keep the start nodes and only nodes of those kinds; filters alone keep the nodes they join", async () => {
    const kindOf = (id: string) => reference.kinds.get(id)!;
    const events = (relation: ReferenceRelation) =>
      [relation.subject, relation.object].every((id) => id === "armenia" || kindOf(id) === "event");
    const expected = referenceNeighbourhood(reference, ["armenia"], 2, events);
    expect(expected.nodes.length).toBeGreaterThan(2);
    expect(await exportedIds("ids=armenia&depth=2&kinds=event")).toEqual(expected);

    const welcomes = [...reference.relations.values()].filter((relation) => relation.type === "WELCOMED");
    expect(welcomes.length).toBeGreaterThan(2);
    expect(await exportedIds("types=WELCOMED")).toEqual({
      nodes: sorted(new Set(welcomes.flatMap((relation) => [relation.subject, relation.object]))),
      relations: sorted(welcomes.map((relation) => relation.id)),
    });
    const normalization = [...reference.relations.values()].filter((relation) =>
      relation.sources.includes("normalization-2023-12"),
    );
    expect(normalization.length).toBeGreaterThan(0);
    expect((await exportedIds("sources=normalization-2023-12")).relations).toEqual(
      sorted(normalization.map((relation) => relation.id)),
    );
    const whole = await exportedIds("");
    expect(whole).toEqual({ nodes: sorted(reference.nodes), relations: sorted(reference.relations.keys()) });
  });
});
