/**
 * npm run eval:extraction [-- --dev DIR] [--data DIR] [--no-seeds] [--only ID,ID] [--misses] [--json] [--calibrate]
 * Runs the extractor over the gold texts (graph-data's own sources and the dev set overlay, or any
 * other overlay such as a hidden test set) and prints precision and recall per relation type and
 * overall, date accuracy and candidates per gold claim.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { calibrateRules } from "../ingest/calibrate.ts";
import { f1, precision, recall, type Evaluation, type Tally } from "../ingest/evaluate.ts";
import { runEvaluation } from "../ingest/run-eval.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");
const DEFAULT_DEV = path.join(ROOT, "tests", "extraction", "dev");

const fixed = (n: number) => n.toFixed(2);
const row = (name: string, t: Tally) =>
  `${name.padEnd(24)} ${String(t.gold).padStart(5)} ${String(t.candidates).padStart(6)} ${String(t.matched).padStart(6)} ${fixed(precision(t)).padStart(10)} ${fixed(recall(t)).padStart(7)} ${fixed(f1(t)).padStart(6)}`;
const HEADER = `${"".padEnd(24)} ${"gold".padStart(5)} ${"found".padStart(6)} ${"right".padStart(6)} ${"precision".padStart(10)} ${"recall".padStart(7)} ${"F1".padStart(6)}`;

function print(evaluation: Evaluation, showMisses: boolean): void {
  const { overall, byRelation, bySet, bySource, dates, confident } = evaluation;
  console.log(
    `Extraction on ${bySource.length} texts: ${overall.gold} gold claims, ${overall.candidates} candidates\n`,
  );
  console.log(`By relation type\n${HEADER}`);
  for (const [type, t] of Object.entries(byRelation).sort(([a], [b]) => a.localeCompare(b)))
    console.log(row(type, t));
  console.log(row("overall", overall));
  console.log(`\nBy set\n${HEADER}`);
  for (const [set, t] of Object.entries(bySet)) console.log(row(path.basename(set), t));
  console.log(`\nBy text\n${HEADER}`);
  for (const source of bySource)
    console.log(`${row(source.id.slice(0, 24), source)}  ${Math.round(source.ms)} ms`);
  const dateShare = dates.goldDated === 0 ? 0 : dates.right / dates.goldDated;
  console.log(
    `\nDates: ${dates.right} of ${dates.goldDated} matched claims with a gold date have it exactly (${fixed(dateShare)})`,
  );
  console.log(
    `Candidates per gold claim: ${fixed(overall.gold === 0 ? 0 : overall.candidates / overall.gold)}`,
  );
  const share = confident.candidates === 0 ? 0 : confident.right / confident.candidates;
  console.log(
    `Confidence ≥ ${confident.threshold}: ${confident.right} of ${confident.candidates} right (${fixed(share)})`,
  );
  if (!showMisses) return;
  for (const wrong of dates.wrong) console.log(`  date: ${wrong}`);
  for (const { source, falsePositives, falseNegatives } of evaluation.misses) {
    console.log(`\n== ${source}`);
    for (const line of falsePositives) console.log(`  + ${line}`);
    for (const line of falseNegatives) console.log(`  - ${line}`);
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      data: { type: "string", default: path.join(ROOT, "graph-data") },
      dev: { type: "string" },
      "no-seeds": { type: "boolean", default: false },
      only: { type: "string" },
      misses: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      calibrate: { type: "boolean", default: false },
    },
  });
  const dev = values.dev ? path.resolve(values.dev) : existsSync(DEFAULT_DEV) ? DEFAULT_DEV : null;
  if (values.dev && !existsSync(path.join(dev!, "sources"))) {
    console.error(
      `--dev ${values.dev}: no sources/ folder there; give a graph-data overlay (see graph-data/README.md and tests/extraction/dev/README.md)`,
    );
    return 2;
  }
  const { evaluation } = await runEvaluation({
    dataDir: path.resolve(values.data),
    overlays: dev ? [dev] : [],
    seeds: !values["no-seeds"],
    ...(values.only ? { only: new Set(values.only.split(",").map((id) => id.trim())) } : {}),
  });
  if (values.json) console.log(JSON.stringify(evaluation, null, 2));
  else print(evaluation, values.misses);
  if (values.calibrate) {
    const changed = await calibrateRules(path.resolve(values.data), evaluation.byRule);
    for (const [rule, [before, after]] of Object.entries(changed))
      console.error(`calibrated ${rule}: ${before} → ${after}`);
  }
  return 0;
}

main().then(
  // exitCode, not exit(): a long --json answer to a pipe must drain before the process ends.
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`eval:extraction failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
