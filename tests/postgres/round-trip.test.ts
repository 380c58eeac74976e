import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import { claimRecord } from "../../server/model/records.ts";
import { exportFolder } from "../../server/store/postgres/export-folder.ts";
import { importFolder } from "../../server/store/postgres/import-folder.ts";
import { generateGraphData } from "../../scripts/synthetic/generate.ts";
import { GRAPH_DATA, makeGraphData, MINIMAL_FILES } from "../helpers/fixture.ts";
import { accept, secondSource, welcomed } from "../store/records.ts";
import {
  freshDatabase,
  modelRecords,
  openStore,
  readTree,
  ThrowawayPostgres,
  withClient,
} from "./helpers.ts";

let server: ThrowawayPostgres;
const folders: string[] = [];
const tempFolder = async (name: string) => {
  const dir = await mkdtemp(path.join(tmpdir(), `peacegraph-${name}-`));
  folders.push(dir);
  return dir;
};

beforeAll(async () => {
  server = await ThrowawayPostgres.create({ name: "round-trip" });
});

afterAll(async () => {
  await server?.remove();
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

/** Imports `dir` into a fresh database and exports it again; returns the export's folder. */
async function roundTrip(dir: string): Promise<{ url: string; out: string }> {
  const url = await freshDatabase(server, dir);
  const out = path.join(await tempFolder("export"), "graph-data");
  await withClient(url, (client) => exportFolder(client, out));
  return { url, out };
}

async function expectSameTree(actual: string, expected: string) {
  const [got, want] = [await readTree(actual), await readTree(expected)];
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [file, bytes] of want) expect(got.get(file)?.equals(bytes), file).toBe(true);
}

describe("db:import and db:export", () => {
  it("give the seed graph back byte for byte, and the store loads the model the folder gives", async () => {
    const { url, out } = await roundTrip(GRAPH_DATA);
    await expectSameTree(out, GRAPH_DATA);
    const store = await openStore(url);
    try {
      const { model } = await store.load();
      const folder = await loadGraphDataStrict(GRAPH_DATA);
      expect(model.claims.length).toBe(folder.claims.length);
      expect(modelRecords(model)).toEqual(modelRecords(folder));
    } finally {
      await store.close();
    }
  });

  it("give a generated graph of 10,000 claims back byte for byte", async () => {
    const dir = await tempFolder("generated");
    generateGraphData({ claims: 10_000, seed: 7, out: dir });
    const { url, out } = await roundTrip(dir);
    await expectSameTree(out, dir);
    const store = await openStore(url);
    try {
      const { model } = await store.load();
      expect(model.claims.length).toBe(10_000);
      expect(modelRecords(model)).toEqual(modelRecords(await loadGraphDataStrict(dir)));
    } finally {
      await store.close();
    }
  });

  it("write changes back where the folder store would, and only where they are", async () => {
    const dir = await makeGraphData();
    folders.push(dir);
    const url = await freshDatabase(server, dir);
    const store = await openStore(url);
    await store.load();
    // A new source with claims and a proposed entity, one claim accepted, one hand-written claim edited.
    await store.commit(secondSource(), { author: "Ana", idempotencyKey: "k1" });
    await store.commit(accept(welcomed()), { author: "Ana" });
    const { model } = await store.load();
    const issued = model.claims.find((claim) => claim.id === "demo-issued")!;
    const previous = claimRecord(issued);
    await store.commit(
      {
        action: { kind: "editClaim", claim: issued.id, fields: ["qualifiers"], note: null },
        changes: [
          {
            op: "update",
            kind: "claim",
            previous,
            record: { ...previous, qualifiers: { role: "co-author" } },
          },
        ],
      },
      { author: "Ben" },
    );
    const after = (await store.load()).model;
    await store.close();

    const out = path.join(await tempFolder("changed"), "graph-data");
    await withClient(url, (client) => exportFolder(client, out));
    const exported = await readTree(out);
    expect([...exported.keys()]).toEqual(
      expect.arrayContaining([
        "sources/second.txt",
        "sources/sources.jsonl",
        "claims/second.jsonl",
        "entities/proposed.jsonl",
        "reviews/journal.jsonl",
      ]),
    );
    expect(exported.get("reviews/journal.jsonl")!.toString().trim().split("\n")).toHaveLength(3);
    // The edited YAML file changed at that claim only: every other line is as written by hand.
    const before = (await readFile(path.join(dir, "claims/demo.yaml"), "utf8")).split("\n");
    const now = exported.get("claims/demo.yaml")!.toString().split("\n");
    const outside = (lines: string[]) => {
      const start = lines.indexOf("  demo-issued:");
      const end = lines.indexOf("  demo-welcomed:");
      return [...lines.slice(0, start), ...lines.slice(end)];
    };
    expect(outside(now)).toEqual(outside(before));
    expect(now.join("\n")).toContain("role: co-author");
    for (const file of ["entities/actors.yaml", "sources/demo.yaml", "sources/demo.txt"])
      expect(exported.get(file)!.equals(await readFile(path.join(dir, file))), file).toBe(true);

    // The folder holds what the database held, and a second round trip changes nothing.
    expect(modelRecords(await loadGraphDataStrict(out))).toEqual(modelRecords(after));
    const again = await roundTrip(out);
    await expectSameTree(again.out, out);
  });

  it("import refuses a folder with problems, saying where, and writes nothing", async () => {
    const dir = await makeGraphData({
      "claims/demo.yaml": MINIMAL_FILES["claims/demo.yaml"]!.replace(
        "relation: WELCOMED",
        "relation: APPLAUDED",
      ),
    });
    folders.push(dir);
    const url = await freshDatabase(server);
    await withClient(url, async (client) => {
      await expect(importFolder(client, dir)).rejects.toThrow(
        /claims\/demo\.yaml:\d+:\d+ .*unknown relation "APPLAUDED"/,
      );
      const { rows } = await client.query("SELECT count(*)::int AS n FROM files");
      expect(rows[0].n).toBe(0);
    });
  });

  it("export refuses a database that names a file outside the folder, and writes nothing", async () => {
    const dir = await makeGraphData();
    folders.push(dir);
    const url = await freshDatabase(server, dir);
    const parent = await tempFolder("escape");
    await withClient(url, async (client) => {
      await client.query("INSERT INTO files (path, content) VALUES ('../escaped.txt', 'x')");
      await expect(exportFolder(client, path.join(parent, "graph-data"))).rejects.toThrow(
        /names a file outside graph-data: "\.\.\/escaped\.txt"/,
      );
    });
    expect((await readTree(parent)).size).toBe(0);
  });

  it("import refuses a database that already holds data, and export refuses a folder that is not graph-data", async () => {
    const url = await freshDatabase(server, GRAPH_DATA);
    const notGraphData = await tempFolder("other");
    await writeFile(path.join(notGraphData, "notes.txt"), "mine");
    await withClient(url, async (client) => {
      await expect(importFolder(client, GRAPH_DATA)).rejects.toThrow(/already holds graph data/);
      await expect(exportFolder(client, notGraphData)).rejects.toThrow(
        /not empty and not a graph-data folder/,
      );
    });
    expect(await readFile(path.join(notGraphData, "notes.txt"), "utf8")).toBe("mine");
  });
});
