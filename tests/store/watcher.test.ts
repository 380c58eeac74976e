import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblem } from "../../server/model/problems.ts";
import { FolderStore } from "../../server/store/folder/folder-store.ts";
import type { StoreEvent } from "../../server/store/types.ts";
import { makeGraphData } from "../helpers/fixture.ts";
import { accept, secondSource, welcomed } from "./records.ts";

let store: FolderStore | undefined;
let dir: string | undefined;

afterEach(async () => {
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  store = dir = undefined;
});

/** Opens a watching writer and collects its events; `next()` waits for the next one. */
async function watching() {
  dir = await makeGraphData();
  store = await FolderStore.open({
    dataDir: dir,
    readOnly: false,
    displayRoot: dir,
    watch: { debounceMs: 30, pollMs: 0 },
  });
  await store.load();
  const events: StoreEvent[] = [];
  const waiting: ((event: StoreEvent) => void)[] = [];
  store.subscribe((event) => {
    const waiter = waiting.shift();
    if (waiter) waiter(event);
    else events.push(event);
  });
  const next = () =>
    new Promise<StoreEvent>((resolve) => {
      const queued = events.shift();
      if (queued) resolve(queued);
      else waiting.push(resolve);
    });
  return { dir, store, events, next };
}

describe("outside changes to the folder", () => {
  it("reloads a hand edit, validated, and names the files that changed", async () => {
    const { dir, next } = await watching();
    const file = path.join(dir, "entities/events.yaml");
    appendFileSync(file, "\nsummit:\n  label: A summit\n  type: conference\n  description: A meeting.\n");
    const event = await next();
    expect(event.kind).toBe("reload");
    if (event.kind !== "reload") return;
    expect(event.files).toEqual(["entities/events.yaml"]);
    expect(event.snapshot.model.entities.get("summit")?.label).toBe("A summit");
  });

  it("reports a broken edit and keeps the store's state, then picks up the fix", async () => {
    const { dir, store, next } = await watching();
    const file = path.join(dir, "claims/demo.yaml");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace("relation: WELCOMED", "relation: APPLAUDED"));
    const broken = await next();
    expect(broken.kind).toBe("invalid");
    if (broken.kind !== "invalid") return;
    expect(broken.problems.map(formatProblem)).toEqual([
      expect.stringMatching(
        /claims\/demo.yaml:\d+:\d+ claims\["demo-welcomed"\].relation: unknown relation "APPLAUDED"/,
      ),
    ]);
    expect(store.status().problems).toHaveLength(1);
    // Writes wait for the folder to validate again.
    await expect(store.commit(secondSource(), { author: "Ana" })).rejects.toThrow(/1 problem/);
    writeFileSync(file, original);
    const fixed = await next();
    expect(fixed.kind).toBe("reload");
    expect(store.status().problems).toEqual([]);
    await store.commit(secondSource(), { author: "Ana" });
  });

  it("does not take its own writes for outside changes", async () => {
    const { store, events } = await watching();
    await store.commit(secondSource(), { author: "Ana" });
    await store.commit(accept(welcomed()), { author: "Ana" });
    await store.checkOutside();
    expect(events.map((event) => event.kind)).toEqual(["commit", "commit"]);
  });

  it("refuses a write to a file edited by hand but not yet reloaded, rather than overwrite the edit", async () => {
    const { dir, store } = await watching();
    await store.commit(secondSource(), { author: "Ana" });
    // A hand edit of another line of the same file, racing the watcher.
    const file = path.join(dir, "claims/second.jsonl");
    const lines = readFileSync(file, "utf8").split("\n");
    lines[1] = lines[1]!.replace('"confidence":0.7', '"confidence":0.75');
    writeFileSync(file, lines.join("\n"));
    await expect(store.commit(accept(welcomed()), { author: "Ana" })).rejects.toThrow(
      /claims\/second.jsonl changed on disk since it was read/,
    );
    expect(readFileSync(file, "utf8")).toContain('"confidence":0.75');
  });

  it("lets a read-only server follow a writer's commits", async () => {
    const { dir, store: writer } = await watching();
    const reader = await FolderStore.open({
      dataDir: dir,
      readOnly: true,
      displayRoot: dir,
      watch: { debounceMs: 30, pollMs: 0 },
    });
    try {
      await reader.load();
      const reloaded = new Promise<StoreEvent>((resolve) => reader.subscribe(resolve));
      await writer.commit(secondSource(), { author: "Ana" });
      const event = await reloaded;
      expect(event.kind).toBe("reload");
      if (event.kind === "reload") {
        expect(event.snapshot.model.sources.has("second")).toBe(true);
        expect(event.snapshot.position).toBe(1);
      }
    } finally {
      await reader.close();
    }
  });
});
