import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import { formatProblem } from "../../server/model/problems.ts";
import { FilePlanner } from "../../server/store/folder/file-plan.ts";
import { FolderStore, PRIVATE_FOLDER } from "../../server/store/folder/folder-store.ts";
import { FolderLockedError } from "../../server/store/folder/lock.ts";
import type { StoreEvent } from "../../server/store/types.ts";
import { makeGraphData } from "../helpers/fixture.ts";
import { accept, reject, secondSource, SECOND_TEXT, welcomed } from "./records.ts";

const open: FolderStore[] = [];
const dirs: string[] = [];

async function fixture(): Promise<string> {
  const dir = await makeGraphData();
  dirs.push(dir);
  return dir;
}

async function openStore(dataDir: string, readOnly = false): Promise<FolderStore> {
  const store = await FolderStore.open({ dataDir, readOnly, displayRoot: dataDir, watch: false });
  open.push(store);
  return store;
}

afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), "utf8");
const journalLines = (dir: string) =>
  existsSync(path.join(dir, "reviews/journal.jsonl"))
    ? read(dir, "reviews/journal.jsonl").trimEnd().split("\n").filter(Boolean)
    : [];

async function problemsOf(dir: string): Promise<string[]> {
  const { problems } = await loadGraphData(dir, dir);
  return problems.map(formatProblem);
}

describe("the folder store", () => {
  it("writes a new source, its claims and a proposed entity where the layout says, and journals it", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    const events: StoreEvent[] = [];
    store.subscribe((event) => events.push(event));
    const { entry, replayed } = await store.commit(secondSource(), { author: "Ana" });

    expect(replayed).toBe(false);
    expect(entry.position).toBe(1);
    expect(read(dir, "sources/second.txt")).toBe(SECOND_TEXT);
    expect(JSON.parse(read(dir, "sources/sources.jsonl"))).toMatchObject({
      id: "second",
      title: "Second article",
    });
    expect(read(dir, "claims/second.jsonl").trimEnd().split("\n")).toHaveLength(2);
    expect(JSON.parse(read(dir, "entities/proposed.jsonl"))).toMatchObject({ id: "second-azerbaijan" });
    const [line] = journalLines(dir);
    const journalled = JSON.parse(line!);
    expect(journalled).toMatchObject({ author: "Ana", action: { kind: "ingestSource", source: "second" } });
    // The text is not repeated in the journal, only its hash.
    expect(line).not.toContain("joint statement. Armenia");
    expect(journalled.changes[0].textSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(journalled.changes[1].where).toBe("claims/second.jsonl");
    // Subscribers saw it before the commit resolved, with the text.
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "commit", entry: { position: 1 } });
    expect(await problemsOf(dir)).toEqual([]);
    const { model } = await loadGraphData(dir, dir);
    expect(model.claims.map((claim) => claim.id)).toContain("second-welcomed");
    expect(model.entities.has("second-azerbaijan")).toBe(true);
  });

  it("rewrites one line for a review and keeps every other line byte for byte", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    await store.commit(secondSource(), { author: "Ana" });
    const before = read(dir, "claims/second.jsonl").split("\n");
    await store.commit(accept(welcomed()), { author: "Ana" });
    const after = read(dir, "claims/second.jsonl").split("\n");
    expect(JSON.parse(after[0]!)).toMatchObject({ id: "second-welcomed", status: "curated" });
    expect(after[1]).toBe(before[1]);
    expect(journalLines(dir)).toHaveLength(2);
    expect(JSON.parse(journalLines(dir)[1]!).changes[0].previous.status).toBe("extracted");

    await store.commit(reject({ ...welcomed(), status: "curated" }, "not in the text"), { author: "Ben" });
    expect(read(dir, "claims/second.jsonl").split("\n")[0]).toBe(before[1]);
    expect(await problemsOf(dir)).toEqual([]);
  });

  it("refuses a change to a record that no longer looks as the caller read it", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    await store.commit(secondSource(), { author: "Ana" });
    await store.commit(accept(welcomed()), { author: "Ana" });
    // A second accept from a stale read: the record is curated now, not extracted.
    const stale = store.commit(accept(welcomed()), { author: "Ben" });
    await expect(stale).rejects.toThrow(/changed meanwhile/);
    await expect(stale).rejects.toMatchObject({ reason: "conflict" });
    expect(journalLines(dir)).toHaveLength(2);
  });

  it("refuses to rewrite a claim written by hand in YAML", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    const record = {
      id: "demo-welcomed",
      source: "demo",
      subject: "turkey",
      relation: "WELCOMED",
      object: "joint-statement",
      quote: "Turkey welcomed it.",
      confidence: 0.9,
    };
    await expect(store.commit(accept(record, "claims/demo.yaml"), { author: "Ana" })).rejects.toThrow(
      /written by hand in claims\/demo.yaml/,
    );
  });

  it("takes a retried idempotency key once and answers with the first entry", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    const first = await store.commit(secondSource(), { author: "Ana", idempotencyKey: "k1", request: "r1" });
    const again = await store.commit(secondSource(), { author: "Ana", idempotencyKey: "k1", request: "r1" });
    expect(again.replayed).toBe(true);
    expect(again.entry.id).toBe(first.entry.id);
    expect(journalLines(dir)).toHaveLength(1);
    await expect(
      store.commit(secondSource("third"), { author: "Ana", idempotencyKey: "k1", request: "r2" }),
    ).rejects.toMatchObject({ field: "idempotencyKey", reason: "idempotency" });

    // Concurrent retries of one request: one takes effect, both get its answer.
    const [a, b] = await Promise.all([
      store.commit(secondSource("fourth"), { author: "Ana", idempotencyKey: "k2", request: "r" }),
      store.commit(secondSource("fourth"), { author: "Ana", idempotencyKey: "k2", request: "r" }),
    ]);
    expect(a.entry.id).toBe(b.entry.id);
    expect(journalLines(dir)).toHaveLength(2);

    // Keys survive a restart: they are read back from the journal.
    await store.close();
    open.splice(open.indexOf(store), 1);
    const reopened = await openStore(dir);
    await reopened.load();
    const replay = await reopened.commit(secondSource(), {
      author: "Ana",
      idempotencyKey: "k1",
      request: "r1",
    });
    expect(replay).toMatchObject({ replayed: true, entry: { id: first.entry.id, position: 1 } });
  });

  it("commits concurrent change sets together, each journalled on its own", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    const ids = Array.from({ length: 12 }, (_, i) => `batch-${i}`);
    const results = await Promise.all(ids.map((id) => store.commit(secondSource(id), { author: "Ana" })));
    expect(results.map((result) => result.entry.position).sort((a, b) => a - b)).toEqual(
      ids.map((_, i) => i + 1),
    );
    expect(journalLines(dir)).toHaveLength(12);
    expect(await problemsOf(dir)).toEqual([]);
  });

  it("refuses a source id that exists, and leaves the rest of a batch unharmed", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    const results = await Promise.allSettled([
      store.commit(secondSource("demo"), { author: "Ana" }),
      store.commit(secondSource("fine"), { author: "Ana" }),
    ]);
    expect(results[0]).toMatchObject({
      status: "rejected",
      reason: { message: 'a source "demo" already exists' },
    });
    expect(results[1]).toMatchObject({ status: "fulfilled" });
    expect(await problemsOf(dir)).toEqual([]);
  });
});

describe("one writer per folder", () => {
  it("refuses a second writer with a message naming the first, and lets a reader in", async () => {
    const dir = await fixture();
    await openStore(dir);
    const second = FolderStore.open({ dataDir: dir, readOnly: false, watch: false });
    await expect(second).rejects.toBeInstanceOf(FolderLockedError);
    await expect(second).rejects.toThrow(
      new RegExp(`already open for writing by process ${process.pid}.*PEACEGRAPH_READ_ONLY=1`),
    );
    const reader = await openStore(dir, true);
    expect(reader.writable).toBe(false);
    await reader.load();
    await expect(reader.commit(secondSource(), { author: "Ana" })).rejects.toMatchObject({
      reason: "read-only",
    });
  });

  it("takes over the lock of a process that died, and says so", async () => {
    const dir = await fixture();
    const child = spawn(process.execPath, ["-e", ""]);
    const deadPid = child.pid!;
    await new Promise((resolve) => child.on("exit", resolve));
    await mkdir(path.join(dir, PRIVATE_FOLDER), { recursive: true });
    writeFileSync(
      path.join(dir, PRIVATE_FOLDER, "writer.lock"),
      JSON.stringify({ pid: deadPid, host: (await import("node:os")).hostname(), started: "earlier" }),
    );
    const store = await openStore(dir);
    expect(store.status().recovered[0]).toContain(`process ${deadPid}, which is gone`);
    expect(JSON.parse(read(dir, `${PRIVATE_FOLDER}/writer.lock`)).pid).toBe(process.pid);
  });
});

describe("damage and recovery", () => {
  it("never appends after a torn last line, and the loader reports that line", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    await store.commit(secondSource(), { author: "Ana" });
    await store.close();
    open.length = 0;
    appendFileSync(path.join(dir, "entities/proposed.jsonl"), '{"id": "half-writ');
    const reopened = await openStore(dir);
    await expect(reopened.load()).rejects.toThrow(/entities\/proposed.jsonl:2:\d+: malformed JSON/);
    await expect(reopened.commit(secondSource("third"), { author: "Ana" })).rejects.toThrow(
      /not been loaded/,
    );
    // Whoever plans a write, the damaged line is never buried under new ones.
    const planner = new FilePlanner({ dataDir: dir, displayRoot: dir }, async () => undefined);
    await expect(planner.add(secondSource("third"))).rejects.toThrow(
      /entities\/proposed.jsonl line 2 is cut short \("\{"id": "half-writ…"\)/,
    );
    // A last line that is whole but lacks its line break (a hand edit) gets one first.
    writeFileSync(
      path.join(dir, "entities/proposed.jsonl"),
      '{"id":"x","label":"X","type":"state","description":"X."}',
    );
    await planner.add(secondSource("third"));
    const [append] = planner.operations().filter((operation) => operation.file.endsWith("proposed.jsonl"));
    expect(append).toMatchObject({
      kind: "append",
      bytes: expect.stringMatching(/^\n\{"id":"third-azerbaijan"/),
    });
  });

  it("rolls back a write interrupted before its commit point", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    await store.commit(secondSource(), { author: "Ana" });
    await store.close();
    open.length = 0;
    const sizes = {
      sources: readFileSync(path.join(dir, "sources/sources.jsonl")).length,
      journal: readFileSync(path.join(dir, "reviews/journal.jsonl")).length,
    };
    // What a crash leaves half way: an intent, a torn append, a temporary file, no journal line.
    writeFileSync(
      path.join(dir, PRIVATE_FOLDER, "intent.json"),
      JSON.stringify({
        transaction: "crashed1",
        journal: { file: "reviews/journal.jsonl", size: sizes.journal, length: 500 },
        appends: [
          { file: "sources/sources.jsonl", size: sizes.sources },
          { file: "claims/third.jsonl", size: null },
        ],
        renames: [{ from: "sources/third.txt.txn-crashed1.tmp", to: "sources/third.txt" }],
      }),
    );
    appendFileSync(path.join(dir, "sources/sources.jsonl"), '{"id":"third","title":"Thi');
    writeFileSync(path.join(dir, "claims/third.jsonl"), '{"id":"third-x"}\n');
    writeFileSync(path.join(dir, "sources/third.txt.txn-crashed1.tmp"), "text");
    appendFileSync(path.join(dir, "reviews/journal.jsonl"), '{"id":"crashed1","ti');

    const reopened = await openStore(dir);
    const [report] = reopened.status().recovered;
    expect(report).toMatch(/rolled back write crashed1.*never acknowledged/);
    expect(report).toContain("sources/sources.jsonl cut back");
    expect(readFileSync(path.join(dir, "sources/sources.jsonl")).length).toBe(sizes.sources);
    expect(readFileSync(path.join(dir, "reviews/journal.jsonl")).length).toBe(sizes.journal);
    expect(existsSync(path.join(dir, "claims/third.jsonl"))).toBe(false);
    expect(existsSync(path.join(dir, "sources/third.txt.txn-crashed1.tmp"))).toBe(false);
    expect(existsSync(path.join(dir, PRIVATE_FOLDER, "intent.json"))).toBe(false);
    const snapshot = await reopened.load();
    expect(snapshot.position).toBe(1);
    expect(await problemsOf(dir)).toEqual([]);
  });

  it("rolls forward a write interrupted after its commit point", async () => {
    const dir = await fixture();
    const store = await openStore(dir);
    await store.load();
    await store.commit(secondSource(), { author: "Ana" });
    const claimsFile = path.join(dir, "claims/second.jsonl");
    const accepted = read(dir, "claims/second.jsonl").replace('"status":"extracted"', '"status":"curated"');
    await store.close();
    open.length = 0;
    // The journal line is in; the rewritten claims file is still a temporary file.
    const journalSize = readFileSync(path.join(dir, "reviews/journal.jsonl")).length;
    const line = `${JSON.stringify({
      id: "committed1",
      time: new Date().toISOString(),
      author: "Ana",
      key: null,
      request: null,
      action: { kind: "reviewClaim", claim: "second-welcomed", decision: "accept", note: null },
      changes: [
        {
          op: "update",
          kind: "claim",
          previous: welcomed(),
          record: { ...welcomed(), status: "curated" },
          where: "claims/second.jsonl",
        },
      ],
    })}\n`;
    appendFileSync(path.join(dir, "reviews/journal.jsonl"), line);
    writeFileSync(`${claimsFile}.txn-committed1.tmp`, accepted);
    writeFileSync(
      path.join(dir, PRIVATE_FOLDER, "intent.json"),
      JSON.stringify({
        transaction: "committed1",
        journal: { file: "reviews/journal.jsonl", size: journalSize, length: Buffer.byteLength(line) },
        appends: [],
        renames: [{ from: "claims/second.jsonl.txn-committed1.tmp", to: "claims/second.jsonl" }],
      }),
    );
    const reopened = await openStore(dir);
    expect(reopened.status().recovered[0]).toMatch(/finished write committed1/);
    expect(read(dir, "claims/second.jsonl")).toBe(accepted);
    expect((await reopened.load()).position).toBe(2);
    expect(await problemsOf(dir)).toEqual([]);
    expect((await readdir(path.join(dir, "claims"))).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});
