import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateGraphData } from "../scripts/synthetic/generate.ts";
import { percentile, type Table } from "./lib/measure.ts";

/**
 * The attack of issue 9, measured: 32 concurrent whole-graph exports of the 10⁵-claim graph against
 * the real server (`npm start`'s server/main.ts in a child process, default settings), while /health
 * is asked back to back. Reports the child's peak RSS (the kernel's high-water mark, VmHWM), /health
 * latency during the flood, how many exports were served and refused, and whether the process
 * survived. Targets: process up, RSS under 1.5 GB, /health under 1 s.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
export const FLOOD_CLAIMS = 100_000;
export const FLOOD_CLIENTS = 32;
const FORMATS = ["networkx-json", "gexf"] as const;

interface Child {
  url: string;
  process: ChildProcess;
  stop(): void;
}

function startServer(dataDir: string, layoutCache: string): Promise<Child> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      PEACEGRAPH_DATA: dataDir,
      PEACEGRAPH_LAYOUT_CACHE: layoutCache,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /^Health {3}(http:\/\/\S+)\/health$/m.exec(stdout)?.[1];
      if (url) resolve({ url, process: child, stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) =>
      reject(new Error(`the server exited (${code}) before it started:\n${stderr}`)),
    );
  });
}

/** Resident and peak resident memory of a process, in MB, from /proc. */
async function memory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: field("VmRSS"), peak: field("VmHWM") };
}

interface FloodResult {
  format: string;
  served: number;
  refused: number;
  failed: number;
  seconds: number;
  megabytes: number;
  healthP50: number;
  healthP99: number;
  healthMax: number;
  healthAnswers: number;
  peakRss: number;
  alive: boolean;
}

/** /health asked back to back by a process of its own (bench/lib/health-poller.ts) until stopped. */
function pollHealth(url: string): { stop(): Promise<number[]> } {
  const poller = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "lib", "health-poller.ts"), url],
    {
      cwd: ROOT,
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  let output = "";
  poller.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => poller.once("exit", () => resolve()));
  return {
    async stop() {
      poller.stdin!.end();
      await exited;
      return (JSON.parse(output) as (number | null)[]).map((latency) => latency ?? Infinity);
    },
  };
}

async function flood(child: Child, format: string): Promise<FloodResult> {
  const started = performance.now();
  let bytes = 0;
  const downloads = Promise.all(
    Array.from({ length: FLOOD_CLIENTS }, async () => {
      try {
        const response = await fetch(`${child.url}/export/${format}`, {
          headers: { "accept-encoding": "identity" },
        });
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>)
          bytes += chunk.length;
        return response.status;
      } catch {
        return 0;
      }
    }),
  );
  const poller = pollHealth(child.url);
  const statuses = await downloads;
  const latencies = await poller.stop();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const alive = child.process.exitCode === null && child.process.signalCode === null;
  return {
    format,
    served: statuses.filter((status) => status === 200).length,
    refused: statuses.filter((status) => status === 503).length,
    failed: statuses.filter((status) => status !== 200 && status !== 503).length,
    seconds,
    megabytes: bytes / 1e6,
    healthP50: percentile(latencies, 50),
    healthP99: percentile(latencies, 99),
    healthMax: latencies.at(-1) ?? NaN,
    healthAnswers: latencies.length,
    peakRss: alive ? (await memory(child.process.pid!)).peak : NaN,
    alive,
  };
}

export async function benchExportFlood(): Promise<Table> {
  const work = await mkdtemp(path.join(tmpdir(), "peacegraph-flood-"));
  try {
    const dataDir = path.join(work, "graph-data");
    generateGraphData({ claims: FLOOD_CLAIMS, seed: 1, out: dataDir });
    const child = await startServer(dataDir, path.join(work, "layout"));
    try {
      const health = (await (await fetch(`${child.url}/health`)).json()) as {
        relations: number;
        nodes: number;
      };
      const idle = await memory(child.process.pid!);
      const rows: (string | number)[][] = [];
      for (const format of FORMATS) {
        const result = await flood(child, format);
        rows.push([
          result.format,
          `${result.served} / ${result.refused} / ${result.failed}`,
          result.seconds,
          result.megabytes,
          result.peakRss,
          result.healthP50,
          result.healthP99,
          result.healthMax,
          result.healthAnswers,
          result.alive ? "up" : "DIED",
        ]);
        if (!result.alive) break;
      }
      return {
        title: `${FLOOD_CLIENTS} concurrent whole-graph exports, ${FLOOD_CLAIMS.toLocaleString("en")} claims (${health.nodes} nodes, ${health.relations} relations), default settings`,
        columns: [
          "format",
          "served / 503 / failed",
          "s",
          "MB sent",
          "peak RSS MB",
          "/health p50 ms",
          "p99",
          "max",
          "answers",
          "process",
        ],
        rows,
        notes: [
          `The server is npm start's (server/main.ts) in a child process; RSS after loading: ${idle.rss.toFixed(0)} MB.`,
          "Peak RSS is the child's high-water mark (VmHWM) since it started, so the second row includes the first.",
          "Clients do not compress (Accept-Encoding: identity) and do not retry a 503: served + 503 = 32.",
          "/health is asked back to back, by a process of its own, for as long as the exports run.",
          "Targets: process up, peak RSS < 1,500 MB, /health < 1,000 ms.",
        ],
      };
    } finally {
      child.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
