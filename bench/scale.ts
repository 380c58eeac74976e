/**
 * npm run bench -- scale [--sizes 1e3,1e4,1e5,1e6] [--seed 1] [--duration 5] [--data DIR] [--no-kuzu]
 *
 * For each size: generates synthetic graph-data (cached under --data), then measures load and
 * validation time and the memory the graph holds (in a fresh child process), the start-up layout
 * (cold and from its cache), query latency (GraphQL in-process and over HTTP, raw graphology as the
 * floor, Kùzu's Cypher as the peer), throughput under autocannon against the real server on
 * 127.0.0.1, and export throughput. Prints tables and writes bench/results/<date>.json.
 * See bench/README.md for how to read the results.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApolloServer } from "../server/api/apollo.ts";
import { createGraphStore, type GraphStore } from "../server/api/context.ts";
import { buildKnowledgeGraph } from "../server/graph/build.ts";
import type { Relation } from "../server/graph/types.ts";
import { startServer } from "../server/http/app.ts";
import { precomputeLayout } from "../server/layout/layout.ts";
import { loadGraphDataStrict } from "../server/model/load.ts";
import { neighborhood } from "../server/query/neighborhood.ts";
import { nodeRelations } from "../server/query/node-relations.ts";
import { paginateSorted } from "../server/query/paginate.ts";
import { shortestPaths } from "../server/query/paths.ts";
import { compileRelationFilter } from "../server/query/relation-filter.ts";
import { compareRelations } from "../server/query/sort.ts";
import { resolveSettings } from "../server/settings.ts";
import { generateGraphData, GENERATOR_VERSION, readManifest } from "../scripts/synthetic/generate.ts";
import { autocannon, type Throughput } from "./lib/autocannon.ts";
import { CYPHER, KuzuPeer, loadKuzu, type KuzuLoad } from "./lib/kuzu-peer.ts";
import { machineInfo } from "./lib/machine.ts";
import { runChild } from "./lib/run-child.ts";
import { measure, type Latency, type Table } from "./lib/measure.ts";
import {
  rawFilteredRelations,
  rawNeighborhood,
  rawNodeRelations,
  rawShortestPaths,
} from "./lib/raw-graphology.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
export const RESULTS_DIR = path.join(ROOT, "bench", "results");

export interface ScaleOptions {
  sizes: number[];
  seed: number;
  /** Seconds of autocannon per query. */
  duration: number;
  /** Where generated data is kept between runs. */
  dataRoot: string;
  /** Compare against Kùzu when it is installed. */
  kuzu: boolean;
  /** Time spent measuring one query in one mode, ms (the number of runs adapts to it). */
  latencyBudgetMs: number;
  /** Where to write the results file; null: do not write one. */
  resultsDir: string | null;
}

export const DEFAULT_SIZES = [1e3, 1e4, 1e5, 1e6];

export function parseScaleOptions(args: string[]): ScaleOptions {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: "string", default: DEFAULT_SIZES.join(",") },
      seed: { type: "string", default: "1" },
      duration: { type: "string", default: "5" },
      data: { type: "string", default: path.join(tmpdir(), "peacegraph-scale") },
      "no-kuzu": { type: "boolean", default: false },
      budget: { type: "string", default: "2000" },
      results: { type: "string", default: RESULTS_DIR },
    },
  });
  const sizes = values.sizes.split(",").map((size) => Number(size.trim()));
  if (sizes.some((size) => !Number.isInteger(size) || size < 1)) {
    throw new Error(`--sizes takes whole numbers separated by commas, like 1e3,1e4: got "${values.sizes}"`);
  }
  return {
    sizes,
    seed: Number(values.seed),
    duration: Number(values.duration),
    dataRoot: path.resolve(values.data),
    kuzu: !values["no-kuzu"],
    latencyBudgetMs: Number(values.budget),
    resultsDir: values.results === "none" ? null : path.resolve(values.results),
  };
}

export interface QueryResult {
  name: string;
  graphql: Latency;
  http: Latency;
  /** The server's own query layer (server/query), called directly: GraphQL's true overhead. */
  direct: Latency;
  raw: Latency;
  kuzu: Latency | null;
  throughput: Throughput | null;
}

export interface SizeResult {
  claims: number;
  nodes: number;
  relations: number;
  generateMs: number | null;
  load: {
    problems: number;
    loadMs: number;
    buildMs: number;
    storeMs: number;
    retainedBytes: number;
    bytesPerRelation: number;
    maxRssBytes: number;
  };
  layout: { iterations: number; requestedIterations: number; coldMs: number; cachedMs: number };
  queries: QueryResult[];
  exports: { format: string; nodes: number; relations: number; ms: number; bytes: number }[] | string;
  kuzu: (KuzuLoad & { note?: string }) | string;
  targets: { name: string; ratio: number | null; met: boolean | null; detail: string }[];
}

export interface ScaleRun {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  options: ScaleOptions;
  sizes: SizeResult[];
}

/** Generated data for one size, reused when an identical tree is already there. */
async function ensureData(
  options: ScaleOptions,
  claims: number,
): Promise<{ dir: string; ms: number | null }> {
  const dir = path.join(options.dataRoot, `claims-${claims}-seed-${options.seed}`);
  const manifest = readManifest(dir);
  if (
    manifest?.generator === GENERATOR_VERSION &&
    manifest.claims === claims &&
    manifest.seed === options.seed
  ) {
    return { dir, ms: null };
  }
  const started = performance.now();
  generateGraphData({ claims, seed: options.seed, out: dir });
  return { dir, ms: performance.now() - started };
}

/** Loads the data in a fresh process, as `npm start` would, and reports time and memory. */
async function loadInChild(
  dir: string,
): Promise<Omit<SizeResult["load"], "bytesPerRelation"> & { relations: number; claims: number }> {
  const script = path.join(ROOT, "bench", "lib", "scale-load-child.ts");
  const { code, stdout, stderr } = await runChild(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, dir],
    ROOT,
  );
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{"))
    throw new Error(`load child exited ${code}: ${stderr.slice(-800)}`);
  return JSON.parse(line);
}

/** Measures a task for about `budgetMs`: at least 5 runs, at most 200, after a short warm-up. */
async function timed(task: () => unknown, budgetMs: number): Promise<Latency> {
  const started = performance.now();
  await task();
  const once = Math.max(0.02, performance.now() - started);
  const runs = Math.max(5, Math.min(200, Math.floor(budgetMs / once)));
  return measure(task, runs, Math.min(10, Math.ceil(runs / 10)));
}

/** Deterministic query targets: the hub, a busy event, two far-apart ordinary nodes. */
function pickTargets(store: GraphStore) {
  const { graph } = store.knowledge;
  let hub = "";
  let busiestEvent = "";
  let from = "";
  let to = "";
  graph.forEachNode((id, node) => {
    const degree = graph.degree(id);
    if (!hub || degree > graph.degree(hub) || (degree === graph.degree(hub) && id < hub)) hub = id;
    if (node.kind === "event") {
      if (
        !busiestEvent ||
        degree > graph.degree(busiestEvent) ||
        (degree === graph.degree(busiestEvent) && id < busiestEvent)
      )
        busiestEvent = id;
    }
    if (degree > 0 && node.type === "person" && (!from || id < from)) from = id;
    if (degree > 0 && node.kind === "place" && (!to || id > to)) to = id;
  });
  return { hub, center: busiestEvent, from, to: to === from ? hub : to };
}

const FILTER = { family: "cooperation", minCorroboration: 2, dateFrom: "2020" };
const SEARCH_TEXT = "Petrosyan";
const MAX_NODES = 500;

function graphqlQueries(targets: ReturnType<typeof pickTargets>): Record<string, string> {
  const relationsPage = `relations(first: 20) { totalCount nodes { id type } }`;
  return {
    search: `{ search(text: "${SEARCH_TEXT}", first: 10) { node { id label } score } }`,
    "node + relations page": `{ node(id: "${targets.hub}") { id ... on Actor { ${relationsPage} } ... on Event { ${relationsPage} } ... on Place { ${relationsPage} } } }`,
    "neighborhood depth 1": `{ neighborhood(ids: ["${targets.center}"], depth: 1, maxNodes: ${MAX_NODES}) { nodes { id } relations { id } truncated } }`,
    "neighborhood depth 2": `{ neighborhood(ids: ["${targets.center}"], depth: 2, maxNodes: ${MAX_NODES}) { nodes { id } relations { id } truncated } }`,
    "shortest paths": `{ paths(from: "${targets.from}", to: "${targets.to}", maxLength: 4, first: 5) { length nodes { id } } }`,
    "filtered relations": `{ relations(where: { family: [COOPERATION], minCorroboration: ${FILTER.minCorroboration}, dateFrom: "${FILTER.dateFrom}" }, first: 50) { totalCount nodes { id } } }`,
  };
}

/** The same queries against graphology directly: the floor. */
function rawQueries(
  store: GraphStore,
  targets: ReturnType<typeof pickTargets>,
): Record<string, () => unknown> {
  const { graph } = store.knowledge;
  const from = FILTER.dateFrom;
  const keep = (relation: Relation) =>
    store.knowledge.relationType(relation.type)?.family === FILTER.family &&
    relation.corroboration >= FILTER.minCorroboration &&
    relation.date !== null &&
    relation.date.end >= `${from}-01-01`;
  return {
    // No graphology equivalent: the search index itself, without GraphQL.
    search: () => store.search.search(SEARCH_TEXT, 10),
    "node + relations page": () => rawNodeRelations(graph, targets.hub, 20),
    "neighborhood depth 1": () => rawNeighborhood(graph, targets.center, 1, MAX_NODES),
    "neighborhood depth 2": () => rawNeighborhood(graph, targets.center, 2, MAX_NODES),
    "shortest paths": () => rawShortestPaths(graph, targets.from, targets.to, 4, 5),
    "filtered relations": () => rawFilteredRelations(graph, keep, 50),
  };
}

/** The server's query layer called directly, as the resolvers call it, without GraphQL. */
function directQueries(
  store: GraphStore,
  targets: ReturnType<typeof pickTargets>,
): Record<string, () => unknown> {
  const { knowledge } = store;
  const filter = compileRelationFilter(knowledge, {
    family: ["COOPERATION"],
    minCorroboration: FILTER.minCorroboration,
    dateFrom: FILTER.dateFrom,
  });
  return {
    search: () => store.search.search(SEARCH_TEXT, 10),
    "node + relations page": () =>
      paginateSorted(
        nodeRelations(knowledge, targets.hub, "BOTH", () => true),
        compareRelations("DATE", "ASC"),
        20,
        null,
      ),
    "neighborhood depth 1": () => neighborhood(knowledge, [targets.center], 1, () => true, MAX_NODES),
    "neighborhood depth 2": () => neighborhood(knowledge, [targets.center], 2, () => true, MAX_NODES),
    "shortest paths": () => shortestPaths(knowledge, targets.from, targets.to, 4, () => true, 5),
    "filtered relations": () =>
      paginateSorted(
        [...knowledge.relations.values()].filter(filter),
        compareRelations("ID", "ASC"),
        50,
        null,
      ),
  };
}

async function kuzuQueries(
  peer: KuzuPeer,
  targets: ReturnType<typeof pickTargets>,
): Promise<Record<string, (() => Promise<unknown>) | null>> {
  const depth1 = await peer.prepare(CYPHER.neighborhood(1, MAX_NODES));
  const depth2 = await peer.prepare(CYPHER.neighborhood(2, MAX_NODES));
  const induced = await peer.prepare(CYPHER.induced);
  const paths = await peer.prepare(CYPHER.paths(4, 5));
  const page = await peer.prepare(CYPHER.nodeRelationsPage);
  const pageCount = await peer.prepare(CYPHER.nodeRelationsCount);
  const filtered = await peer.prepare(CYPHER.filteredPage);
  const filteredCount = await peer.prepare(CYPHER.filteredCount);
  const neighborhood = (query: typeof depth1) => async () => {
    const rows = await query({ id: targets.center });
    const ids = [targets.center, ...rows.map((row) => row.id as string)];
    return induced({ ids });
  };
  const filter = {
    family: FILTER.family,
    minCorroboration: FILTER.minCorroboration,
    dateFrom: `${FILTER.dateFrom}-01-01`,
  };
  return {
    search: null,
    "node + relations page": async () =>
      Promise.all([page({ id: targets.hub }), pageCount({ id: targets.hub })]),
    "neighborhood depth 1": neighborhood(depth1),
    "neighborhood depth 2": neighborhood(depth2),
    "shortest paths": () => paths({ from: targets.from, to: targets.to }),
    "filtered relations": async () => Promise.all([filtered(filter), filteredCount(filter)]),
  };
}

/** Export of the largest subgraph the server allows (its default limits), in GEXF and GraphML. */
async function measureExports(store: GraphStore): Promise<SizeResult["exports"]> {
  let exporter: typeof import("../server/export/export.ts");
  let formats: typeof import("../server/export/formats.ts");
  let selection: typeof import("../server/export/selection.ts");
  try {
    exporter = await import("../server/export/export.ts");
    formats = await import("../server/export/formats.ts");
    selection = await import("../server/export/selection.ts");
  } catch (error) {
    return `TODO: server/export is not usable yet (${(error as Error).message.split("\n")[0]})`;
  }
  const limits = selection.DEFAULT_EXPORT_LIMITS;
  const { graph } = store.knowledge;
  const nodes = new Set<string>();
  const relations: Relation[] = [];
  graph.someEdge((_key, relation, source, target) => {
    const adds = (nodes.has(source) ? 0 : 1) + (nodes.has(target) ? 0 : 1);
    if (relations.length >= limits.maxRelations || nodes.size + adds > limits.maxNodes) return true;
    nodes.add(source);
    nodes.add(target);
    relations.push(relation);
    return false;
  });
  const subgraph = { nodes: [...nodes], relations, truncated: false };
  const rows: Exclude<SizeResult["exports"], string> = [];
  for (const id of ["gexf", "graphml"] as const) {
    const format = formats.EXPORT_FORMATS[id];
    // Written chunk by chunk, as the server streams it.
    const once = () => {
      const result = exporter.exportSubgraph(store, subgraph, format, limits);
      let bytes = 0;
      for (const part of result.parts) for (const chunk of part.chunks()) bytes += Buffer.byteLength(chunk);
      return { result, bytes };
    };
    once();
    const started = performance.now();
    const { result, bytes } = once();
    const ms = performance.now() - started;
    rows.push({ format: id, nodes: result.nodeCount, relations: result.relationCount, ms, bytes });
  }
  return rows;
}

async function measureSize(
  options: ScaleOptions,
  claims: number,
  log: (line: string) => void,
): Promise<SizeResult> {
  const { dir, ms: generateMs } = await ensureData(options, claims);
  log(
    `scale ${claims}: data in ${dir}${generateMs === null ? " (cached)" : ` (generated in ${Math.round(generateMs)} ms)`}`,
  );
  const child = await loadInChild(dir);
  log(
    `scale ${claims}: loaded in a child process in ${Math.round(child.loadMs + child.buildMs + child.storeMs)} ms`,
  );

  const settings = resolveSettings({ port: 0 });
  const knowledge = buildKnowledgeGraph(await loadGraphDataStrict(dir));
  const cacheDir = path.join(options.dataRoot, `layout-cache-${claims}-${process.pid}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const store = createGraphStore(knowledge, { ...settings.layout, cacheDir });
  const cached = precomputeLayout(knowledge.graph, { ...settings.layout, cacheDir });
  rmSync(cacheDir, { recursive: true, force: true });
  log(
    `scale ${claims}: layout ${Math.round(store.layout.ms)} ms cold (${store.layout.iterations} iterations), ${Math.round(cached.report.ms)} ms cached`,
  );

  const targets = pickTargets(store);
  const queries = graphqlQueries(targets);
  const raw = rawQueries(store, targets);
  const direct = directQueries(store, targets);

  let kuzu: SizeResult["kuzu"] = "not run (--no-kuzu)";
  let peer: KuzuPeer | undefined;
  let cypher: Record<string, (() => Promise<unknown>) | null> = {};
  if (options.kuzu) {
    const module = loadKuzu();
    if (typeof module === "string") kuzu = module;
    else {
      const loaded = await KuzuPeer.load(
        module,
        knowledge,
        path.join(options.dataRoot, `kuzu-${claims}-${process.pid}`),
      );
      peer = loaded.peer;
      kuzu = loaded.load;
      cypher = await kuzuQueries(peer, targets);
      log(
        `scale ${claims}: Kùzu COPY ${Math.round(loaded.load.copyMs)} ms (CSV written in ${Math.round(loaded.load.csvMs)} ms)`,
      );
    }
  }

  const apollo = createApolloServer(settings);
  await apollo.start();
  const running = await startServer(settings, store);
  const results: QueryResult[] = [];
  try {
    for (const [name, query] of Object.entries(queries)) {
      const inProcess = async () => {
        const result = await apollo.executeOperation({ query }, { contextValue: store });
        if (result.body.kind !== "single" || result.body.singleResult.errors)
          throw new Error(
            `${name} failed: ${JSON.stringify(result.body.kind === "single" ? result.body.singleResult.errors : "")}`,
          );
      };
      const body = JSON.stringify({ query });
      const http = async () => {
        const response = await fetch(`${running.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
        await response.text();
      };
      const kuzuTask = cypher[name];
      const result: QueryResult = {
        name,
        graphql: await timed(inProcess, options.latencyBudgetMs),
        http: await timed(http, options.latencyBudgetMs),
        direct: await timed(direct[name]!, options.latencyBudgetMs),
        raw: await timed(raw[name]!, options.latencyBudgetMs),
        kuzu: kuzuTask ? await timed(kuzuTask, options.latencyBudgetMs) : null,
        throughput:
          options.duration > 0 ? await autocannon(`${running.url}/graphql`, body, options.duration) : null,
      };
      results.push(result);
      log(`scale ${claims}: ${name} GraphQL p50 ${result.graphql.p50.toFixed(2)} ms`);
    }
  } finally {
    await running.close();
    await apollo.stop();
    await peer?.close();
  }

  const exports = await measureExports(store).catch(
    (error: unknown) => `failed: ${(error as Error).message}`,
  );
  const byName = (name: string) => results.find((result) => result.name === name)!;
  const ratio = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && b > 0 ? a / b : null;
  const kuzuLoad = typeof kuzu === "string" ? undefined : kuzu;
  const ourLoadMs = child.loadMs + child.buildMs + child.storeMs;
  const bytesPerRelation = child.retainedBytes / Math.max(1, child.relations);
  const targetsMet: SizeResult["targets"] = [];
  for (const name of ["neighborhood depth 2", "shortest paths"]) {
    const r = ratio(byName(name).graphql.p50, byName(name).kuzu?.p50);
    targetsMet.push({
      name: `GraphQL ${name} faster than Kùzu (GraphQL p50 / Kùzu p50 < 1)`,
      ratio: r,
      met: r === null ? null : r < 1,
      detail: r === null ? "Kùzu not run" : `${r.toFixed(2)}×`,
    });
  }
  const overhead = ratio(byName("neighborhood depth 2").graphql.p50, byName("neighborhood depth 2").raw.p50);
  targetsMet.push({
    name: "GraphQL depth-2 neighbourhood within 2× of raw graphology (p50 ratio ≤ 2)",
    ratio: overhead,
    met: overhead === null ? null : overhead <= 2,
    detail: overhead === null ? "" : `${overhead.toFixed(2)}×`,
  });
  const graphqlOverhead = ratio(
    byName("neighborhood depth 2").graphql.p50,
    byName("neighborhood depth 2").direct.p50,
  );
  targetsMet.push({
    name: "(for reference) GraphQL depth-2 neighbourhood ÷ the same query layer called directly",
    ratio: graphqlOverhead,
    met: null,
    detail: graphqlOverhead === null ? "" : `${graphqlOverhead.toFixed(2)}×`,
  });
  const loadRatio = ratio(ourLoadMs, kuzuLoad?.copyMs);
  targetsMet.push({
    name: "Load + validate + build faster than Kùzu's COPY (ratio < 1)",
    ratio: loadRatio,
    met: loadRatio === null ? null : loadRatio < 1,
    detail: loadRatio === null ? "Kùzu not run" : `${loadRatio.toFixed(2)}×`,
  });
  targetsMet.push({
    name: "Memory per relation (retained heap / relations)",
    ratio: null,
    met: null,
    detail: `${Math.round(bytesPerRelation)} bytes`,
  });

  return {
    claims: child.claims,
    nodes: knowledge.graph.order,
    relations: knowledge.graph.size,
    generateMs,
    load: {
      problems: child.problems,
      loadMs: child.loadMs,
      buildMs: child.buildMs,
      storeMs: child.storeMs,
      retainedBytes: child.retainedBytes,
      bytesPerRelation,
      maxRssBytes: child.maxRssBytes,
    },
    layout: {
      iterations: store.layout.iterations,
      requestedIterations: store.layout.requestedIterations,
      coldMs: store.layout.ms,
      cachedMs: cached.report.ms,
    },
    queries: results,
    exports,
    kuzu,
    targets: targetsMet,
  };
}

/** Runs every size and returns the results; writes the results file when asked. */
export async function runScale(
  options: ScaleOptions,
  log: (line: string) => void = () => {},
): Promise<ScaleRun> {
  mkdirSync(options.dataRoot, { recursive: true });
  const run: ScaleRun = { date: new Date().toISOString(), machine: machineInfo(), options, sizes: [] };
  for (const claims of options.sizes) run.sizes.push(await measureSize(options, claims, log));
  if (options.resultsDir) {
    mkdirSync(options.resultsDir, { recursive: true });
    const file = path.join(options.resultsDir, `${run.date.slice(0, 10)}.json`);
    writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
    log(`scale: results written to ${path.relative(ROOT, file)}`);
  }
  return run;
}

const seconds = (ms: number) => ms / 1000;
const mb = (bytes: number) => bytes / 1024 ** 2;
const orDash = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value);

/** The run as terminal tables. */
export function scaleTables(run: ScaleRun): Table[] {
  const tables: Table[] = [];
  tables.push({
    title: "Scale: load, memory and the Kùzu peer's bulk load",
    columns: [
      "claims",
      "nodes",
      "relations",
      "load+validate s",
      "build s",
      "indexes s",
      "ready s",
      "bytes/relation",
      "peak RSS MB",
      "Kùzu CSV s",
      "Kùzu COPY s",
      "ours/COPY",
    ],
    rows: run.sizes.map((size) => {
      const ready = size.load.loadMs + size.load.buildMs + size.load.storeMs;
      const kuzu = typeof size.kuzu === "string" ? undefined : size.kuzu;
      return [
        size.claims,
        size.nodes,
        size.relations,
        seconds(size.load.loadMs),
        seconds(size.load.buildMs),
        seconds(size.load.storeMs),
        seconds(ready),
        Math.round(size.load.bytesPerRelation),
        Math.round(mb(size.load.maxRssBytes)),
        orDash(kuzu && seconds(kuzu.csvMs)),
        orDash(kuzu && seconds(kuzu.copyMs)),
        orDash(kuzu && ready / kuzu.copyMs),
      ];
    }),
    notes: [
      "Loaded in a fresh child process as npm start does. ready = load+validate + build + indexes (no layout).",
      "bytes/relation: heap + external retained after GC, divided by relations. Kùzu COPY loads entities, sources, relations and claims.",
      ...run.sizes
        .filter((size) => typeof size.kuzu === "string")
        .map((size) => `${size.claims}: Kùzu ${String(size.kuzu)}`),
    ],
  });
  tables.push({
    title: "Scale: start-up layout (ForceAtlas2, budgeted; then read from the cache)",
    columns: ["claims", "nodes", "iterations run / asked", "cold s", "cached ms"],
    rows: run.sizes.map((size) => [
      size.claims,
      size.nodes,
      `${size.layout.iterations} / ${size.layout.requestedIterations}`,
      seconds(size.layout.coldMs),
      size.layout.cachedMs,
    ]),
  });
  for (const size of run.sizes) {
    tables.push({
      title: `Scale: query latency at ${size.claims} claims (${size.nodes} nodes, ${size.relations} relations), ms`,
      columns: [
        "query",
        "GraphQL p50",
        "p99",
        "HTTP p50",
        "p99",
        "direct p50",
        "raw p50",
        "p99",
        "Kùzu p50",
        "p99",
        "GraphQL/direct",
        "GraphQL/raw",
        "GraphQL/Kùzu",
        "req/s",
        "load p99",
      ],
      rows: size.queries.map((query) => [
        query.name,
        query.graphql.p50,
        query.graphql.p99,
        query.http.p50,
        query.http.p99,
        query.direct.p50,
        query.raw.p50,
        query.raw.p99,
        orDash(query.kuzu?.p50),
        orDash(query.kuzu?.p99),
        query.graphql.p50 / query.direct.p50,
        query.graphql.p50 / query.raw.p50,
        query.kuzu ? query.graphql.p50 / query.kuzu.p50 : "—",
        orDash(query.throughput && Math.round(query.throughput.requestsPerSecond)),
        orDash(query.throughput?.p99),
      ]),
      notes: [
        "direct: the server's query layer (server/query) called without GraphQL. raw: the traversal written straight",
        "against graphology's API (search: the search index itself). Kùzu: prepared Cypher.",
        "req/s and load p99: autocannon, 10 connections, against the real server on 127.0.0.1.",
      ],
    });
  }
  tables.push({
    title: "Scale: export throughput (largest subgraph the server allows)",
    columns: ["claims", "format", "nodes", "relations", "ms", "MB", "relations/s"],
    rows: run.sizes.flatMap((size) =>
      typeof size.exports === "string"
        ? [[size.claims, size.exports, "—", "—", "—", "—", "—"]]
        : size.exports.map((row) => [
            size.claims,
            row.format,
            row.nodes,
            row.relations,
            row.ms,
            mb(row.bytes),
            Math.round((row.relations / row.ms) * 1000),
          ]),
    ),
  });
  const largest = run.sizes.at(-1);
  if (largest) {
    tables.push({
      title: `Scale: targets at ${largest.claims} claims`,
      columns: ["target", "measured", "met"],
      rows: largest.targets.map((target) => [
        target.name,
        target.detail,
        target.met === null ? "—" : target.met ? "yes" : "NO",
      ]),
    });
  }
  return tables;
}

export async function benchScale(args: string[]): Promise<Table[]> {
  const options = parseScaleOptions(args);
  const run = await runScale(options, (line) => console.error(line));
  return scaleTables(run);
}
