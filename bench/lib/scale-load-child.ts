/**
 * Run by the scale section in a fresh process (node --expose-gc --import tsx): loads one graph-data
 * folder as `npm start` does and prints one JSON line with the time of each step and the memory the
 * graph holds, so one size's numbers are not skewed by what the benchmark process already holds.
 */
import "../../server/production-env.ts";
import { createGraphStore } from "../../server/api/context.ts";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { loadGraphData } from "../../server/model/load.ts";

const gc = (globalThis as { gc?: () => void }).gc;
const settle = () => {
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external + usage.arrayBuffers;
};

const dataDir = process.argv[2]!;
const baseline = settle();
let started = performance.now();
const { model, problems } = await loadGraphData(dataDir);
const loadMs = performance.now() - started;
started = performance.now();
const knowledge = buildKnowledgeGraph(model);
const buildMs = performance.now() - started;
started = performance.now();
// Iterations 0: the layout is measured on its own; here only the indexes the API needs.
const store = createGraphStore(knowledge, { iterations: 0, seed: 1 });
const storeMs = performance.now() - started;
const retained = settle() - baseline;
console.log(
  JSON.stringify({
    problems: problems.length,
    claims: model.claims.length,
    nodes: store.knowledge.graph.order,
    relations: store.knowledge.graph.size,
    loadMs,
    buildMs,
    storeMs,
    retainedBytes: retained,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  }),
);
