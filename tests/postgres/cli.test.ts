import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeGraphData, MINIMAL_FILES } from "../helpers/fixture.ts";
import { runScript } from "../helpers/run.ts";
import { readTree, ThrowawayPostgres } from "./helpers.ts";

/** npm run db:migrate, db:import and db:export, as a user runs them. */

let server: ThrowawayPostgres;
const folders: string[] = [];
beforeAll(async () => {
  server = await ThrowawayPostgres.create({ name: "cli" });
});
afterAll(async () => {
  await server?.remove();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

const db = (args: string[], url?: string) =>
  runScript("server/cli/db.ts", args, 60_000, url ? { PEACEGRAPH_DATABASE_URL: url } : {});

describe("the db commands", () => {
  it("migrate, import a folder and export it again", async () => {
    const url = await server.createDatabase("cli_round_trip");
    const fixture = await makeGraphData();
    const out = path.join(await mkdtemp(path.join(tmpdir(), "peacegraph-cli-export-")), "graph-data");
    folders.push(fixture, path.dirname(out));

    const migrated = await db(["migrate"], url);
    expect(migrated).toMatchObject({ code: 0 });
    expect(migrated.stdout).toMatch(
      /Applied 1 \(store\) to postgres:\/\/postgres@127\.0\.0\.1:\d+\/cli_round_trip/,
    );
    expect((await db(["migrate"], url)).stdout).toMatch(/is at schema version 1: nothing to do/);

    const imported = await db(["import", fixture], url);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported 3 claims, 3 entities, 1 sources, 0 journal entries/);
    const again = await db(["import", fixture], url);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/db:import failed: the database already holds graph data/);

    const exported = await db(["export", out, "--database", url]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/Exported 3 claims/);
    const [got, want] = [await readTree(out), await readTree(fixture)];
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  }, 180_000);

  it("say what is wrong, and where: no database, a bad command, a folder with problems", async () => {
    const noDatabase = await runScript("server/cli/db.ts", ["migrate"], 60_000, {
      PEACEGRAPH_DATABASE_URL: "",
    });
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toMatch(/No database: set PEACEGRAPH_DATABASE_URL or pass --database/);

    const unknown = await db(["drop"], server.url());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "drop"/);

    const unreachable = await db(["migrate"], "postgres://someone:secret@127.0.0.1:1/nothing");
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      /cannot reach the database at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/nothing/,
    );
    expect(unreachable.stderr).not.toContain("secret");

    const broken = await makeGraphData({
      "claims/demo.yaml": MINIMAL_FILES["claims/demo.yaml"]!.replace("subject: turkey", "subject: turkiye"),
    });
    folders.push(broken);
    const url = await server.createDatabase("cli_broken");
    const refused = await db(["import", broken], url);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Cannot import: the folder has 1 problem\(s\):/);
    expect(refused.stderr).toMatch(
      /claims\/demo\.yaml:\d+:\d+ claims\["demo-welcomed"\]\.subject: dangling reference: no entity "turkiye"/,
    );
  }, 180_000);
});
