/**
 * npm start: load graph-data, build the graph, serve the API and the client on one port.
 * A broken graph-data, a port in use or any other start-up failure stops with one readable
 * message, never a stack trace. Loads that take more than a few seconds report their progress.
 */
import "./production-env.ts";
import { createGraphStore } from "./api/context.ts";
import { Progress } from "./cli/progress.ts";
import { buildKnowledgeGraph } from "./graph/build.ts";
import { startServer } from "./http/app.ts";
import { loadGraphData, type LoadProgress } from "./model/load.ts";
import { formatProblem } from "./model/problems.ts";
import { settingsFromEnvironment } from "./settings.ts";

async function main(): Promise<void> {
  const settings = settingsFromEnvironment();
  const started = performance.now();
  const progress = new Progress();
  const loading: LoadProgress = { file: "", claims: [] };
  progress.phase(
    "Loading graph-data",
    () =>
      `${loading.claims.length.toLocaleString("en")} claims read${loading.file ? `, reading ${loading.file}` : ""}`,
  );
  const { model, problems } = await loadGraphData(settings.dataDir, process.cwd(), loading);
  if (problems.length > 0) {
    progress.stop();
    console.error(`Cannot start: ${settings.dataDir} has ${problems.length} problem(s):`);
    for (const problem of problems) console.error(formatProblem(problem));
    process.exit(1);
  }
  progress.phase("Building the graph");
  const knowledge = buildKnowledgeGraph(model);
  progress.phase("Laying out the graph");
  const store = createGraphStore(knowledge, settings.layout);
  progress.phase("Starting the server");
  const running = await startServer(settings, store).finally(() => progress.stop());
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
