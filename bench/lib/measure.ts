/** Small timing helpers shared by the benchmark sections. Numbers are printed, never asserted. */

export interface Latency {
  runs: number;
  p50: number;
  p99: number;
  mean: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Runs `task` a few times to warm up, then `runs` times, and reports milliseconds. */
export async function measure(
  task: () => unknown | Promise<unknown>,
  runs = 200,
  warmup = 20,
): Promise<Latency> {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    runs,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((sum, t) => sum + t, 0) / times.length,
  };
}

/**
 * Times several tasks in rounds, each round running every task once, so that a noisy moment on a
 * shared machine slows all of them alike and their ratios stay fair. Each task runs once untimed
 * first (a cold cache is not its steady cost); then as many rounds as fit in `budgetMs` per task,
 * at least 5 and at most 200.
 */
export async function measureTogether<K extends string>(
  tasks: Record<K, () => unknown | Promise<unknown>>,
  budgetMs: number,
): Promise<Record<K, Latency>> {
  const names = Object.keys(tasks) as K[];
  let roundMs = 0;
  for (const name of names) {
    await tasks[name]();
    const started = performance.now();
    await tasks[name]();
    roundMs += Math.max(0.02, performance.now() - started);
  }
  const rounds = Math.max(5, Math.min(200, Math.floor((budgetMs * names.length) / roundMs)));
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const start = performance.now();
      await tasks[name]();
      times[name].push(performance.now() - start);
    }
  }
  const latencies = {} as Record<K, Latency>;
  for (const name of names) {
    const sorted = times[name].sort((a, b) => a - b);
    latencies[name] = {
      runs: rounds,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      mean: sorted.reduce((sum, t) => sum + t, 0) / sorted.length,
    };
  }
  return latencies;
}

/** A titled table of rows, printed aligned. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  notes?: string[];
}

const format = (value: string | number) =>
  typeof value === "number"
    ? Number.isInteger(value)
      ? String(value)
      : value.toFixed(value < 10 ? 2 : 1)
    : value;

export function printTable(table: Table): void {
  const cells = [table.columns, ...table.rows.map((row) => row.map(format))];
  const widths = table.columns.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? "").length)));
  console.log(`\n${table.title}`);
  cells.forEach((row, r) => {
    console.log(
      row
        .map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]!) : String(cell).padStart(widths[i]!)))
        .join("  "),
    );
    if (r === 0) console.log(widths.map((w) => "-".repeat(w)).join("  "));
  });
  for (const note of table.notes ?? []) console.log(`  ${note}`);
}
