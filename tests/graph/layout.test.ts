import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createGraphStore } from "../../server/api/context.ts";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import type { KnowledgeGraph } from "../../server/graph/types.ts";
import {
  budgetedIterations,
  computeLayout,
  precomputeLayout,
  type LayoutOptions,
  type Position,
} from "../../server/layout/layout.ts";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import { resolveSettings } from "../../server/settings.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { startTestServer } from "../helpers/server.ts";

/**
 * The precomputed layout is seeded, so the viewer and every export place nodes the same way on every
 * start: the same graph and seed give the same positions, another seed others, and positions read
 * from the cache are exactly those a fresh run computes.
 */

let knowledge: KnowledgeGraph;
beforeAll(async () => {
  knowledge = buildKnowledgeGraph(await loadGraphDataStrict(GRAPH_DATA));
});

const DEFAULTS: LayoutOptions = resolveSettings().layout;
const plain = (positions: Map<string, Position>) => Object.fromEntries(positions);

/** Nodes placed apart from one another (at least `share` of all pairs differ). */
function spread(positions: Map<string, Position>): number {
  return new Set([...positions.values()].map(({ x, y }) => `${x},${y}`)).size / positions.size;
}

describe("the seeded layout", () => {
  it("gives the same positions for the same graph and seed, every time", () => {
    const first = computeLayout(knowledge.graph, DEFAULTS);
    const second = computeLayout(knowledge.graph, DEFAULTS);
    expect(first.size).toBe(knowledge.graph.order);
    expect(first.size).toBeGreaterThan(50);
    expect(spread(first)).toBe(1);
    for (const { x, y } of first.values()) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    expect(plain(second)).toEqual(plain(first));
  });

  it("gives other positions for another seed, and for more iterations", () => {
    const base = plain(computeLayout(knowledge.graph, DEFAULTS));
    expect(plain(computeLayout(knowledge.graph, { ...DEFAULTS, seed: 2 }))).not.toEqual(base);
    expect(plain(computeLayout(knowledge.graph, { ...DEFAULTS, iterations: 301 }))).not.toEqual(base);
  });

  it("is what the server gives the API and the exports", async () => {
    const api = await startTestServer({ layout: {} });
    try {
      const { actors } = await api.query<{ actors: { nodes: { id: string; position: Position }[] } }>(
        "{ actors(first: 100) { nodes { id position { x y } } } }",
      );
      const fresh = computeLayout(knowledge.graph, DEFAULTS);
      expect(actors.nodes.length).toBeGreaterThan(10);
      for (const node of actors.nodes) expect(node.position, node.id).toEqual(fresh.get(node.id));
    } finally {
      await api.close();
    }
  });

  it("spends at most its budget of (nodes + edges) × iterations, and at least one iteration", () => {
    expect(budgetedIterations(60, 40, { iterations: 300, seed: 1, budget: 1_000 })).toBe(10);
    expect(budgetedIterations(60, 40, { iterations: 300, seed: 1, budget: 1_099 })).toBe(10);
    expect(budgetedIterations(60, 40, { iterations: 300, seed: 1, budget: 1_100 })).toBe(11);
    expect(budgetedIterations(60, 40, { iterations: 300, seed: 1, budget: 10 })).toBe(1);
    expect(budgetedIterations(60, 40, { iterations: 300, seed: 1, budget: 1e9 })).toBe(300);
    expect(budgetedIterations(60, 40, { iterations: 300, seed: 1 })).toBe(300);
    const cut = computeLayout(knowledge.graph, { ...DEFAULTS, budget: 1 });
    expect(plain(cut)).toEqual(plain(computeLayout(knowledge.graph, { ...DEFAULTS, iterations: 1 })));
  });
});

describe("the layout cache", () => {
  it("reads back exactly the positions a fresh run computes, and only for the same graph and options", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "peacegraph-layout-"));
    const options = { ...DEFAULTS, cacheDir };
    const computed = precomputeLayout(knowledge.graph, options);
    expect(computed.report).toMatchObject({ fromCache: false, iterations: 300 });
    const files = await readdir(cacheDir);
    expect(files).toEqual([`layout-${computed.report.hash}.json`]);

    const cached = precomputeLayout(knowledge.graph, options);
    expect(cached.report).toMatchObject({ fromCache: true, iterations: 0, hash: computed.report.hash });
    expect(plain(cached.positions)).toEqual(plain(computeLayout(knowledge.graph, DEFAULTS)));
    expect(plain(cached.positions)).toEqual(plain(computed.positions));

    // Another seed, or another graph, is another entry: never the positions of the first.
    const reseeded = precomputeLayout(knowledge.graph, { ...options, seed: 2 });
    expect(reseeded.report.fromCache).toBe(false);
    expect(reseeded.report.hash).not.toBe(computed.report.hash);
    const grown = knowledge.graph.copy();
    grown.addNode("zz-new-node", { ...grown.getNodeAttributes("armenia"), id: "zz-new-node" });
    const regrown = precomputeLayout(grown, options);
    expect(regrown.report.fromCache).toBe(false);
    expect(regrown.positions.has("zz-new-node")).toBe(true);
    expect(await readdir(cacheDir)).toHaveLength(3);
  });

  it("recomputes when the cached file is damaged, and the store reports where positions came from", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "peacegraph-layout-"));
    const options = { ...DEFAULTS, cacheDir };
    const first = createGraphStore(knowledge, options);
    expect(first.layout.fromCache).toBe(false);
    const second = createGraphStore(knowledge, options);
    expect(second.layout.fromCache).toBe(true);
    expect(plain(second.positions)).toEqual(plain(first.positions));

    const [file] = await readdir(cacheDir);
    const damaged = path.join(cacheDir, file!);
    await writeFile(damaged, (await readFile(damaged, "utf8")).slice(0, 100));
    const third = createGraphStore(knowledge, options);
    expect(third.layout.fromCache).toBe(false);
    expect(plain(third.positions)).toEqual(plain(first.positions));
  });
});
