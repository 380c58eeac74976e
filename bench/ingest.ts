/**
 * npm run bench -- ingest [--claims 1e6] [--seed 1] [--data DIR] [--rounds 5]
 *
 * Extraction throughput (articles and sentences per second over the seed and dev texts, one
 * extractor, no I/O), then ingesting one article into a synthetic graph-data folder of --claims
 * claims as `npm run ingest` does: cold (no link index cached: every claim is read once), then warm
 * (the cache the first ingestion left), as a whole CLI process and as the library call alone.
 * The big folder is generated once and reused (as `bench -- scale` does); each run ingests into a
 * hard-linked copy of it, so the generated data is never changed.
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  unlinkSync,
} from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { parse } from "yaml";
import { createExtractor, extractArticle } from "../server/ingest/extract.ts";
import { readGold, type GoldSource } from "../server/ingest/gold.ts";
import { ingestArticle } from "../server/ingest/ingest.ts";
import { readLinkIndex } from "../server/ingest/read-link-index.ts";
import { readExtractionRules } from "../server/ingest/rules-file.ts";
import { segmentSentences } from "../server/ingest/segment.ts";
import { generateGraphData, GENERATOR_VERSION, readManifest } from "../scripts/synthetic/generate.ts";
import type { Table } from "./lib/measure.ts";
import { runChild } from "./lib/run-child.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const GRAPH_DATA = path.join(ROOT, "graph-data");
const DEV_SET = path.join(ROOT, "tests", "extraction", "dev");

interface IngestOptions {
  claims: number;
  seed: number;
  dataRoot: string;
  rounds: number;
}

function parseOptions(args: string[]): IngestOptions {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    strict: false,
    options: {
      claims: { type: "string", default: "1e6" },
      seed: { type: "string", default: "1" },
      data: { type: "string", default: path.join(tmpdir(), "peacegraph-scale") },
      rounds: { type: "string", default: "5" },
    },
  });
  return {
    claims: Number(values.claims),
    seed: Number(values.seed),
    dataRoot: path.resolve(String(values.data)),
    rounds: Number(values.rounds),
  };
}

async function texts(): Promise<GoldSource[]> {
  return [
    ...(await readGold(GRAPH_DATA, "seeds")),
    ...(existsSync(DEV_SET) ? await readGold(DEV_SET, "dev") : []),
  ];
}

/** Articles and sentences per second, extraction alone. */
async function throughput(rounds: number): Promise<Table> {
  const sources = await texts();
  const dirs = existsSync(DEV_SET) ? [GRAPH_DATA, DEV_SET] : [GRAPH_DATA];
  const index = await readLinkIndex(dirs);
  const rules = await readExtractionRules(GRAPH_DATA, new Set(index.relationTypes.keys()));
  const extractor = createExtractor(index, rules);
  const sentences = sources.reduce((sum, s) => sum + segmentSentences(s.text, rules.segmentation).length, 0);
  const bytes = sources.reduce((sum, s) => sum + Buffer.byteLength(s.text), 0);
  for (const source of sources) extractArticle(source.text, source.meta, extractor); // warm-up: model load, JIT
  const started = performance.now();
  for (let round = 0; round < rounds; round++)
    for (const source of sources) extractArticle(source.text, source.meta, extractor);
  const seconds = (performance.now() - started) / 1000;
  return {
    title: `Ingest: extraction throughput (${sources.length} texts, ${sentences} sentences, ${Math.round(bytes / 1024)} KB, ${rounds} rounds, one process)`,
    columns: ["articles/s", "sentences/s", "KB/s", "ms per article"],
    rows: [
      [
        (sources.length * rounds) / seconds,
        (sentences * rounds) / seconds,
        (bytes * rounds) / 1024 / seconds,
        (seconds * 1000) / (sources.length * rounds),
      ],
    ],
    notes: ["PETRARCH2, for reference, codes about 250 parsed sentences per second."],
  };
}

function ensureData(options: IngestOptions): { dir: string; generatedMs: number | null } {
  const dir = path.join(options.dataRoot, `claims-${options.claims}-seed-${options.seed}`);
  const manifest = readManifest(dir);
  if (
    manifest?.generator === GENERATOR_VERSION &&
    manifest.claims === options.claims &&
    manifest.seed === options.seed
  )
    return { dir, generatedMs: null };
  const started = performance.now();
  generateGraphData({ claims: options.claims, seed: options.seed, out: dir });
  return { dir, generatedMs: performance.now() - started };
}

/**
 * A copy of the generated folder that ingestion may write into: hard links for the files it only
 * reads, a real copy of the one it appends to (sources/sources.jsonl).
 */
function workingCopy(dir: string): string {
  const copy = mkdtempSync(path.join(tmpdir(), "peacegraph-ingest-bench-"));
  rmSync(copy, { recursive: true });
  execFileSync("cp", ["-al", dir, copy]);
  const appended = path.join(copy, "sources", "sources.jsonl");
  unlinkSync(appended);
  copyFileSync(path.join(dir, "sources", "sources.jsonl"), appended);
  for (const name of readdirSync(path.join(copy, "entities")))
    if (name === "proposed.jsonl") unlinkSync(path.join(copy, "entities", name));
  return copy;
}

interface Timing {
  wallMs: number;
  /** CPU time (user + system): what the run costs a core of its own on a busy machine. */
  cpuMs: number | null;
}

const TIME = "/usr/bin/time";

/** One `npm run ingest` process, timed by /usr/bin/time when there is one (for its CPU time). */
async function cliRun(file: string, dataDir: string): Promise<Timing> {
  const command = [
    process.execPath,
    "--import",
    "tsx",
    path.join(ROOT, "server", "cli", "ingest.ts"),
    file,
    "--data",
    dataDir,
  ];
  const timed = existsSync(TIME);
  const started = performance.now();
  const { code, stderr } = timed
    ? await runChild(TIME, ["-f", "cpu %U %S", ...command], ROOT)
    : await runChild(command[0]!, command.slice(1), ROOT);
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`ingest exited ${code}: ${stderr.trim()}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
  return { wallMs, cpuMs: cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : null };
}

/** Ingesting one article into the big folder: cold and warm, process and library. */
async function intoLargeFolder(options: IngestOptions): Promise<Table> {
  const { dir, generatedMs } = ensureData(options);
  const copy = workingCopy(dir);
  const cacheDir = mkdtempSync(path.join(tmpdir(), "peacegraph-ingest-bench-cache-"));
  process.env.PEACEGRAPH_INDEX_CACHE = cacheDir; // the CLI children read it
  const sources = (await texts()).filter((source) => source.set === "dev");
  const pick = (i: number) => sources[i % sources.length]!;
  const fileOf = (source: GoldSource) => path.join(DEV_SET, "sources", `${source.id}.txt`);
  try {
    const cold = await cliRun(fileOf(pick(0)), copy);
    const warm = await cliRun(fileOf(pick(1)), copy);
    const third = pick(2);
    const meta = parse(readFileSync(path.join(DEV_SET, "sources", `${third.id}.yaml`), "utf8"));
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const outcome = await ingestArticle(
      third.text,
      { ...third.meta, url: meta.url ?? null, published: third.meta.published },
      { dataDir: copy, indexCacheDir: cacheDir, dryRun: false },
    );
    const cpu = process.cpuUsage(cpuBefore);
    const library: Timing = { wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
    if (!outcome.indexCached) throw new Error("the library run did not find the link index in its cache");
    const row = (name: string, timing: Timing) => [
      name,
      timing.wallMs / 1000,
      timing.cpuMs === null ? "—" : timing.cpuMs / 1000,
    ];
    const load = os.loadavg()[0]!.toFixed(1);
    return {
      title: `Ingest: one article into a folder of ${options.claims.toLocaleString("en")} claims (${generatedMs === null ? "data reused" : `generated in ${Math.round(generatedMs / 1000)} s`}; load average ${load} on ${os.cpus().length} cores)`,
      columns: ["run", "wall s", "CPU s"],
      rows: [
        row("CLI, cold: no link index cached (reads every claim once)", cold),
        row("CLI, warm: link index from the cache the first run left", warm),
        row("library call (ingestArticle), warm", library),
      ],
      notes: [
        "A CLI run includes starting Node and tsx and loading the English model; CPU s is user + system time.",
        "Target: under 2 s warm. The cache is derived state, keyed by a fingerprint of graph-data; ingestion keeps it current.",
      ],
    };
  } finally {
    delete process.env.PEACEGRAPH_INDEX_CACHE;
    rmSync(copy, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

export async function benchIngest(args: string[]): Promise<Table[]> {
  const options = parseOptions(args);
  return [await throughput(options.rounds), await intoLargeFolder(options)];
}
