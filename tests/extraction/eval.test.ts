/**
 * The extraction evaluation, held at its recorded level: a change to the rules or the extractor
 * that lowers precision, recall or date accuracy on the seed articles and the dev set fails here.
 * Raise RECORDED when the figures improve (npm run eval:extraction prints them).
 */
import { describe, expect, it } from "vitest";
import { precision, recall } from "../../server/ingest/evaluate.ts";
import { runEvaluation } from "../../server/ingest/run-eval.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { runScript } from "../helpers/run.ts";
import { DEV_SET } from "./dev-overlay.ts";

/** Figures of the last recorded run (seeds and dev set together, and the dev set alone). */
const RECORDED = {
  overall: { precision: 0.87, recall: 0.44, matched: 225 },
  dev: { precision: 0.88, recall: 0.48 },
  dateAccuracy: 1.0,
  datedMatches: 36,
};

/** One run serves the figure tests. */
let run: ReturnType<typeof runEvaluation> | undefined;
const evaluated = () => (run ??= runEvaluation({ dataDir: GRAPH_DATA, overlays: [DEV_SET], seeds: true }));

describe("npm run eval:extraction", () => {
  it("holds precision, recall and date accuracy at their recorded level", async () => {
    const { evaluation } = await evaluated();
    const { overall, bySet, dates } = evaluation;
    expect(evaluation.bySource.length).toBe(20);
    expect(overall.matched).toBeGreaterThanOrEqual(RECORDED.overall.matched);
    expect(precision(overall)).toBeGreaterThanOrEqual(RECORDED.overall.precision - 0.005);
    expect(recall(overall)).toBeGreaterThanOrEqual(RECORDED.overall.recall - 0.005);
    const dev = bySet[DEV_SET]!;
    expect(precision(dev)).toBeGreaterThanOrEqual(RECORDED.dev.precision - 0.005);
    expect(recall(dev)).toBeGreaterThanOrEqual(RECORDED.dev.recall - 0.005);
    expect(dates.goldDated).toBeGreaterThanOrEqual(RECORDED.datedMatches);
    expect(dates.right / dates.goldDated).toBeGreaterThanOrEqual(RECORDED.dateAccuracy - 0.005);
  }, 120_000);

  it("gives confidence a meaning: claims at 0.8 or more are right at least 9 times in 10", async () => {
    const { evaluation } = await evaluated();
    const { confident } = evaluation;
    expect(confident.candidates).toBeGreaterThan(20);
    expect(confident.right / confident.candidates).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it("prints its table: per relation type, overall, by text, dates and candidates per gold claim", async () => {
    const { code, stdout, stderr } = await runScript("server/cli/eval-extraction.ts", [], 120_000);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Extraction on 20 texts: \d+ gold claims, \d+ candidates/);
    expect(stdout).toMatch(/\n\s+gold\s+found\s+right\s+precision\s+recall\s+F1\n/);
    expect(stdout).toMatch(/\nWELCOMED\s+\d+\s+\d+\s+\d+\s+\d\.\d\d\s+\d\.\d\d\s+\d\.\d\d\n/);
    expect(stdout).toMatch(/\noverall\s+\d+\s+\d+\s+\d+\s+0\.\d\d\s+0\.\d\d\s+0\.\d\d\n/);
    expect(stdout).toMatch(
      /\nDates: \d+ of \d+ matched claims with a gold date have it exactly \(\d\.\d\d\)\n/,
    );
    expect(stdout).toMatch(/\nCandidates per gold claim: \d\.\d\d\n/);
  }, 120_000);

  it("runs on any overlay folder, and says so when the folder is not one", async () => {
    const { code, stdout } = await runScript(
      "server/cli/eval-extraction.ts",
      ["--dev", DEV_SET, "--no-seeds", "--only", "wikipedia-offensive-2023"],
      120_000,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Extraction on 1 texts: 7 gold claims/);
    // --json: the whole evaluation, for programs.
    const json = await runScript("server/cli/eval-extraction.ts", ["--json"], 120_000);
    expect(JSON.parse(json.stdout)).toMatchObject({ overall: { gold: 512 }, bySource: expect.any(Array) });
    const wrong = await runScript(
      "server/cli/eval-extraction.ts",
      ["--dev", GRAPH_DATA + "/vocabulary"],
      60_000,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/no sources\/ folder there; give a graph-data overlay/);
  }, 180_000);
});
