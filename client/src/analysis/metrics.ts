import type { Dataset } from "../data/dataset.ts";

/** Node metrics the analyst can size or colour by. Degree is counted on load; the rest in a worker. */
export type NodeMetric = "degree" | "pagerank" | "betweenness" | "community";
export const NODE_METRICS: readonly NodeMetric[] = ["degree", "pagerank", "betweenness", "community"];

/** What the worker is asked: the graph as index pairs, so nothing but numbers crosses over. */
export interface MetricRequest {
  id: number;
  metric: Exclude<NodeMetric, "degree">;
  nodeCount: number;
  /** Subject and object index of every relation, interleaved. */
  edges: Uint32Array;
  /** Betweenness from every node up to this many nodes; above it, from a seeded sample of this many. */
  exactBetweennessUpTo: number;
}

export interface MetricResponse {
  id: number;
  metric: Exclude<NodeMetric, "degree">;
  values?: Float64Array;
  /** How the value was computed, for the legend and the table ("sampled from 500 sources"). */
  note?: string;
  error?: string;
}

export interface ComputedMetric {
  values: Map<string, number>;
  note: string | null;
}

/**
 * Computes metrics off the main thread, one at a time, and keeps each result: the graph does not
 * change once loaded, so a metric is computed once.
 */
export class MetricStore {
  private worker: Worker | null = null;
  private readonly done = new Map<NodeMetric, ComputedMetric>();
  private readonly pending = new Map<NodeMetric, Promise<ComputedMetric>>();
  private nextId = 1;

  constructor(
    private readonly dataset: () => Dataset | null,
    private readonly exactBetweennessUpTo: number,
  ) {}

  get(metric: NodeMetric): ComputedMetric | null {
    if (metric === "degree") {
      const dataset = this.dataset();
      return dataset ? { values: dataset.degree as Map<string, number>, note: null } : null;
    }
    return this.done.get(metric) ?? null;
  }

  /** The graph changed (read again after a change on the server): computed metrics no longer hold. */
  forget(): void {
    this.done.clear();
    this.pending.clear();
  }

  /** Every metric computed so far, for the appearance. */
  values(): Map<NodeMetric, ReadonlyMap<string, number>> {
    const all = new Map<NodeMetric, ReadonlyMap<string, number>>();
    for (const [metric, computed] of this.done) all.set(metric, computed.values);
    return all;
  }

  compute(metric: NodeMetric): Promise<ComputedMetric> {
    const known = this.get(metric);
    if (known) return Promise.resolve(known);
    const dataset = this.dataset();
    if (!dataset) return Promise.reject(new Error("the graph is not loaded yet"));
    const running = this.pending.get(metric);
    if (running) return running;
    const ids = [...dataset.entities.keys()];
    const index = new Map(ids.map((id, i) => [id, i]));
    const edges = new Uint32Array(dataset.relations.size * 2);
    let e = 0;
    for (const relation of dataset.relations.values()) {
      edges[e++] = index.get(relation.subject)!;
      edges[e++] = index.get(relation.object)!;
    }
    this.worker ??= new Worker(new URL("./metrics-worker.ts", import.meta.url), { type: "module" });
    const worker = this.worker;
    const id = this.nextId++;
    const request: MetricRequest = {
      id,
      metric: metric as MetricRequest["metric"],
      nodeCount: ids.length,
      edges,
      exactBetweennessUpTo: this.exactBetweennessUpTo,
    };
    const promise = new Promise<ComputedMetric>((resolve, reject) => {
      const onMessage = (event: MessageEvent<MetricResponse>) => {
        if (event.data.id !== id) return;
        worker.removeEventListener("message", onMessage);
        this.pending.delete(metric);
        if (event.data.error || !event.data.values) {
          reject(new Error(event.data.error ?? "no values"));
          return;
        }
        const values = new Map<string, number>();
        event.data.values.forEach((value, i) => values.set(ids[i]!, value));
        const computed = { values, note: event.data.note ?? null };
        this.done.set(metric, computed);
        resolve(computed);
      };
      worker.addEventListener("message", onMessage);
      worker.postMessage(request, [edges.buffer]);
    });
    this.pending.set(metric, promise);
    return promise;
  }
}
