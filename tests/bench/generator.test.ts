import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { loadGraphData } from "../../server/model/load.ts";
import { generateGraphData } from "../../scripts/synthetic/generate.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { runScript } from "../helpers/run.ts";

/** Every file under `dir` with a hash of its bytes. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
  }
  return out;
}

describe("the synthetic data generator", () => {
  it("writes the same bytes for the same seed, and other bytes for another", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "peacegraph-generate-"));
    const [a, b, c] = ["a", "b", "c"].map((name) => path.join(root, name));
    generateGraphData({ claims: 2000, seed: 3, out: a!, claimsPerFile: 700 });
    generateGraphData({ claims: 2000, seed: 3, out: b!, claimsPerFile: 700 });
    generateGraphData({ claims: 2000, seed: 4, out: c!, claimsPerFile: 700 });
    const first = await fingerprint(a!);
    expect(Object.keys(first)).toEqual(
      expect.arrayContaining(["claims/claims-0003.jsonl", "entities/events.jsonl"]),
    );
    expect(await fingerprint(b!)).toEqual(first);
    expect((await fingerprint(c!))["claims/claims-0001.jsonl"]).not.toBe(first["claims/claims-0001.jsonl"]);
  });

  it("writes valid graph-data with the shape of the real corpus", async () => {
    const out = path.join(await mkdtemp(path.join(tmpdir(), "peacegraph-generate-")), "g");
    const summary = generateGraphData({ claims: 3000, seed: 1, out });
    expect(summary.claims).toBe(3000);
    const { model, problems } = await loadGraphData(out, out);
    expect(problems).toEqual([]);
    expect(model.claims).toHaveLength(3000);
    const knowledge = buildKnowledgeGraph(model);
    const { graph } = knowledge;
    // Hubs: the busiest node has far more relations than the typical one.
    const degrees = graph.mapNodes((id) => graph.degree(id)).sort((x, y) => y - x);
    expect(degrees[0]!).toBeGreaterThan(20 * degrees[Math.floor(degrees.length / 2)]!);
    // Several sources per event: relations corroborated, and some dates in conflict.
    const corroborated = [...knowledge.relations.values()].filter((relation) => relation.corroboration > 1);
    expect(corroborated.length).toBeGreaterThan(knowledge.relations.size / 5);
    expect(knowledge.conflicts.some((conflict) => conflict.property === "date")).toBe(true);
    // Dates over decades, in every precision.
    const dates = model.claims.flatMap((claim) =>
      claim.form === "attribute" && claim.property === "date" ? [claim.value] : [],
    );
    expect(new Set(dates.map((date) => date.precision))).toEqual(new Set(["day", "month", "year"]));
    const years = dates.map((date) => Number(date.start.slice(0, 4)));
    expect(Math.max(...years) - Math.min(...years)).toBeGreaterThan(20);
    expect([...model.entities.values()].some((entity) => entity.aliases.length > 0)).toBe(true);
  });

  it("runs as npm run generate, and refuses to overwrite a folder it did not write", async () => {
    const root = await mkdtemp(path.join(tmpdir(), "peacegraph-generate-"));
    const out = path.join(root, "g");
    const ok = await runScript("scripts/generate-graph-data.ts", [
      "--claims",
      "1e3",
      "--seed",
      "2",
      "--out",
      out,
    ]);
    expect(ok.stderr).toBe("");
    expect(ok.stdout).toMatch(/^Wrote 1000 claims \(/);
    const validate = await runScript("server/cli/validate.ts", [out]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/^0 problems\./m);
    // A copy of the seed data stands for a folder it did not write: if the refusal ever broke, the
    // copy would be overwritten, never the repository's graph-data that other tests read.
    const curated = path.join(root, "curated");
    await cp(GRAPH_DATA, curated, { recursive: true });
    const before = await fingerprint(curated);
    expect(Object.keys(before).length).toBeGreaterThan(5);
    const refused = await runScript("scripts/generate-graph-data.ts", ["--claims", "10", "--out", curated]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is not empty and holds no .*: refusing to overwrite it/);
    expect(await fingerprint(curated)).toEqual(before);
  }, 60_000);
});
