import { createGraphStore } from "../server/api/context.ts";
import { createApolloServer } from "../server/api/apollo.ts";
import { buildKnowledgeGraph } from "../server/graph/build.ts";
import { startServer } from "../server/http/app.ts";
import { loadGraphDataStrict } from "../server/model/load.ts";
import { resolveSettings } from "../server/settings.ts";
import { measure, type Table } from "./lib/measure.ts";

/** Typical queries an analyst's client sends, on the seed graph. */
export const TYPICAL_QUERIES: Record<string, string> = {
  search: `{ search(text: "guterres", first: 5) { node { id label } score } }`,
  "node + relations page": `{ node(id: "armenia") { ... on Actor { label relations(first: 20) { totalCount nodes { id type claims { quote source { title } } } } } } }`,
  "neighborhood depth 1": `{ neighborhood(ids: ["armenia"], depth: 1) { nodes { id } relations { id } } }`,
  "neighborhood depth 2": `{ neighborhood(ids: ["armenia"], depth: 2, maxNodes: 500) { nodes { id } relations { id } } }`,
  paths: `{ paths(from: "antonio-guterres", to: "azerbaijan", maxLength: 4) { length nodes { id } } }`,
  "filtered relations": `{ relations(where: { family: [COOPERATION], minCorroboration: 1, dateFrom: "2023" }, first: 50) { totalCount nodes { id } } }`,
  timeline: `{ timeline(actor: "azerbaijan") { id date { text } } }`,
};

export async function benchApi(): Promise<Table[]> {
  const settings = resolveSettings({ port: 0 });
  const store = createGraphStore(
    buildKnowledgeGraph(await loadGraphDataStrict(settings.dataDir)),
    settings.layout,
  );
  const apollo = createApolloServer(settings);
  await apollo.start();
  const running = await startServer(settings, store);
  const rows: (string | number)[][] = [];
  try {
    for (const [name, query] of Object.entries(TYPICAL_QUERIES)) {
      const inProcess = await measure(async () => {
        const result = await apollo.executeOperation({ query }, { contextValue: store });
        if (result.body.kind !== "single" || result.body.singleResult.errors)
          throw new Error(`${name} failed`);
      });
      const http = await measure(async () => {
        const response = await fetch(`${running.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query }),
        });
        if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
        await response.text();
      });
      rows.push([name, inProcess.p50, inProcess.p99, http.p50, http.p99, http.p50 / inProcess.p50]);
    }
  } finally {
    await running.close();
    await apollo.stop();
  }
  return [
    {
      title: `GraphQL latency on the seed graph (${store.knowledge.graph.order} nodes, ${store.knowledge.graph.size} relations), ms`,
      columns: ["query", "in-process p50", "p99", "HTTP p50", "p99", "HTTP/in-process"],
      rows,
      notes: ["200 runs each after 20 warm-up runs; HTTP over loopback with a fresh fetch per request."],
    },
  ];
}
