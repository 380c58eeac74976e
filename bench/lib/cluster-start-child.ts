/**
 * Run by the cluster section in a fresh process: a replica's cold start, from the graph-data folder
 * (`folder DIR`) or from PostgreSQL (`postgres URL`), up to the graph the API serves (the layout,
 * the same for both and cached in practice, is left out). Prints one JSON line.
 */
import "../../server/production-env.ts";
import { createGraphStore } from "../../server/api/context.ts";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { resolveSettings } from "../../server/settings.ts";
import { openStore } from "../../server/store/open-store.ts";

const [kind, where] = process.argv.slice(2);
if ((kind !== "folder" && kind !== "postgres") || !where) {
  console.error("usage: cluster-start-child.ts folder DIR | postgres URL");
  process.exit(2);
}
const started = performance.now();
const store = await openStore({
  dataDir: kind === "folder" ? where : ".",
  readOnly: true,
  watch: false,
  ...(kind === "postgres" ? { database: resolveSettings({ database: { url: where } }).database } : {}),
});
const snapshot = await store.load();
const loadMs = performance.now() - started;
let mark = performance.now();
const knowledge = buildKnowledgeGraph(snapshot.model);
const buildMs = performance.now() - mark;
mark = performance.now();
createGraphStore(knowledge, { iterations: 0, seed: 1 });
const storeMs = performance.now() - mark;
await store.close();
console.log(
  JSON.stringify({
    claims: snapshot.model.claims.length,
    loadMs,
    buildMs,
    storeMs,
    readyMs: loadMs + buildMs + storeMs,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
