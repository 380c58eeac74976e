/**
 * npm start: open graph-data through the store, build the graph, serve the API, the viewer and the
 * review page on one port, and keep the graph current as writes come in or files change.
 * A broken graph-data, a port in use, a folder another server writes to, or any other start-up
 * failure stops with one readable message, never a stack trace. Loads that take more than a few
 * seconds report their progress.
 */
import "./production-env.ts";
import { randomBytes } from "node:crypto";
import { Progress } from "./cli/progress.ts";
import { startServer } from "./http/app.ts";
import { LiveGraph } from "./live/live-graph.ts";
import type { LoadProgress } from "./model/load.ts";
import { GraphDataError, formatProblem } from "./model/problems.ts";
import { settingsFromEnvironment } from "./settings.ts";
import { openStore } from "./store/open-store.ts";
import { NO_ARTICLES_ON_POSTGRES } from "./store/postgres/no-articles.ts";
import { ArticleExtractor } from "./write/article-extractor.ts";
import { WriteService } from "./write/write-service.ts";

async function main(): Promise<void> {
  const environment = settingsFromEnvironment();
  // Writes never go without a token: with none configured, make one for this run, as Jupyter does,
  // and hand it to the local browser in the link below.
  const generatedToken = !environment.readOnly && environment.writeToken === null;
  const settings = generatedToken
    ? { ...environment, writeToken: randomBytes(24).toString("base64url") }
    : environment;
  const started = performance.now();
  const store = await openStore({
    dataDir: settings.dataDir,
    readOnly: settings.readOnly,
    watch: settings.watch,
    database: settings.database,
  });
  for (const line of store.status().recovered) console.log(`Recovered: ${line}`);
  const progress = new Progress();
  const loading: LoadProgress = { file: "", claims: [] };
  progress.phase(
    "Loading graph-data",
    () =>
      `${loading.claims.length.toLocaleString("en")} claims read${loading.file ? `, reading ${loading.file}` : ""}`,
  );
  let snapshot;
  try {
    snapshot = await store.load(loading);
  } catch (error) {
    progress.stop();
    await store.close();
    if (!(error instanceof GraphDataError)) throw error;
    console.error(`Cannot start: ${settings.dataDir} has ${error.problems.length} problem(s):`);
    for (const problem of error.problems) console.error(formatProblem(problem));
    process.exit(1);
  }
  const live = LiveGraph.fromSnapshot(snapshot, settings.layout, (phase) =>
    progress.phase(phase === "build" ? "Building the graph" : "Laying out the graph"),
  );
  live.follow(store);
  const articles = settings.database.url
    ? NO_ARTICLES_ON_POSTGRES
    : new ArticleExtractor(settings.dataDir, store);
  const writes = store.writable ? new WriteService(store, live, settings.limits, articles) : undefined;
  progress.phase("Starting the server");
  const running = await startServer(settings, live, { writes, storeStatus: () => store.status() })
    .catch(async (error: unknown) => {
      await store.close();
      throw error;
    })
    .finally(() => progress.stop());
  const { knowledge } = live.current;
  console.log(
    `Loaded ${knowledge.graph.order} nodes, ${knowledge.graph.size} relations, ${knowledge.model.claims.length} claims ` +
      `from ${knowledge.model.sources.size} sources in ${Math.round(performance.now() - started)} ms.`,
  );
  console.log(`Viewer   ${running.url}/`);
  console.log(`GraphQL  ${running.url}/graphql`);
  console.log(`Health   ${running.url}/health`);
  if (!writes) console.log("Read-only: this server takes no writes (PEACEGRAPH_READ_ONLY).");
  else if (generatedToken) {
    console.log(`Review   ${running.url}/review#token=${settings.writeToken}`);
    console.log("         (the link carries this run's write token: anyone holding it can write)");
  } else console.log(`Review   ${running.url}/review (writes need the token in PEACEGRAPH_WRITE_TOKEN)`);
  const stop = async () => {
    await running.close();
    await store.close();
  };
  // For smoke tests: prove start-up end to end, then leave.
  if (process.env.PEACEGRAPH_EXIT_AFTER_START === "1") return stop();
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => void stop().then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
