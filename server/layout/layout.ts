import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type Graph from "graphology";
import forceAtlas2Defaults from "graphology-layout-forceatlas2/defaults.js";
import { forceAtlas2SettingsFor } from "./forceatlas2-settings.ts";
import iterate from "graphology-layout-forceatlas2/iterate.js";

export interface Position {
  x: number;
  y: number;
}

export interface LayoutOptions {
  /** ForceAtlas2 iterations; more settle the layout further and cost linearly more. */
  iterations: number;
  /** Seed of the starting positions: the same graph and seed give the same layout. */
  seed: number;
  /**
   * Most work to spend at start-up, counted as (nodes + edges) × iterations: larger graphs get fewer
   * iterations, so start-up time stays bounded. A Barnes-Hut iteration costs about 2.5 µs per node
   * or edge on these machines, so 2,000,000 is about 5 s. Omitted: no limit.
   */
  budget?: number;
  /**
   * Folder for positions already computed, keyed by a hash of the graph's nodes and edges and of
   * these options; null or omitted: no cache.
   */
  cacheDir?: string | null;
}

/** What the start-up layout cost and how it was obtained. */
export interface LayoutReport {
  /** Iterations asked for, and run (fewer when the budget cut them; 0 from the cache). */
  requestedIterations: number;
  iterations: number;
  fromCache: boolean;
  /** Wall time, ms: computing, or reading the cache. */
  ms: number;
  hash: string;
}

/** Bump when the algorithm changes, so cached positions from older code are not reused. */
const LAYOUT_VERSION = 4;

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

/** Iterations the budget allows for a graph of `order` nodes and `size` edges: at most `iterations`, at least 1. */
export function budgetedIterations(order: number, size: number, options: LayoutOptions): number {
  if (options.budget === undefined || order + size === 0) return options.iterations;
  return Math.min(options.iterations, Math.max(1, Math.floor(options.budget / (order + size))));
}

/**
 * A deterministic ForceAtlas2 layout: nodes start at seeded random positions in id order, then FA2
 * runs a fixed number of iterations (cut by the budget) with settings fitted to the graph's size
 * (forceatlas2-settings.ts: LinLog from a few hundred nodes, Barnes-Hut and strong gravity above 2,000). The graph itself is not changed; positions come back as a map.
 */
export function computeLayout(graph: Graph, options: LayoutOptions): Map<string, Position> {
  const matrices = layoutMatrices(graph, options.seed);
  runForceAtlas2(matrices, budgetedIterations(matrices.ids.length, matrices.edgeCount, options));
  return positionsOf(matrices);
}

/** Floats per node and per edge in ForceAtlas2's flat matrices. */
const PER_NODE = 10;
const PER_EDGE = 3;

interface Matrices {
  ids: string[];
  nodes: Float32Array;
  edges: Float32Array;
  edgeCount: number;
}

/**
 * ForceAtlas2's input, built straight from the graph in one pass: nodes in id order at seeded
 * random positions, one edge per ordered pair of distinct nodes whatever the parallel relations,
 * and each node's mass one plus its number of such edges. Building a graphology copy for the library
 * to convert instead cost more than the iterations themselves on a million claims.
 */
function layoutMatrices(graph: Graph, seed: number): Matrices {
  const random = seededRandom(seed);
  const ids = graph.nodes().sort();
  const index = new Map<string, number>();
  const nodes = new Float32Array(ids.length * PER_NODE);
  ids.forEach((id, i) => {
    const j = i * PER_NODE;
    index.set(id, i);
    nodes[j] = random() * 100;
    nodes[j + 1] = random() * 100;
    nodes[j + 6] = 1; // mass, raised by the degree below
    nodes[j + 7] = 1; // convergence
    nodes[j + 8] = 1; // size
  });
  const seen = new Set<number>();
  const pairs: number[] = [];
  graph.forEachEdge((_edge, _attributes, source, target) => {
    if (source === target) return;
    const s = index.get(source)!;
    const t = index.get(target)!;
    const pair = s * ids.length + t;
    if (seen.has(pair)) return;
    seen.add(pair);
    pairs.push(s, t);
  });
  const edgeCount = pairs.length / 2;
  const edges = new Float32Array(edgeCount * PER_EDGE);
  for (let e = 0; e < edgeCount; e++) {
    const s = pairs[2 * e]! * PER_NODE;
    const t = pairs[2 * e + 1]! * PER_NODE;
    edges[e * PER_EDGE] = s;
    edges[e * PER_EDGE + 1] = t;
    edges[e * PER_EDGE + 2] = 1;
    nodes[s + 6]! += 1;
    nodes[t + 6]! += 1;
  }
  return { ids, nodes, edges, edgeCount };
}

function runForceAtlas2(matrices: Matrices, iterations: number): void {
  if (iterations <= 0 || matrices.ids.length < 2) return;
  const settings = { ...forceAtlas2Defaults, ...forceAtlas2SettingsFor(matrices.ids.length) };
  for (let i = 0; i < iterations; i++) iterate(settings, matrices.nodes, matrices.edges);
}

function positionsOf({ ids, nodes }: Matrices): Map<string, Position> {
  const positions = new Map<string, Position>();
  ids.forEach((id, i) => {
    const x = nodes[i * PER_NODE]!;
    const y = nodes[i * PER_NODE + 1]!;
    positions.set(id, { x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 });
  });
  return positions;
}

/** A hash of what the layout depends on: node ids, edges, iterations, seed and the algorithm. */
function matricesHash(matrices: Matrices, iterations: number, seed: number): string {
  const hash = createHash("sha256");
  hash.update(`peacegraph-layout ${LAYOUT_VERSION} ${iterations} ${seed}\n`);
  hash.update(matrices.ids.join("\n"));
  hash.update(new Uint8Array(matrices.edges.buffer, matrices.edges.byteOffset, matrices.edges.byteLength));
  return hash.digest("hex").slice(0, 32);
}

interface CachedLayout {
  version: number;
  hash: string;
  ids: string[];
  x: number[];
  y: number[];
}

/**
 * The start-up layout: read from the cache when the same graph was laid out before with the same
 * options, else computed (within the budget) and written to the cache for next time.
 */
export function precomputeLayout(
  graph: Graph,
  options: LayoutOptions,
): { positions: Map<string, Position>; report: LayoutReport } {
  const started = performance.now();
  const matrices = layoutMatrices(graph, options.seed);
  const iterations = budgetedIterations(matrices.ids.length, matrices.edgeCount, options);
  const hash = options.cacheDir ? matricesHash(matrices, iterations, options.seed) : "";
  const file = options.cacheDir ? path.join(options.cacheDir, `layout-${hash}.json`) : undefined;
  const report = (fromCache: boolean): LayoutReport => ({
    requestedIterations: options.iterations,
    iterations: fromCache ? 0 : iterations,
    fromCache,
    ms: performance.now() - started,
    hash,
  });
  if (file) {
    const cached = readCache(file, hash);
    if (cached) return { positions: cached, report: report(true) };
  }
  runForceAtlas2(matrices, iterations);
  const positions = positionsOf(matrices);
  if (file) writeCache(file, hash, positions);
  return { positions, report: report(false) };
}

function readCache(file: string, hash: string): Map<string, Position> | undefined {
  let cached: CachedLayout;
  try {
    cached = JSON.parse(readFileSync(file, "utf8")) as CachedLayout;
  } catch {
    return undefined;
  }
  if (cached.version !== LAYOUT_VERSION || cached.hash !== hash) return undefined;
  const positions = new Map<string, Position>();
  cached.ids.forEach((id, index) => positions.set(id, { x: cached.x[index]!, y: cached.y[index]! }));
  return positions;
}

/** Writes atomically (a temporary file, then a rename), so a crash never leaves half a cache. */
function writeCache(file: string, hash: string, positions: Map<string, Position>): void {
  const ids = [...positions.keys()];
  const body: CachedLayout = {
    version: LAYOUT_VERSION,
    hash,
    ids,
    x: ids.map((id) => positions.get(id)!.x),
    y: ids.map((id) => positions.get(id)!.y),
  };
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(body));
    renameSync(temporary, file);
  } catch (error) {
    // A cache that cannot be written costs the next start-up time, nothing else.
    console.warn(`layout cache not written to ${file}: ${(error as Error).message}`);
  }
}
