import { existsSync } from "node:fs";
import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GRAPH_DATA, PROJECT_ROOT } from "../helpers/fixture.ts";
import { runScript } from "../helpers/run.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

describe("the HTTP server", () => {
  it("answers /health with the graph's size", async () => {
    const response = await fetch(`${api.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ok",
      nodes: api.store.knowledge.graph.order,
      relations: api.store.knowledge.graph.size,
      claims: api.store.knowledge.model.claims.length,
      exports: { running: 0, waiting: 0 },
    });
  });

  it("serves the self-hosted GraphiQL IDE to browsers at /graphql, with nothing from another origin", async () => {
    expect(
      existsSync(path.join(PROJECT_ROOT, "client/dist/graphiql/index.html")),
      "run npm run build first",
    ).toBe(true);
    const response = await fetch(`${api.url}/graphql`, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain("<title>peacegraph · GraphQL</title>");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const scripts = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const asset of scripts) {
      const file = await fetch(`${api.url}${asset}`);
      expect(file.status, asset).toBe(200);
      expect(file.headers.get("cache-control")).toMatch(/immutable/);
      const text = await file.text();
      expect(text).not.toMatch(/https:\/\/(unpkg\.com|cdn\.jsdelivr\.net|embeddable-sandbox)/);
    }
  });

  it("answers unknown paths with 404", async () => {
    // Paths that try to leave the client folder are sent raw in tests/http/paths.test.ts: fetch
    // would normalise "/assets/../../package.json" before it reached the server.
    expect((await fetch(`${api.url}/nothing-here`)).status).toBe(404);
    expect((await fetch(`${api.url}/assets/nothing-here.js`)).status).toBe(404);
  });
});

describe("npm start", () => {
  it("refuses a broken graph-data with the validator's report and no stack trace", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-start-"));
    await cp(GRAPH_DATA, dir, { recursive: true });
    await writeFile(path.join(dir, "entities", "broken.yaml"), "oops: [\n");
    const { code, stderr } = await runScript("server/main.ts", [], 60_000, {
      PEACEGRAPH_DATA: dir,
      PORT: "0",
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Cannot start: .* has 2 problem\(s\):/);
    expect(stderr).toMatch(/entities\/broken.yaml:\d+:\d+: malformed YAML/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("starts on the seed graph and prints its URLs, with a review link carrying a fresh write token", async () => {
    // A copy, so a developer's own `npm start` (which holds the write lock on graph-data) is left alone.
    const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-start-"));
    await cp(GRAPH_DATA, dir, { recursive: true });
    const env = {
      PORT: "0",
      PEACEGRAPH_EXIT_AFTER_START: "1",
      PEACEGRAPH_DATA: dir,
      PEACEGRAPH_WRITE_TOKEN: "",
    };
    const first = await runScript("server/main.ts", [], 60_000, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Loaded \d+ nodes, \d+ relations, \d+ claims from 2 sources/);
    expect(first.stdout).toMatch(/GraphQL {2}http:\/\/127\.0\.0\.1:\d+\/graphql/);
    const token = /Review {3}http:\/\/127\.0\.0\.1:\d+\/review#token=([\w-]{32})\n/.exec(first.stdout)?.[1];
    expect(token).toBeDefined();
    const second = await runScript("server/main.ts", [], 60_000, env);
    expect(second.stdout).not.toContain(token!);
    await rm(dir, { recursive: true, force: true });
  });
});
