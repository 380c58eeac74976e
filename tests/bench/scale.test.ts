import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runScale, scaleTables, type ScaleOptions } from "../../bench/scale.ts";
import { loadKuzu } from "../../bench/lib/kuzu-peer.ts";

/**
 * The smallest size of `npm run bench -- scale`, end to end: it works and its results are well
 * formed. How fast it is, is the benchmark's business, not the test's.
 */
describe("the scale benchmark at 1,000 claims", () => {
  it("generates, loads with zero problems, measures every query and writes well-formed results", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "peacegraph-scale-test-"));
    const options: ScaleOptions = {
      sizes: [1000],
      seed: 7,
      duration: 1,
      dataRoot: path.join(root, "data"),
      // Kùzu is an optional peer (npm run bench:peers:install); compared when it is installed.
      kuzu: typeof loadKuzu() !== "string",
      latencyBudgetMs: 50,
      resultsDir: path.join(root, "results"),
    };
    const run = await runScale(options);

    expect(run.machine).toMatchObject({ cpus: expect.any(Number), node: process.version });
    expect(run.sizes).toHaveLength(1);
    const [size] = run.sizes;
    expect(size).toMatchObject({ claims: 1000, load: { problems: 0 } });
    expect(size!.nodes).toBeGreaterThan(100);
    expect(size!.relations).toBeGreaterThan(300);
    expect(size!.load.bytesPerRelation).toBeGreaterThan(0);
    expect(size!.load.maxRssBytes).toBeGreaterThan(0);
    expect(size!.layout.iterations).toBeGreaterThan(0);
    expect(size!.queries.map((query) => query.name)).toEqual([
      "search",
      "node + relations page",
      "neighborhood depth 1",
      "neighborhood depth 2",
      "shortest paths",
      "filtered relations",
      "filtered relations (selective)",
    ]);
    for (const query of size!.queries) {
      for (const latency of [query.graphql, query.graphqlJs, query.http, query.direct, query.raw]) {
        expect(latency.p50, query.name).toBeGreaterThan(0);
        expect(latency.p99, query.name).toBeGreaterThanOrEqual(latency.p50);
      }
      expect(query.throughput?.requestsPerSecond, query.name).toBeGreaterThan(0);
      // The server refuses none of these requests whatever the load: no non-2xx answer. Connection
      // errors and timeouts can come from a starved machine, so they are bounded, not forbidden.
      expect(query.throughput?.non2xx, query.name).toBe(0);
      expect(query.throughput!.errors, query.name).toBeLessThanOrEqual(query.throughput!.requests / 100);
      // Under load the server allocates, so its collector runs; the pauses are what the column shows.
      expect(query.gc?.count, query.name).toBeGreaterThan(0);
      expect(query.gc?.maxMs, query.name).toBeGreaterThan(0);
      if (options.kuzu && query.name !== "search") expect(query.kuzu?.p50, query.name).toBeGreaterThan(0);
    }
    expect(typeof size!.exports, "the export rows ran").not.toBe("string");
    const exports = size!.exports as Exclude<NonNullable<typeof size>["exports"], string>;
    expect(exports.map((row) => row.format)).toEqual(["gexf", "graphml"]);
    for (const row of exports) expect(row.bytes).toBeGreaterThan(0);
    // The eight targets and the two Kùzu references, each judged met, missed or not measured.
    expect(size!.targets).toHaveLength(10);
    const filters = size!.queries.filter((query) => query.name.startsWith("filtered"));
    for (const query of filters) expect(query.share).toBeGreaterThan(0);
    const memory = size!.targets.find((target) => target.name.startsWith("memory per relation"))!;
    expect(memory.measured).toBe(size!.load.bytesPerRelation);
    expect(memory.met).toBe(size!.load.bytesPerRelation <= 1500);

    const tables = scaleTables(run);
    expect(tables.map((table) => table.title)).toContain(
      "Scale: start-up layout (ForceAtlas2, budgeted; then read from the cache)",
    );
    for (const table of tables) for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
    const targets = tables.find((table) => table.title.startsWith("Scale: targets at"))!;
    for (const row of targets.rows) expect(["met", "NO", "—"]).toContain(row[2]);

    const [file] = await readdir(options.resultsDir!);
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}\.json$/);
    const saved = JSON.parse(await readFile(path.join(options.resultsDir!, file!), "utf8"));
    expect(saved.sizes[0].claims).toBe(1000);
    expect(saved.machine.memoryBytes).toBeGreaterThan(0);
  }, 180_000);
});
