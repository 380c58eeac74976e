/** Garbage-collection pauses of this process while a task runs, from Node's performance timeline. */
import { PerformanceObserver } from "node:perf_hooks";
import { percentile } from "./measure.ts";

export interface GcPauses {
  count: number;
  /** Milliseconds paused in all. */
  totalMs: number;
  p99Ms: number;
  maxMs: number;
  /** Share of the task's wall time spent paused, 0–1. */
  share: number;
}

export async function withGcPauses<T>(task: () => Promise<T>): Promise<{ result: T; gc: GcPauses }> {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push(entry.duration);
  });
  observer.observe({ entryTypes: ["gc"] });
  const started = performance.now();
  try {
    const result = await task();
    const wall = performance.now() - started;
    // Entries are delivered asynchronously: let the last ones arrive before reading them.
    await new Promise((resolve) => setImmediate(resolve));
    pauses.sort((a, b) => a - b);
    const totalMs = pauses.reduce((sum, pause) => sum + pause, 0);
    return {
      result,
      gc: {
        count: pauses.length,
        totalMs,
        p99Ms: pauses.length ? percentile(pauses, 99) : 0,
        maxMs: pauses.at(-1) ?? 0,
        share: wall > 0 ? totalMs / wall : 0,
      },
    };
  } finally {
    observer.disconnect();
  }
}
