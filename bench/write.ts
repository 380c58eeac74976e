/**
 * npm run bench -- write [--sizes 1e3,1e6] [--writes 200] [--data DIR]
 * Writes through the real server on generated graph-data of each size (copied to a scratch folder,
 * since writes change it): how many reviews per second it acknowledges, how long from sending a
 * write to another client seeing it, how long the in-place graph update takes, an article-sized
 * change set, an edit inside a big machine-written claims file, and the review page's load time for
 * a source with 100 candidates, in Chromium.
 */
import { execFileSync } from "node:child_process";
import { cp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startServer, type RunningServer } from "../server/http/app.ts";
import { LiveGraph } from "../server/live/live-graph.ts";
import { resolveSettings } from "../server/settings.ts";
import { FolderStore } from "../server/store/folder/folder-store.ts";
import type { ChangeSet, RecordChange } from "../server/store/types.ts";
import { WriteService } from "../server/write/write-service.ts";
import { launchBrowser } from "../tests/helpers/browser.ts";
import { generatedData } from "./lib/generated-data.ts";
import { percentile, type Table } from "./lib/measure.ts";

const TOKEN = "bench-write-token-0123456789";

interface WriteOptions {
  sizes: number[];
  writes: number;
  dataRoot: string;
}

function parseWriteOptions(args: string[]): WriteOptions {
  const { values } = parseArgs({
    args,
    options: {
      sizes: { type: "string", default: "1e3,1e6" },
      writes: { type: "string", default: "200" },
      data: { type: "string", default: path.join(tmpdir(), "peacegraph-write") },
    },
  });
  return {
    sizes: values.sizes.split(",").map((size) => Number(size.trim())),
    writes: Number(values.writes),
    dataRoot: path.resolve(values.data),
  };
}

/**
 * A just-read article: `claims` extracted claims awaiting review, each an actor of the graph
 * welcoming an event of the graph, spread over many pairs as an article's claims are (not all on one
 * hub relation).
 */
function article(
  id: string,
  claims: number,
  actors: string[],
  events: string[],
  added = "2099-01-01",
): ChangeSet {
  const sentences = Array.from(
    { length: claims },
    (_, n) => `Sentence ${n}: the delegation welcomed the agreement.`,
  );
  const changes: RecordChange[] = [
    {
      op: "add",
      kind: "source",
      text: sentences.join("\n"),
      record: {
        id,
        title: `Benchmark article ${id}`,
        outlet: null,
        url: null,
        published: "2024-01-01",
        author: null,
        language: "en",
        added,
      },
    },
    ...sentences.map((sentence, n): RecordChange => ({
      op: "add",
      kind: "claim",
      record: {
        id: `${id}-${n}`,
        source: id,
        subject: actors[n % actors.length]!,
        relation: "WELCOMED",
        object: events[(n * 7) % events.length]!,
        quote: sentence,
        confidence: 0.5,
        status: "extracted",
      },
    })),
  ];
  return { action: { kind: "ingestSource", source: id }, changes };
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, write = false) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(write ? { authorization: `Bearer ${TOKEN}`, "x-peacegraph-author": "bench" } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return json.data!;
}

const ACCEPT = `mutation ($id: ID!) { reviewClaim(id: $id, decision: ACCEPT) { id } }`;
const STATUS = `query ($id: ID!) { node(id: $id) { ... on Claim { status } } }`;

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
};

interface SizeFigures {
  claims: number;
  loadS: number;
  ack: { p50: number; p99: number };
  visible: { p50: number; p99: number };
  apply: { p50: number; p99: number };
  sequentialPerS: number;
  concurrentPerS: number;
  articleMs: number;
  articleApplyMs: number;
  bigFileEditMs: number | null;
  reviewPageMs: number;
  reviewPageAgainMs: number;
}

async function measureSize(claims: number, options: WriteOptions): Promise<SizeFigures> {
  const { dir } = await generatedData(options.dataRoot, claims, 1);
  const work = path.join(options.dataRoot, `work-${claims}-${process.pid}`);
  await rm(work, { recursive: true, force: true });
  await cp(dir, work, { recursive: true });
  // Flush the copy now: else the first fsync of the run pays for writing out the whole folder.
  execFileSync("sync");
  const settings = resolveSettings({
    port: 0,
    writeToken: TOKEN,
    watch: false,
    layout: { cacheDir: path.join(options.dataRoot, "layout-cache") },
    limits: { mutationsPerMinute: 1_000_000 },
  });
  await mkdir(settings.layout.cacheDir!, { recursive: true });
  const store = await FolderStore.open({ dataDir: work, readOnly: false, watch: false });
  let running: RunningServer | undefined;
  try {
    const loadStarted = performance.now();
    const live = LiveGraph.fromSnapshot(await store.load(), settings.layout);
    const loadS = (performance.now() - loadStarted) / 1000;
    live.follow(store);
    const writes = new WriteService(store, live, settings.limits);
    running = await startServer(settings, live, { writes, storeStatus: () => store.status() });
    const { knowledge } = live.current;
    const entities = [...knowledge.model.entities.values()];
    const actors = entities
      .filter((entity) => entity.kind === "actor")
      .slice(0, 97)
      .map((entity) => entity.id);
    const events = entities
      .filter((entity) => entity.kind === "event")
      .slice(0, 89)
      .map((entity) => entity.id);

    // An article's worth of claims, committed and applied: what ingestSource stores.
    const articleStarted = performance.now();
    await store.commit(article("bench-article", 100, actors, events), { author: "bench" });
    const articleMs = performance.now() - articleStarted;
    const articleApplyMs = live.lastApplyMs;
    await store.commit(article("bench-review", options.writes * 3, actors, events), { author: "bench" });

    // Write to visible: one client writes, another reads until it sees the write.
    const ack: number[] = [];
    const visible: number[] = [];
    const apply: number[] = [];
    for (let i = 0; i < options.writes; i++) {
      const id = `bench-review-${i}`;
      const started = performance.now();
      await post(running.url, ACCEPT, { id }, true);
      ack.push(performance.now() - started);
      apply.push(live.lastApplyMs);
      for (;;) {
        const data = (await post(running.url, STATUS, { id })) as { node: { status: string } };
        if (data.node.status === "CURATED") break;
      }
      visible.push(performance.now() - started);
    }
    // Throughput: one client writing as fast as acknowledgements come, then eight at once.
    let next = options.writes;
    const burst = async (clients: number) => {
      const count = options.writes;
      const started = performance.now();
      let done = 0;
      await Promise.all(
        Array.from({ length: clients }, async () => {
          while (done < count) {
            done++;
            await post(running!.url, ACCEPT, { id: `bench-review-${next++}` }, true);
          }
        }),
      );
      return (count / (performance.now() - started)) * 1000;
    };
    const sequentialPerS = await burst(1);
    const concurrentPerS = await burst(8);

    // The review page, opened on a source with 100 candidates (the newest one).
    const browser = await launchBrowser();
    let reviewPageMs: number;
    let reviewPageAgainMs: number;
    try {
      const page = await browser.newPage();
      await page.addInitScript(() => localStorage.setItem("peacegraph.author", "bench"));
      // Added last of all, so the queue opens on it.
      await store.commit(article("bench-page", 100, actors, events, "2099-12-31"), { author: "bench" });
      const started = performance.now();
      await page.goto(`${running.url}/review#token=${TOKEN}`);
      await page.waitForFunction(
        () => window.__peacegraphReview?.ready() && window.__peacegraphReview.snapshot().items.length === 100,
        null,
        { timeout: 120_000 },
      );
      reviewPageMs = performance.now() - started;
      // Once more, with the browser's cache warm, as an analyst coming back to the page.
      const again = performance.now();
      await page.reload();
      await page.waitForFunction(
        () => window.__peacegraphReview?.ready() && window.__peacegraphReview.snapshot().items.length === 100,
        null,
        { timeout: 120_000 },
      );
      reviewPageAgainMs = performance.now() - again;
    } finally {
      await browser.close();
    }
    // An edit inside a machine-written file of many claims: the file is rewritten whole.
    const generated = [...knowledge.claimsById.values()].find(
      (claim) => claim.form === "relation" && !claim.source.startsWith("bench-"),
    );
    let bigFileEditMs: number | null = null;
    if (generated) {
      const started = performance.now();
      await writes.editClaim({ author: "bench" }, generated.id, {
        qualifiers: { note: "edited by the benchmark" },
      });
      bigFileEditMs = performance.now() - started;
    }

    return {
      claims,
      loadS,
      ack: stats(ack),
      visible: stats(visible),
      apply: stats(apply),
      sequentialPerS,
      concurrentPerS,
      articleMs,
      articleApplyMs,
      bigFileEditMs,
      reviewPageMs,
      reviewPageAgainMs,
    };
  } finally {
    await running?.close();
    await store.close();
    await rm(work, { recursive: true, force: true });
  }
}

export async function benchWrite(args: string[]): Promise<Table[]> {
  const options = parseWriteOptions(args);
  const figures: SizeFigures[] = [];
  for (const size of options.sizes) {
    console.log(`write ${size}: loading…`);
    figures.push(await measureSize(size, options));
  }
  const ms = (value: number | null) => (value === null ? "—" : Math.round(value * 10) / 10);
  return [
    {
      title: `Writes through the API (${options.writes} reviews per size; ms unless stated)`,
      columns: [
        "claims",
        "load s",
        "ack p50",
        "ack p99",
        "visible p50",
        "visible p99",
        "apply p50",
        "apply p99",
        "writes/s, 1 client",
        "writes/s, 8 clients",
      ],
      rows: figures.map((f) => [
        f.claims,
        ms(f.loadS),
        ms(f.ack.p50),
        ms(f.ack.p99),
        ms(f.visible.p50),
        ms(f.visible.p99),
        ms(f.apply.p50),
        ms(f.apply.p99),
        Math.round(f.sequentialPerS),
        Math.round(f.concurrentPerS),
      ]),
      notes: [
        "ack: a reviewClaim mutation over HTTP until its answer (durable: fsynced, applied). visible: until another client's query shows it.",
        "apply: the in-place graph update inside the server (relations, conflicts, indexes, positions).",
      ],
    },
    {
      title: "Bigger writes and the review page (ms)",
      columns: [
        "claims",
        "article of 100 claims, commit+apply",
        "of which apply",
        "edit in a generated claims file",
        "review page, 100 candidates",
        "again, warm",
      ],
      rows: figures.map((f) => [
        f.claims,
        ms(f.articleMs),
        ms(f.articleApplyMs),
        ms(f.bigFileEditMs),
        ms(f.reviewPageMs),
        ms(f.reviewPageAgainMs),
      ]),
      notes: [
        "Generated claims files hold up to 100,000 claims each; an edit rewrites its file whole.",
        "The review page: from navigation until its 100 candidates are listed, headless Chromium.",
      ],
    },
  ];
}
