import forceAtlas2 from "graphology-layout-forceatlas2";
import type Graph from "graphology";

export interface Position {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** ForceAtlas2 iterations; more settle the layout further and cost linearly more. */
  iterations: number;
  /** Seed of the starting positions: the same graph and seed give the same layout. */
  seed: number;
}

/** A small, fast, seeded generator (mulberry32), so layouts do not depend on Math.random. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A deterministic ForceAtlas2 layout: nodes start at seeded random positions in id order, then FA2
 * runs a fixed number of iterations with settings inferred from the graph's size (Barnes-Hut above
 * 2,000 nodes). The graph itself is not changed; positions come back as a map.
 */
export function computeLayout(graph: Graph, options: LayoutOptions): Map<string, Position> {
  const random = seededRandom(options.seed);
  const working = graph.emptyCopy();
  const ids = graph.nodes().sort();
  for (const id of ids) working.mergeNodeAttributes(id, { x: random() * 100, y: random() * 100 });
  graph.forEachEdge((_edge, _attributes, source, target) => {
    if (source !== target && !working.hasEdge(source, target)) working.addEdge(source, target);
  });
  if (options.iterations > 0 && working.order > 1) {
    forceAtlas2.assign(working, {
      iterations: options.iterations,
      settings: { ...forceAtlas2.inferSettings(working), adjustSizes: false },
    });
  }
  const positions = new Map<string, Position>();
  for (const id of ids) {
    const { x, y } = working.getNodeAttributes(id) as Position;
    positions.set(id, { x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 });
  }
  return positions;
}
