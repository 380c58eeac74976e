/// <reference lib="webworker" />
import { UndirectedGraph, DirectedGraph } from "graphology";
import louvain from "graphology-communities-louvain";
import pagerank from "graphology-metrics/centrality/pagerank.js";
import { betweenness } from "./betweenness.ts";
import type { MetricRequest, MetricResponse } from "./metrics.ts";

/**
 * PageRank (directed), Louvain communities and betweenness (undirected), each over the graph with
 * parallel relations merged: a pair joined by three relations is one link for these measures.
 */

function simpleGraph<G extends UndirectedGraph | DirectedGraph>(graph: G, request: MetricRequest): G {
  for (let i = 0; i < request.nodeCount; i++) graph.addNode(String(i));
  for (let e = 0; e < request.edges.length; e += 2) {
    const source = String(request.edges[e]);
    const target = String(request.edges[e + 1]);
    if (source !== target) graph.mergeEdge(source, target);
  }
  return graph;
}

function valuesOf(request: MetricRequest, mapping: Record<string, number>): Float64Array {
  const values = new Float64Array(request.nodeCount);
  for (let i = 0; i < request.nodeCount; i++) values[i] = mapping[String(i)] ?? 0;
  return values;
}

/** A fixed seed: the same graph gets the same communities on every load. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

self.onmessage = (event: MessageEvent<MetricRequest>) => {
  const request = event.data;
  let response: MetricResponse;
  try {
    if (request.metric === "pagerank") {
      const graph = simpleGraph(new DirectedGraph(), request);
      response = { id: request.id, metric: request.metric, values: valuesOf(request, pagerank(graph)) };
    } else if (request.metric === "community") {
      const graph = simpleGraph(new UndirectedGraph(), request);
      const communities = louvain(graph, { rng: seededRandom(1) });
      response = { id: request.id, metric: request.metric, values: valuesOf(request, communities) };
    } else {
      const result = betweenness(request.nodeCount, request.edges, request.exactBetweennessUpTo);
      response = {
        id: request.id,
        metric: request.metric,
        values: result.values,
        note: result.note ?? undefined,
      };
    }
  } catch (error) {
    response = { id: request.id, metric: request.metric, error: (error as Error).message };
  }
  const transfer = response.values ? [response.values.buffer] : [];
  (self as unknown as Worker).postMessage(response, transfer);
};
