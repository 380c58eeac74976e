/** Runs autocannon (a devDependency) in its own process against a URL, so it does not share the server's event loop. */
import path from "node:path";
import { runChild } from "./run-child.ts";

const CLI = path.resolve(import.meta.dirname, "..", "..", "node_modules", "autocannon", "autocannon.js");

export interface Throughput {
  /** Mean requests per second over the run. */
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** Responses that were not 2xx, and socket errors. */
  failures: number;
  /** Responses that were not 2xx: the server refused or failed a request. */
  non2xx: number;
  /** Connection errors and timeouts: on a busy machine these can be the machine's, not the server's. */
  errors: number;
  requests: number;
}

export async function autocannon(
  url: string,
  body: string,
  seconds: number,
  connections = 10,
): Promise<Throughput> {
  const args = [CLI, "-j", "-c", String(connections), "-d", String(seconds), "-m", "POST"];
  args.push("-H", "content-type=application/json", "-b", body, url);
  const { code, stdout, stderr } = await runChild(process.execPath, args);
  if (code !== 0) throw new Error(`autocannon exited ${code}: ${stderr.slice(-500)}`);
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors,
    non2xx: result.non2xx,
    errors: result.errors,
    requests: result.requests.total,
  };
}
