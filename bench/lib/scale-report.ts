/** The scale section's results as tables, and the targets judged against one run. */
import type { ScaleRun, SizeResult } from "../scale.ts";
import type { Table } from "./measure.ts";
import type { QueryName } from "./scale-queries.ts";

export interface Target {
  name: string;
  /** The limit, in the unit of `measured`. */
  limit: number;
  measured: number | null;
  met: boolean | null;
  detail: string;
}

const seconds = (ms: number) => ms / 1000;
const mb = (bytes: number) => bytes / 1024 ** 2;
const orDash = (value: number | null | undefined) => (value === null || value === undefined ? "—" : value);
const fixed = (value: number, digits = 2) => value.toFixed(digits);

/** Load + validate + build + indexes, in the fresh child process. */
export const readyMs = (size: SizeResult) => size.load.loadMs + size.load.buildMs + size.load.storeMs;

/** The targets (issue 15), plus the Kùzu comparisons kept from the first scale run. */
export function targetsAt(size: SizeResult): Target[] {
  const query = (name: QueryName) => size.queries.find((result) => result.name === name);
  const depth2 = query("neighborhood depth 2");
  const search = query("search");
  const selective = query("filtered relations (selective)");
  const kuzu = typeof size.kuzu === "string" ? undefined : size.kuzu;
  const targets: Target[] = [];
  const judge = (
    name: string,
    limit: number,
    measured: number | null | undefined,
    detail: string,
    below = false,
  ) =>
    targets.push({
      name,
      limit,
      measured: measured ?? null,
      met: measured === null || measured === undefined ? null : below ? measured < limit : measured <= limit,
      detail: measured === null || measured === undefined ? "not measured" : detail,
    });
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : null);

  const overDirect = ratio(depth2?.graphql.p50, depth2?.direct.p50);
  judge("depth-2 neighbourhood, GraphQL ÷ direct (p50) ≤ 2", 2, overDirect, `${fixed(overDirect ?? 0)}×`);
  const overRaw = ratio(depth2?.graphql.p50, depth2?.raw.p50);
  judge(
    "depth-2 neighbourhood, GraphQL ÷ raw graphology (p50) ≤ 1.5",
    1.5,
    overRaw,
    `${fixed(overRaw ?? 0)}×`,
  );
  judge(
    "depth-2 neighbourhood, GraphQL p99 < 150 ms",
    150,
    depth2?.graphql.p99,
    `${fixed(depth2?.graphql.p99 ?? 0, 1)} ms`,
    true,
  );
  const throughput = depth2?.throughput?.requestsPerSecond;
  targets.push({
    name: "depth-2 neighbourhood, throughput ≥ 80 req/s",
    limit: 80,
    measured: throughput ?? null,
    met: throughput === undefined ? null : throughput >= 80,
    detail: throughput === undefined ? "not measured" : `${Math.round(throughput)} req/s`,
  });
  judge("search, GraphQL p50 < 3 ms", 3, search?.graphql.p50, `${fixed(search?.graphql.p50 ?? 0)} ms`, true);
  const share = selective?.share;
  judge(
    "filtered relations (filter returning < 1 %), GraphQL p50 < 5 ms",
    5,
    share !== undefined && share < 0.01 ? selective?.graphql.p50 : null,
    `${fixed(selective?.graphql.p50 ?? 0)} ms (the filter returns ${fixed(100 * (share ?? 0))} %)`,
    true,
  );
  judge(
    "memory per relation ≤ 1,500 bytes retained",
    1500,
    size.load.bytesPerRelation,
    `${Math.round(size.load.bytesPerRelation)} bytes (peak RSS ${Math.round(mb(size.load.maxRssBytes))} MB)`,
  );
  const load = ratio(readyMs(size), kuzu?.copyMs);
  judge(
    "load of the claims, ours ÷ Kùzu COPY ≤ 0.5",
    0.5,
    load,
    kuzu
      ? `${fixed(load ?? 0)}× (${fixed(seconds(readyMs(size)), 1)} s / ${fixed(seconds(kuzu.copyMs), 1)} s)`
      : "Kùzu not run",
  );
  for (const name of ["neighborhood depth 2", "shortest paths"] as const) {
    const r = ratio(query(name)?.graphql.p50, query(name)?.kuzu?.p50 ?? undefined);
    judge(
      `(reference) GraphQL ${name} ÷ Kùzu p50 < 1`,
      1,
      r,
      r === null ? "Kùzu not run" : `${fixed(r)}×`,
      true,
    );
  }
  return targets;
}

function loadTable(run: ScaleRun): Table {
  return {
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
      const kuzu = typeof size.kuzu === "string" ? undefined : size.kuzu;
      return [
        size.claims,
        size.nodes,
        size.relations,
        seconds(size.load.loadMs),
        seconds(size.load.buildMs),
        seconds(size.load.storeMs),
        seconds(readyMs(size)),
        Math.round(size.load.bytesPerRelation),
        Math.round(mb(size.load.maxRssBytes)),
        orDash(kuzu && seconds(kuzu.csvMs)),
        orDash(kuzu && seconds(kuzu.copyMs)),
        orDash(kuzu && readyMs(size) / kuzu.copyMs),
      ];
    }),
    notes: [
      "Loaded in a fresh child process as npm start does. ready = load+validate + build + indexes (no layout).",
      "bytes/relation: heap + external retained after GC (not RSS), divided by relations. Kùzu COPY loads entities, sources, relations and claims.",
      ...run.sizes
        .filter((size) => typeof size.kuzu === "string")
        .map((size) => `${size.claims}: Kùzu ${String(size.kuzu)}`),
    ],
  };
}

function latencyTable(size: SizeResult): Table {
  return {
    title: `Scale: queries at ${size.claims} claims (${size.nodes} nodes, ${size.relations} relations), ms`,
    columns: [
      "query",
      "GraphQL p50",
      "p99",
      "graphql-js p50",
      "HTTP p50",
      "direct p50",
      "raw p50",
      "Kùzu p50",
      "GraphQL/direct",
      "GraphQL/raw",
      "GraphQL/Kùzu",
      "req/s",
      "load p99",
      "GC max",
      "GC %",
    ],
    rows: size.queries.map((query) => [
      query.share === undefined ? query.name : `${query.name} [${fixed(100 * query.share)} %]`,
      query.graphql.p50,
      query.graphql.p99,
      query.graphqlJs.p50,
      query.http.p50,
      query.direct.p50,
      query.raw.p50,
      orDash(query.kuzu?.p50),
      query.graphql.p50 / query.direct.p50,
      query.graphql.p50 / query.raw.p50,
      query.kuzu ? query.graphql.p50 / query.kuzu.p50 : "—",
      orDash(query.throughput && Math.round(query.throughput.requestsPerSecond)),
      orDash(query.throughput?.p99),
      orDash(query.gc?.maxMs),
      orDash(query.gc && 100 * query.gc.share),
    ]),
    notes: [
      "GraphQL: Apollo in-process (executeOperation) with the server's execution path (graphql-jit); graphql-js: its execute()",
      "over the same schema, without Apollo, as before graphql-jit. direct: the server's query layer (server/query) called",
      "without GraphQL. raw: the traversal written straight against graphology (search: the search index itself). Kùzu: prepared Cypher.",
      "req/s and load p99: autocannon, 10 connections, against the real server on 127.0.0.1; GC max and GC %: the server",
      "process's longest garbage-collection pause (ms) and share of time paused during that run. [x %]: share of relations returned.",
    ],
  };
}

/** The ratios the targets are about, at every size, to see how they grow. */
function ratiosTable(run: ScaleRun): Table {
  const at = (size: SizeResult, name: QueryName) => size.queries.find((query) => query.name === name);
  return {
    title: "Scale: the targets' measures at each size",
    columns: [
      "claims",
      "depth-2 GraphQL/direct",
      "GraphQL/raw",
      "p99 ms",
      "req/s",
      "search p50 ms",
      "selective filter p50 ms",
      "bytes/relation",
      "ours/COPY",
    ],
    rows: run.sizes.map((size) => {
      const depth2 = at(size, "neighborhood depth 2");
      const kuzu = typeof size.kuzu === "string" ? undefined : size.kuzu;
      return [
        size.claims,
        orDash(depth2 && depth2.graphql.p50 / depth2.direct.p50),
        orDash(depth2 && depth2.graphql.p50 / depth2.raw.p50),
        orDash(depth2?.graphql.p99),
        orDash(depth2?.throughput && Math.round(depth2.throughput.requestsPerSecond)),
        orDash(at(size, "search")?.graphql.p50),
        orDash(at(size, "filtered relations (selective)")?.graphql.p50),
        Math.round(size.load.bytesPerRelation),
        orDash(kuzu && readyMs(size) / kuzu.copyMs),
      ];
    }),
  };
}

/** The run as terminal tables. */
export function scaleTables(run: ScaleRun): Table[] {
  const tables: Table[] = [loadTable(run)];
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
  for (const size of run.sizes) tables.push(latencyTable(size));
  tables.push(ratiosTable(run));
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
      title: `Scale: targets at ${largest.claims} claims (issue 15; measured in this one run)`,
      columns: ["target", "measured", "met"],
      rows: largest.targets.map((target) => [
        target.name,
        target.detail,
        target.met === null ? "—" : target.met ? "met" : "NO",
      ]),
    });
  }
  return tables;
}
