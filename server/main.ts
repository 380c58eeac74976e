/**
 * npm start: load graph-data, build the graph, serve the API and the client on one port.
 * A broken graph-data stops start-up with the validator's report, never a stack trace.
 */
import "./production-env.ts";
import { createGraphStore } from "./api/context.ts";
import { buildKnowledgeGraph } from "./graph/build.ts";
import { startServer } from "./http/app.ts";
import { loadGraphData } from "./model/load.ts";
import { formatProblem } from "./model/problems.ts";
import { settingsFromEnvironment } from "./settings.ts";

async function main(): Promise<void> {
  const settings = settingsFromEnvironment();
  const started = performance.now();
  const { model, problems } = await loadGraphData(settings.dataDir);
  if (problems.length > 0) {
    console.error(`Cannot start: ${settings.dataDir} has ${problems.length} problem(s):`);
    for (const problem of problems) console.error(formatProblem(problem));
    process.exit(1);
  }
  const store = createGraphStore(buildKnowledgeGraph(model), settings.layout);
  const { knowledge } = store;
  const running = await startServer(settings, store);
  console.log(
    `Loaded ${knowledge.graph.order} nodes, ${knowledge.graph.size} relations, ${model.claims.length} claims ` +
      `from ${model.sources.size} sources in ${Math.round(performance.now() - started)} ms.`,
  );
  console.log(`Viewer   ${running.url}/`);
  console.log(`GraphQL  ${running.url}/graphql`);
  console.log(`Health   ${running.url}/health`);
  // For smoke tests: prove start-up end to end, then leave.
  if (process.env.PEACEGRAPH_EXIT_AFTER_START === "1") return running.close();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void running.close().then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
