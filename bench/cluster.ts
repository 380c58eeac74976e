/**
 * npm run bench -- cluster [--sizes 1e4,1e6] [--serve 1e3,1e4] [--seconds 5] [--duration 3]
 *                          [--writers 2] [--visibility 50] [--data DIR]
 *
 * PostgreSQL against the folder, in one run on one machine (bench/README.md):
 * - cold start of a replica at each of --sizes: from the graph-data folder, and from PostgreSQL
 *   after `db:import` (each in a fresh child process);
 * - for each --serve graph (`seed` is graph-data/): writes per second through one folder-backed
 *   process and through two PostgreSQL replicas; how long a write through one replica takes to show
 *   on the other (p50, p99); read throughput of the folder process, one replica, and two. Set-ups
 *   take turns, three rounds each, and the median is reported: this machine's load swings widely.
 *   (The hand-written seed can be served, but the folder store does not write to its YAML files.)
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { loadGraphDataStrict } from "../server/model/load.ts";
import { importFolder } from "../server/store/postgres/import-folder.ts";
import { migrate } from "../server/store/postgres/migrate.ts";
import { ApiReplica } from "../scripts/postgres/api-replica.ts";
import { ThrowawayPostgres } from "../scripts/postgres/throwaway.ts";
import { autocannon } from "./lib/autocannon.ts";
import { visibility, writeRate, type WriteRate } from "./lib/cluster-load.ts";
import { generatedData } from "./lib/generated-data.ts";
import { machineInfo } from "./lib/machine.ts";
import { percentile, type Table } from "./lib/measure.ts";
import { runChild } from "./lib/run-child.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const TOKEN = "bench-cluster-token-0123456789";
const READ = JSON.stringify({
  query: "{ relations(first: 20) { totalCount nodes { id type claims { quote } } } }",
});

function parseOptions(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: "string", default: "1e4,1e6" },
      serve: { type: "string", default: "1e3,1e4" },
      seconds: { type: "string", default: "5" },
      duration: { type: "string", default: "3" },
      writers: { type: "string", default: "2" },
      visibility: { type: "string", default: "50" },
      // Its own folder: generated data follows the model of the code that generated it.
      data: { type: "string", default: path.join(tmpdir(), "peacegraph-cluster") },
    },
  });
  const size = (text: string) => {
    const value = Number(text.trim());
    if (!Number.isInteger(value) || value < 1) throw new Error(`not a size: "${text}" (use 1e4 or seed)`);
    return value;
  };
  return {
    sizes: values.sizes.split(",").filter(Boolean).map(size),
    serve: values.serve
      .split(",")
      .filter(Boolean)
      .map((text) => (text.trim() === "seed" ? ("seed" as const) : size(text))),
    seconds: Number(values.seconds),
    duration: Number(values.duration),
    writers: Number(values.writers),
    visibilityWrites: Number(values.visibility),
    dataRoot: path.resolve(values.data),
  };
}

/** graph-data/ for `seed`, else generated graph-data of that many claims (kept in --data between runs). */
async function dataFor(dataRoot: string, claims: number | "seed"): Promise<string> {
  if (claims === "seed") return path.join(ROOT, "graph-data");
  return (await generatedData(dataRoot, claims, 1)).dir;
}

async function importInto(server: ThrowawayPostgres, name: string, dir: string) {
  const url = await server.createDatabase(name);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(client);
    const summary = await importFolder(client, dir);
    return { url, importMs: summary.ms };
  } finally {
    await client.end();
  }
}

interface ColdStart {
  claims: number;
  loadMs: number;
  buildMs: number;
  storeMs: number;
  readyMs: number;
  maxRssBytes: number;
}

async function coldStart(kind: "folder" | "postgres", where: string): Promise<ColdStart> {
  const script = path.join(ROOT, "bench", "lib", "cluster-start-child.ts");
  const { code, stdout, stderr } = await runChild(
    process.execPath,
    ["--import", "tsx", script, kind, where],
    ROOT,
  );
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{"))
    throw new Error(`${kind} start exited ${code}: ${stderr.slice(-800)}`);
  return JSON.parse(line) as ColdStart;
}

/** The median run of several, by time to ready (one at a million claims: a run takes a minute). */
async function medianStart(kind: "folder" | "postgres", where: string, runs: number): Promise<ColdStart> {
  const results: ColdStart[] = [];
  for (let i = 0; i < runs; i++) results.push(await coldStart(kind, where));
  results.sort((a, b) => a.readyMs - b.readyMs);
  return results[Math.floor(results.length / 2)]!;
}

const seconds = (ms: number) => ms / 1_000;
const ROUNDS = 3;
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

function startServers(env: Record<string, string>, names: string[]) {
  return Promise.all(
    names.map((name) =>
      ApiReplica.start({
        name,
        env: {
          PEACEGRAPH_WRITE_TOKEN: TOKEN,
          PEACEGRAPH_SETTINGS: JSON.stringify({ limits: { mutationsPerMinute: 1_000_000 } }),
          ...env,
        },
      }),
    ),
  );
}

export async function benchCluster(args: string[]): Promise<Table[]> {
  const options = parseOptions(args);
  const server = await ThrowawayPostgres.create({ name: "bench" });
  const scratch = await mkdtemp(path.join(tmpdir(), "peacegraph-bench-cluster-"));
  const cold: (string | number)[][] = [];
  const writes: (string | number)[][] = [];
  const visible: (string | number)[][] = [];
  const reads: (string | number)[][] = [];
  let databases = 0;
  try {
    for (const claims of options.sizes) {
      const dir = await dataFor(options.dataRoot, claims);
      const { url, importMs } = await importInto(server, `cold_${++databases}`, dir);
      const runs = claims >= 1e6 ? 1 : 3;
      const folder = await medianStart("folder", dir, runs);
      const postgres = await medianStart("postgres", url, runs);
      cold.push([
        claims,
        seconds(importMs),
        seconds(folder.loadMs),
        seconds(folder.readyMs),
        seconds(postgres.loadMs),
        seconds(postgres.readyMs),
        postgres.readyMs / folder.readyMs,
        mb(folder.maxRssBytes),
        mb(postgres.maxRssBytes),
      ]);
    }

    for (const size of options.serve) {
      const source = await dataFor(options.dataRoot, size);
      const label = size === "seed" ? "seed" : String(size);
      const model = await loadGraphDataStrict(source);
      const claims = model.claims.filter((claim) => claim.form === "relation").map((claim) => claim.id);
      const layoutCache = path.join(scratch, "layout-cache");
      // Writes change the folder: the folder process gets a copy.
      const copy = path.join(scratch, `folder-${label}`);
      await cp(source, copy, { recursive: true });
      const { url } = await importInto(server, `serve_${++databases}`, source);
      const [folder] = await startServers({ PEACEGRAPH_DATA: copy, PEACEGRAPH_LAYOUT_CACHE: layoutCache }, [
        "folder",
      ]);
      const replicas = await startServers(
        { PEACEGRAPH_DATABASE_URL: url, PEACEGRAPH_LAYOUT_CACHE: layoutCache },
        ["replica-1", "replica-2"],
      ).catch(async (error: unknown) => {
        await folder!.stop();
        throw error;
      });
      try {
        const [a, b] = replicas.map((replica) => replica.url) as [string, string];
        // This machine's load swings from second to second: the set-ups take turns, and the median counts.
        const readRounds: number[][] = [];
        for (let round = 0; round < ROUNDS; round++) {
          const alone = await autocannon(`${folder!.url}/graphql`, READ, options.duration, 10);
          const one = await autocannon(`${a}/graphql`, READ, options.duration, 10);
          const two = await Promise.all(
            [a, b].map((u) => autocannon(`${u}/graphql`, READ, options.duration, 5)),
          );
          readRounds.push([
            alone.requestsPerSecond,
            one.requestsPerSecond,
            two.reduce((sum, run) => sum + run.requestsPerSecond, 0),
          ]);
        }
        const [folderRead, oneRead, twoRead] = [0, 1, 2].map((column) =>
          median(readRounds.map((row) => row[column]!)),
        );
        reads.push([label, folderRead!, oneRead!, twoRead!, twoRead! / oneRead!]);
        const folderWrites: WriteRate[] = [];
        const clusterWrites: WriteRate[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          folderWrites.push(
            await writeRate([folder!.url], TOKEN, claims, options.seconds, options.writers * 2),
          );
          clusterWrites.push(await writeRate([a, b], TOKEN, claims, options.seconds, options.writers));
        }
        for (const [store, rates] of [
          ["folder, 1 process", folderWrites],
          ["PostgreSQL, 2 replicas", clusterWrites],
        ] as const) {
          const total = (field: "committed" | "refused" | "failed") =>
            rates.reduce((sum, rate) => sum + rate[field], 0);
          writes.push([
            label,
            store,
            median(rates.map((rate) => rate.perSecond))!,
            total("committed"),
            total("refused"),
            total("failed"),
          ]);
        }
        const lag = await visibility(a, b, TOKEN, claims, options.visibilityWrites);
        const sorted = (values: number[]) => [...values].sort((x, y) => x - y);
        const [afterAnswer, afterRequest] = [sorted(lag.afterAnswer), sorted(lag.afterRequest)];
        visible.push([
          label,
          afterAnswer.length,
          percentile(afterAnswer, 50),
          percentile(afterAnswer, 99),
          percentile(afterRequest, 50),
          percentile(afterRequest, 99),
        ]);
      } finally {
        await Promise.all([folder!, ...replicas].map((process) => process.stop()));
      }
    }
  } finally {
    await server.remove();
    await rm(scratch, { recursive: true, force: true });
  }
  const machine = machineInfo();
  const on = `${machine.cpus} × ${machine.cpuModel}, load average ${machine.loadAverage.join(" ")} at the end`;
  const tables: Table[] = [
    {
      title: "Cold start of a replica: graph-data folder against PostgreSQL, seconds",
      columns: [
        "claims",
        "db:import",
        "folder load",
        "folder ready",
        "PostgreSQL load",
        "PostgreSQL ready",
        "PG/folder",
        "folder RSS MB",
        "PG RSS MB",
      ],
      rows: cold,
      notes: [
        "load: read and validate every record; ready: also build the graph and its indexes (the layout, cached, is left out).",
        "Median of 3 fresh child processes (1 at 10⁶); PostgreSQL 15 on this machine, over TCP on 127.0.0.1.",
        on,
      ],
    },
    {
      title: `Writes per second (editClaim; median of ${ROUNDS} rounds of ${options.seconds} s; ${options.writers * 2} clients in all)`,
      columns: ["graph", "store", "writes/s", "committed", "conflicts", "failed"],
      rows: writes,
      notes: [
        "Every replica applies every write to its own graph, so each write costs a graph update on both.",
      ],
    },
    {
      title: "Write through replica 1, visible on replica 2 (its /events stream), ms",
      columns: ["graph", "writes", "after answer p50", "p99", "after request p50", "p99"],
      rows: visible,
      notes: [
        "One write at a time. 'after answer': from replica 1's answer (durable, and shown on replica 1).",
      ],
    },
    {
      title: `Read throughput (first page of relations, 10 connections in all; median of ${ROUNDS} rounds of ${options.duration} s), requests/s`,
      columns: ["graph", "folder, 1 process", "1 replica", "2 replicas", "2 ÷ 1"],
      rows: reads,
      notes: [
        "Two replicas share this machine's cores with autocannon, so they cannot double what one serves here.",
      ],
    },
  ];
  return tables.filter((table) => table.rows.length > 0);
}
