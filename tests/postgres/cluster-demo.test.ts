import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeGraphData, PROJECT_ROOT } from "../helpers/fixture.ts";
import { eventually, withClient } from "./helpers.ts";

/** npm run cluster:demo, end to end: it comes up, serves and replicates writes, and Ctrl-C removes it all. */

let fixture: string | undefined;
afterAll(async () => {
  if (fixture) await rm(fixture, { recursive: true, force: true });
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("npm run cluster:demo", () => {
  it("brings up PostgreSQL with a standby and two API replicas behind a proxy, and Ctrl-C removes everything", async () => {
    fixture = await makeGraphData();
    const demo = spawn(
      process.execPath,
      ["--import", "tsx", path.join("scripts", "cluster-demo.ts"), "--data", fixture],
      {
        cwd: PROJECT_ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const exited = new Promise<number | null>((resolve) => demo.once("exit", resolve));
    let output = "";
    demo.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(() => expect(output).toContain("Ctrl-C stops everything"), 120_000);
      const find = (pattern: RegExp) => pattern.exec(output)?.[1] ?? "";
      const proxy = find(/Proxy \(round robin\)\s+(http:\/\/\S+?)\//);
      const token = find(/Bearer (\S+?)"/);
      const replicas = [...output.matchAll(/API replica \d\s+(http:\/\/\S+?)\/\s+\(pid (\d+)\)/g)];
      const databases = [
        ...output.matchAll(/PostgreSQL (?:primary|standby)\s+(\S+)\s+\(pid (\d+), files in ([^,)]+)/g),
      ];
      expect(replicas).toHaveLength(2);
      expect(databases).toHaveLength(2);

      const answeredBy = new Set<string | null>();
      for (let i = 0; i < 4; i++)
        answeredBy.add((await fetch(`${proxy}/health`)).headers.get("x-peacegraph-replica"));
      expect(answeredBy).toEqual(new Set(["replica-1", "replica-2"]));

      const huge = await fetch(`${proxy}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ stats { claims } }", padding: "x".repeat(2_000_000) }),
      }).catch(() => undefined);
      // Refused by the proxy before it reaches a replica (or the connection is cut as it says so).
      if (huge) expect(huge.status).toBe(413);
      expect((await fetch(`${proxy}/health`)).status).toBe(200);

      const write = await fetch(`${proxy}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "x-peacegraph-author": "Demo",
        },
        body: JSON.stringify({
          query: `mutation { editClaim(id: "demo-issued", edit: { qualifiers: { role: "through the proxy" } }) { id } }`,
        }),
      });
      expect(((await write.json()) as { errors?: unknown }).errors).toBeUndefined();
      // Articles are read against a graph-data folder, which a replica on PostgreSQL has not got.
      const ingest = await fetch(`${proxy}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "x-peacegraph-author": "Demo",
        },
        body: JSON.stringify({
          query: `mutation { ingestSource(input: { text: "Armenia and Azerbaijan met.\\n" }) { source { id } } }`,
        }),
      });
      const refused = (await ingest.json()) as {
        errors?: { message: string; extensions?: { code?: string } }[];
      };
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/articles cannot be ingested into PostgreSQL yet.*npm run ingest/),
        extensions: { code: "BAD_USER_INPUT" },
      });
      for (const [, url] of replicas)
        await eventually(async () => {
          const answer = await fetch(`${url}/graphql`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              query: `{ node(id: "demo-issued") { ... on Claim { qualifiers { role } } } }`,
            }),
          });
          expect(JSON.stringify(await answer.json())).toContain("through the proxy");
        }, 10_000);
      const standby = databases[1]![1]!;
      await eventually(
        () =>
          withClient(standby, async (client) => {
            const { rows } = await client.query("SELECT count(*)::int AS n FROM journal");
            expect(rows[0].n).toBe(1);
          }),
        10_000,
      );

      demo.kill("SIGINT");
      expect(await exited).toBe(0);
      expect(output).toContain("Stopped; temporary folders removed.");
      for (const [, , pid, folder] of databases) {
        expect(existsSync(folder!)).toBe(false);
        expect(alive(Number(pid))).toBe(false);
      }
      for (const [, , pid] of replicas) expect(alive(Number(pid))).toBe(false);
    } finally {
      if (demo.exitCode === null) demo.kill("SIGINT");
      await exited;
    }
  }, 180_000);
});
