import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import { neighborhood } from "../../server/query/neighborhood.ts";
import { shortestPaths } from "../../server/query/paths.ts";
import { generateGraphData } from "../../scripts/synthetic/generate.ts";
import { rawNeighborhood } from "../../bench/lib/raw-graphology.ts";

/**
 * The traversals rewritten for scale (bidirectional shortest paths; neighbourhoods that look up a
 * hub's relations to the reached nodes instead of scanning them all) against plain breadth-first
 * search, on a synthetic graph with hubs and parallel relations.
 */
describe("traversals on a synthetic graph with hubs", async () => {
  const out = path.join(await mkdtemp(path.join(tmpdir(), "peacegraph-paths-")), "g");
  generateGraphData({ claims: 4000, seed: 11, out });
  const knowledge = buildKnowledgeGraph(await loadGraphDataStrict(out));
  const { graph } = knowledge;
  const ids = graph.nodes().sort();

  /** Distance and number of shortest paths (parallel relations counted apart) by plain BFS. */
  function reference(from: string, to: string): { distance: number; count: number } | undefined {
    const distance = new Map([[from, 0]]);
    const count = new Map([[from, 1]]);
    let frontier = [from];
    while (frontier.length > 0 && !distance.has(to)) {
      const next: string[] = [];
      for (const node of frontier) {
        graph.forEachEdge(node, (_key, _relation, source, target) => {
          const other = source === node ? target : source;
          const d = distance.get(node)! + 1;
          if (!distance.has(other)) {
            distance.set(other, d);
            count.set(other, 0);
            next.push(other);
          }
          if (distance.get(other) === d) count.set(other, count.get(other)! + count.get(node)!);
        });
      }
      frontier = next;
    }
    return distance.has(to) ? { distance: distance.get(to)!, count: count.get(to)! } : undefined;
  }

  it("finds shortest paths of the right length, each a chain of relations, and as many as exist", () => {
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const from = ids[(i * 7919) % ids.length]!;
      const to = ids[(i * 104729 + 13) % ids.length]!;
      if (from === to) continue;
      const expected = reference(from, to);
      const paths = shortestPaths(knowledge, from, to, 6, () => true, 20);
      if (!expected || expected.distance > 6) {
        expect(paths).toEqual([]);
        continue;
      }
      checked++;
      expect(paths.length).toBe(Math.min(20, expected.count));
      const seen = new Set<string>();
      for (const found of paths) {
        expect(found.relations).toHaveLength(expected.distance);
        expect(found.nodes[0]).toBe(from);
        expect(found.nodes.at(-1)).toBe(to);
        found.relations.forEach((relation, step) => {
          expect([relation.subject, relation.object].sort()).toEqual(
            [found.nodes[step], found.nodes[step + 1]].sort(),
          );
        });
        seen.add(found.relations.map((relation) => relation.id).join(" "));
      }
      expect(seen.size).toBe(paths.length);
    }
    expect(checked).toBeGreaterThan(20);
  });

  it("returns the same neighbourhood as a plain scan of every reached node's relations", () => {
    for (const start of [ids[0]!, "armenia", ids[Math.floor(ids.length / 2)]!]) {
      for (const depth of [1, 2]) {
        const subgraph = neighborhood(knowledge, [start], depth, () => true, 300);
        const reached = new Set(subgraph.nodes);
        const plain = graph.filterEdges(
          (_key, _relation, source, target) => reached.has(source) && reached.has(target),
        );
        expect(subgraph.relations.map((relation) => relation.id).sort()).toEqual(plain.sort());
        const raw = rawNeighborhood(graph, start, depth, 300);
        expect(raw.relations.length).toBe(
          graph.filterEdges((_k, _r, s, t) => raw.nodes.includes(s) && raw.nodes.includes(t)).length,
        );
      }
    }
  });
});
