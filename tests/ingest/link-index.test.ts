import { appendFile, cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fingerprint, loadLinkIndex } from "../../server/ingest/index-cache.ts";
import { firstLineAtLeast, LinkIndex, textHash } from "../../server/ingest/link-index.ts";
import { readLinkIndex } from "../../server/ingest/read-link-index.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";

async function copyOfGraphData(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-index-"));
  await cp(GRAPH_DATA, dir, { recursive: true });
  return dir;
}

describe("the link index", () => {
  it("holds entities, relation keys with their events, titles, event dates and sources", async () => {
    const index = await readLinkIndex([GRAPH_DATA]);
    expect(index.entities.get("armenia")).toMatchObject({ label: "Armenia", type: "state", kind: "actor" });
    expect(index.relationEvents("turkey", "WELCOMED", "joint-statement-2023-12")).toEqual([""]);
    expect(index.relationEvents("armenia", "COMMITTED_TO", "peace-process")).toContain(
      "joint-statement-2023-12",
    );
    // NEGOTIATED is symmetric: either order finds it.
    expect(index.relationEvents("azerbaijan", "NEGOTIATED", "armenia")).toEqual(
      index.relationEvents("armenia", "NEGOTIATED", "azerbaijan"),
    );
    expect(index.titles.get("armenia")).toContainEqual({
      person: "nikol-pashinyan",
      body: "armenia",
      role: "Prime Minister",
    });
    expect(index.eventDates.get("joint-statement-2023-12")?.sort()).toEqual(["2023-12-07", "2023-12-08"]);
    expect(index.sourceIds).toEqual(new Set(["bnn-2023-12-29", "normalization-2023-12"]));
  });

  it("leaves out the sources it is told to, claims and all", async () => {
    const index = await readLinkIndex([GRAPH_DATA], { exclude: new Set(["bnn-2023-12-29"]) });
    expect(index.sourceIds.has("bnn-2023-12-29")).toBe(false);
    expect(index.relationEvents("turkey", "WELCOMED", "joint-statement-2023-12")).toEqual([]);
  });

  it("finds relation keys in sorted lines by bisection, as a Map would", () => {
    const keys = ["a\tX\tb\t", "a\tX\tc\te1", "a\tX\tc\te2", "b\tY\tz\t"].sort();
    const text = `${keys.join("\n")}\n`;
    const index = LinkIndex.fromData({ ...new LinkIndex().toData(), relationKeys: text });
    expect(index.relationEvents("a", "X", "c")).toEqual(["e1", "e2"]);
    expect(index.relationEvents("a", "X", "b")).toEqual([""]);
    expect(index.relationEvents("a", "X", "d")).toEqual([]);
    expect(firstLineAtLeast(text, "b\t")).toBe(text.indexOf("b\tY"));
    expect(firstLineAtLeast(text, "zz")).toBe(text.length);
  });

  it("survives a round trip through its cache data", async () => {
    const index = await readLinkIndex([GRAPH_DATA]);
    const copy = LinkIndex.fromData(JSON.parse(JSON.stringify(index.toData())));
    expect(copy.toData()).toEqual(index.toData());
    expect(copy.relationEvents("turkey", "WELCOMED", "joint-statement-2023-12")).toEqual([""]);
  });

  it("is cached, and rebuilt when graph-data changes under it", async () => {
    const dir = await copyOfGraphData();
    const cacheDir = await mkdtemp(path.join(tmpdir(), "peacegraph-index-cache-"));
    expect((await loadLinkIndex(dir, cacheDir)).cached).toBe(false);
    expect((await loadLinkIndex(dir, cacheDir)).cached).toBe(true);
    const before = fingerprint(dir);
    await appendFile(
      path.join(dir, "entities", "more.jsonl"),
      `${JSON.stringify({ id: "georgia", label: "Georgia", type: "state", description: "A state." })}\n`,
    );
    expect(fingerprint(dir)).not.toBe(before);
    const rebuilt = await loadLinkIndex(dir, cacheDir);
    expect(rebuilt.cached).toBe(false);
    expect(rebuilt.index.entities.has("georgia")).toBe(true);
  });

  it("hashes a text so that whitespace changes do not hide a duplicate", () => {
    expect(textHash("Armenia and  Azerbaijan\n")).toBe(textHash("Armenia and Azerbaijan"));
    expect(textHash("Armenia and Azerbaijan")).not.toBe(textHash("Armenia or Azerbaijan"));
  });

  it("reads a URL the same with or without scheme, www and trailing slash", async () => {
    const dir = await copyOfGraphData();
    await writeFile(path.join(dir, "sources", "sources.jsonl"), "");
    const index = await readLinkIndex([dir]);
    expect(
      index.sourceByUrl.get(
        "bnnbreaking.com/world/azerbaijan/armenia-and-azerbaijan-advance-peace-talks-release-joint-statement",
      ),
    ).toBe("bnn-2023-12-29");
  });
});

describe("the cached index after ingestion", () => {
  it("records what an ingestion adds as a delta, and loads base plus deltas as a fresh read would", async () => {
    const { ingestArticle } = await import("../../server/ingest/ingest.ts");
    const { readFile: read, readdir } = await import("node:fs/promises");
    const dir = await copyOfGraphData();
    const cacheDir = await mkdtemp(path.join(tmpdir(), "peacegraph-index-cache-"));
    await loadLinkIndex(dir, cacheDir);
    const meta = { url: null, published: "2023-12-13", outlet: null, author: null, added: "2026-12-01" };
    await ingestArticle(
      "Georgia Welcomes It\n\nGeorgia welcomed the joint statement.",
      { ...meta, id: "a", title: null },
      { dataDir: dir, indexCacheDir: cacheDir, dryRun: false },
    );
    await ingestArticle(
      "Iran Welcomes It\n\nIran welcomed the joint statement.",
      { ...meta, id: "b", title: null },
      { dataDir: dir, indexCacheDir: cacheDir, dryRun: false },
    );
    const files = await readdir(cacheDir);
    const deltas = files.find((name) => name.endsWith(".deltas.jsonl"))!;
    expect((await read(path.join(cacheDir, deltas), "utf8")).trim().split("\n")).toHaveLength(2);
    const cached = await loadLinkIndex(dir, cacheDir);
    expect(cached.cached).toBe(true);
    const fresh = await readLinkIndex([dir]);
    expect(cached.index.toData()).toEqual(fresh.toData());
    expect(cached.index.entities.has("iran")).toBe(true);
    expect(cached.index.relationEvents("georgia", "WELCOMED", "joint-statement-2023-12")).toEqual([""]);
  });
});
