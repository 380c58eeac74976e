import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { readWith, xmllint } from "./helpers.ts";

/** npm run export: the same files as GET /export, written where --out says; mistakes in one line. */

const CLI = "server/cli/export.ts";
let api: TestServer;
let dir: string;
beforeAll(async () => {
  api = await startTestServer();
  dir = await mkdtemp(path.join(tmpdir(), "peacegraph-cli-"));
});
afterAll(() => api.close());

const httpText = async (pathAndQuery: string) => (await fetch(`${api.url}${pathAndQuery}`)).text();

describe("npm run export", () => {
  it("writes the GEXF of a centre and depth, byte for byte what the HTTP route serves", async () => {
    const out = path.join(dir, "armenia.gexf");
    const { code, stdout, stderr } = await runScript(CLI, [
      "--format",
      "gexf",
      "--center",
      "armenia",
      "--depth",
      "2",
      "--out",
      out,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^Wrote .*armenia\.gexf \(\d+ bytes\)\nGEXF 1\.2draft: \d+ nodes, \d+ relations\n$/,
    );
    await xmllint(out);
    expect(await readFile(out, "utf8")).toBe(await httpText("/export/gexf?ids=armenia&depth=2"));
    const graph = await readWith("gexf", out);
    expect(graph.nodes.length).toBeGreaterThan(30);
  }, 60_000);

  it("writes the parts of a multi-file format next to --out, or one ZIP", async () => {
    const csv = await runScript(CLI, [
      "--format",
      "neo4j-csv",
      "--all",
      "--types",
      "WELCOMED",
      "--out",
      path.join(dir, "welcomed.csv"),
    ]);
    expect(csv.code).toBe(0);
    expect(await readFile(path.join(dir, "welcomed.nodes.csv"), "utf8")).toBe(
      await httpText("/export/neo4j-csv?types=WELCOMED&part=nodes"),
    );
    expect(existsSync(path.join(dir, "welcomed.relationships.csv"))).toBe(true);

    const zip = await runScript(CLI, [
      "--format",
      "gephi-csv",
      "--kinds",
      "actor",
      "--out",
      path.join(dir, "actors.zip"),
    ]);
    expect(zip.code).toBe(0);
    const reading = await readWith<{ broken: string | null; files: Record<string, string> }>(
      "zip",
      path.join(dir, "actors.zip"),
    );
    expect(reading.broken).toBeNull();
    expect(Object.keys(reading.files)).toEqual(["peacegraph.nodes.csv", "peacegraph.edges.csv"]);
  }, 60_000);

  it("prints a single-file format to standard output without --out", async () => {
    const { code, stdout, stderr } = await runScript(CLI, [
      "--format",
      "networkx-json",
      "--center",
      "armenia",
      "--depth",
      "0",
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).nodes).toHaveLength(1);
    expect(stderr).toMatch(
      /^export: wrote NetworkX node-link JSON to standard output: 1 nodes, 0 relations\n$/,
    );
  }, 60_000);

  it.each([
    [[], /^export: --format is required\n\nUsage: npm run export/],
    [["--format", "pajek", "--all"], /^export: unknown format "pajek"; known: gexf, gexf-1.3, graphml, /],
    [["--format", "gexf"], /^export: nothing selected: give --center <id>, a filter, or --all/],
    [
      ["--format", "gexf", "--all", "--center", "armenia"],
      /^export: --all exports the whole graph; drop --center or --all/,
    ],
    [["--format", "neo4j-csv", "--all"], /^export: neo4j-csv writes several files: give --out <file>/],
    [["--format", "gexf", "--center", "atlantis"], /^export: --center: unknown node "atlantis"\n$/],
    [
      ["--format", "gexf", "--all", "--from", "2023-13"],
      /^export: --from: "2023-13" has month 13, which does not exist\n$/,
    ],
    [
      ["--format", "gexf", "--center", "armenia", "--depth", "9"],
      /^export: --depth: must be a whole number from 0 to 3, got 9\n$/,
    ],
    [["--format", "gexf", "--all", "--bogus"], /^export: Unknown option '--bogus'/],
  ])(
    "refuses %j with one clear message and no stack trace",
    async (args, message) => {
      const { code, stdout, stderr } = await runScript(CLI, args);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );
});
