/**
 * Asks GET <url>/health back to back until its standard input closes, then prints the latency of
 * every answer (ms; a failed request counts as Infinity, printed as null) as a JSON array. Run as a
 * process of its own, so the latencies are what a separate client sees, not delays of the process
 * that is busy downloading a flood of exports.
 */
const url = process.argv[2];
if (!url) {
  console.error("usage: health-poller <server url>");
  process.exit(2);
}

let listening = true;
process.stdin.on("end", () => (listening = false));
process.stdin.resume();

const latencies: number[] = [];
while (listening) {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/health`);
    await response.arrayBuffer();
    latencies.push(response.status === 200 ? performance.now() - started : Infinity);
  } catch {
    latencies.push(Infinity);
  }
}
process.stdout.write(JSON.stringify(latencies));

export {};
