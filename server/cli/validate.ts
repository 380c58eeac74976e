/**
 * npm run validate [-- <graph-data folder>]
 * Prints every problem in graph-data, one line each, and exits 1; or a summary of the graph.
 */
import path from "node:path";
import { buildKnowledgeGraph } from "../graph/build.ts";
import { summarise } from "../graph/summary.ts";
import type { Conflict } from "../graph/types.ts";
import { loadGraphData } from "../model/load.ts";
import { formatProblem } from "../model/problems.ts";

const dataDir = path.resolve(process.argv[2] ?? "graph-data");

async function main(): Promise<number> {
  const started = performance.now();
  const { model, problems } = await loadGraphData(dataDir);
  if (problems.length > 0) {
    for (const problem of problems) console.error(formatProblem(problem));
    console.error(
      `\n${problems.length} problem${problems.length === 1 ? "" : "s"} in ${path.relative(process.cwd(), dataDir) || dataDir}`,
    );
    return 1;
  }
  const knowledge = buildKnowledgeGraph(model);
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
    // A bug, not a data problem: still one readable line, never a stack trace.
    console.error(`validate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
