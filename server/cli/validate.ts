/**
 * npm run validate [-- <graph-data folder>]
 * Prints every problem in graph-data, one line each, and exits 1; or a summary of the graph.
 * The folder is the argument, else PEACEGRAPH_DATA, else ./graph-data, as for npm start.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildKnowledgeGraph } from "../graph/build.ts";
import { summarise } from "../graph/summary.ts";
import type { Conflict } from "../graph/types.ts";
import { loadGraphData, type LoadProgress } from "../model/load.ts";
import { readJournal } from "../store/folder/journal-file.ts";
import { formatProblem } from "../model/problems.ts";
import { settingsFromEnvironment } from "../settings.ts";
import { Progress } from "./progress.ts";

const USAGE = `Usage: npm run validate [-- <graph-data folder>]

Checks a graph-data folder and prints every problem, one line each (file:line:column path: reason),
or a summary of the graph when there are none. Exits 0 when the data is valid, 1 when it has
problems, 2 on a usage mistake.

  <graph-data folder>   the folder to check; default: PEACEGRAPH_DATA, else ./graph-data
  -h, --help            this help`;

class UsageError extends Error {}

function parseCommandLine(argv: string[]): { help: boolean; folder?: string } {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: "boolean", short: "h" } },
    });
    if (positionals.length > 1) throw new UsageError(`give one folder, not ${positionals.length}`);
    return { help: values.help ?? false, folder: positionals[0] };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const shown = (dir: string) => path.relative(process.cwd(), dir) || dir;

async function main(): Promise<number> {
  const options = parseCommandLine(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const dataDir = options.folder ? path.resolve(options.folder) : settingsFromEnvironment().dataDir;
  const started = performance.now();
  const progress = new Progress();
  const loading: LoadProgress = { file: "", claims: [] };
  progress.phase(
    `Checking ${shown(dataDir)}`,
    () =>
      `${loading.claims.length.toLocaleString("en")} claims read${loading.file ? `, reading ${loading.file}` : ""}`,
  );
  const { model, problems } = await loadGraphData(dataDir, process.cwd(), loading);
  // The journal of changes written through the API is part of the folder too.
  await readJournal({ dataDir, displayRoot: process.cwd() }, problems, () => undefined);
  if (problems.length > 0) {
    progress.stop();
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(`\n${problems.length} problem${problems.length === 1 ? "" : "s"} in ${shown(dataDir)}`);
    return 1;
  }
  progress.phase("Building the graph");
  const knowledge = buildKnowledgeGraph(model);
  progress.stop();
  const summary = summarise(knowledge);
  const table = (title: string, counts: Record<string, number>) =>
    [
      title,
      ...Object.entries(counts).map(([key, count]) => `  ${key.padEnd(24)} ${String(count).padStart(6)}`),
    ].join("\n");
  console.log(table("Nodes by kind", summary.nodesByKind));
  console.log(table("Relations by type", summary.relationsByType));
  console.log(
    `Nodes ${summary.nodes}, relations ${summary.relations}, claims ${summary.claims}, sources ${summary.sources}`,
  );
  console.log(`Conflicts ${summary.conflicts}`);
  for (const conflict of knowledge.conflicts) console.log(`  ${describeConflict(conflict)}`);
  console.log(`0 problems. Loaded in ${Math.round(performance.now() - started)} ms.`);
  return 0;
}

/**
 * One line per conflict, its kind first: "DATE joint-statement-2023-12 date: 2023-12-07 (bnn…) vs
 * 2023-12-08 (normalization…)". A negation lists the claims on each side, since they may sit on
 * different relations.
 */
function describeConflict(conflict: Conflict): string {
  const values = conflict.values
    .map((value) =>
      conflict.kind === "negation"
        ? `${value.value} ${value.claims.map((claim) => claim.id).join(", ")}`
        : `${value.value} (${value.sources.join(", ")})`,
    )
    .join(" vs ");
  return `${conflict.kind.toUpperCase()} ${conflict.target.id} ${conflict.property}: ${values}`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`validate: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    // A bug, not a data problem: still one readable line, never a stack trace.
    console.error(`validate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
