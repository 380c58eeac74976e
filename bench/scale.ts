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
import { execute, parse } from "graphql";
import { createApolloServer, loadSchema } from "../server/api/apollo.ts";
import { createGraphStore, type GraphStore } from "../server/api/context.ts";
import { buildKnowledgeGraph } from "../server/graph/build.ts";
import type { Relation } from "../server/graph/types.ts";
import { startServer } from "../server/http/app.ts";
import { precomputeLayout } from "../server/layout/layout.ts";
import { loadGraphDataStrict } from "../server/model/load.ts";
import { resolveSettings } from "../server/settings.ts";
import { autocannon, type Throughput } from "./lib/autocannon.ts";
import { withGcPauses, type GcPauses } from "./lib/gc-pauses.ts";
import { KuzuPeer, loadKuzu, type KuzuLoad } from "./lib/kuzu-peer.ts";
import { generatedData } from "./lib/generated-data.ts";
import { machineInfo } from "./lib/machine.ts";
import { runChild } from "./lib/run-child.ts";
import { measureTogether, type Latency, type Table } from "./lib/measure.ts";
import {
  directQueries,
  filterShares,
  graphqlQueries,
  kuzuQueries,
  pickTargets,
  QUERY_NAMES,
  rawQueries,
  type QueryName,
} from "./lib/scale-queries.ts";
import { scaleTables, targetsAt, type Target } from "./lib/scale-report.ts";

export { scaleTables };

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
  name: QueryName;
  /** Through Apollo in-process (executeOperation), with the server's execution path. */
  graphql: Latency;
  /** graphql-js's own execute() over the same schema, without Apollo: the path before graphql-jit. */
  graphqlJs: Latency;
  http: Latency;
  /** The server's own query layer (server/query), called directly: GraphQL's true overhead. */
  direct: Latency;
  raw: Latency;
  kuzu: Latency | null;
  throughput: Throughput | null;
  /** Garbage-collection pauses in the server's process during the autocannon run. */
  gc: GcPauses | null;
  /** For filters: the share of all relations the filter returns. */
  share?: number;
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
  targets: Target[];
}

export interface ScaleRun {
  date: string;
  machine: ReturnType<typeof machineInfo>;
  options: ScaleOptions;
  sizes: SizeResult[];
}

/** Generated data for one size, reused when an identical tree is already there. */
const ensureData = (options: ScaleOptions, claims: number) =>
  generatedData(options.dataRoot, claims, options.seed);

/** Loads the data in a fresh process, as `npm start` would, and reports time and memory. */
async function loadInChild(
  dir: string,
): Promise<Omit<SizeResult["load"], "bytesPerRelation"> & { relations: number; claims: number }> {
  const script = path.join(ROOT, "bench", "lib", "scale-load-child.ts");
  const { code, stdout, stderr } = await runChild(
    process.execPath,
    // The young generation npm start gives the server (package.json), so the load is measured as run.
    ["--expose-gc", "--max-semi-space-size=64", "--import", "tsx", script, dir],
    ROOT,
  );
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{"))
    throw new Error(`load child exited ${code}: ${stderr.slice(-800)}`);
  return JSON.parse(line);
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
  let cypher: Partial<Record<QueryName, (() => Promise<unknown>) | null>> = {};
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
  const schema = loadSchema();
  const shares = filterShares(store);
  const results: QueryResult[] = [];
  try {
    for (const name of QUERY_NAMES) {
      const query = queries[name];
      const document = parse(query);
      const graphqlJs = async () => {
        const result = await execute({ schema, document, contextValue: store });
        if (result.errors) throw new Error(`${name} failed: ${JSON.stringify(result.errors)}`);
      };
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
      // The in-memory modes in rounds, so their ratios are fair; Kùzu apart (its time is another scale).
      const together = await measureTogether(
        { graphql: inProcess, graphqlJs, http, direct: direct[name], raw: raw[name] },
        options.latencyBudgetMs,
      );
      const result: QueryResult = {
        name,
        ...together,
        kuzu: kuzuTask
          ? await measureTogether({ kuzu: kuzuTask }, options.latencyBudgetMs).then((k) => k.kuzu)
          : null,
        throughput: null,
        gc: null,
        ...(shares[name] === undefined ? {} : { share: shares[name] }),
      };
      if (options.duration > 0) {
        // The server runs in this process: its collector's pauses under load are observed here.
        const load = await withGcPauses(() => autocannon(`${running.url}/graphql`, body, options.duration));
        result.throughput = load.result;
        result.gc = load.gc;
      }
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
  const bytesPerRelation = child.retainedBytes / Math.max(1, child.relations);
  const size: SizeResult = {
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
    targets: [],
  };
  size.targets = targetsAt(size);
  return size;
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

export async function benchScale(args: string[]): Promise<Table[]> {
  const options = parseScaleOptions(args);
  const run = await runScale(options, (line) => console.error(line));
  return scaleTables(run);
}
