import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedGraph, startServerChild, type ServerChild } from "../helpers/server-child.ts";

/**
 * The attack that used to kill the process: many concurrent whole-graph exports. The server runs
 * as `npm start` does, in a child process, but with a heap of 128 MB on a generated graph of 10,000
 * claims, where 24 concurrent NetworkX exports (15 MB each) exhausted the old server's heap and it
 * died. Now they stream, a few at a time: the process stays up, /health keeps answering, every
 * served file is whole, and the rest are told when to come back.
 */

const HEAP_MB = 128;
const FLOOD = 24;
let server: ServerChild;
let health: { nodes: number; relations: number };

beforeAll(async () => {
  const dir = await generatedGraph(10_000);
  server = await startServerChild({ PEACEGRAPH_DATA: dir }, [`--max-old-space-size=${HEAP_MB}`]);
  health = (await (await fetch(`${server.url}/health`)).json()) as typeof health;
}, 120_000);
afterAll(() => server?.stop());

/** GET /health back to back until `done` settles; the time each answer took, in ms. */
async function watchHealth(done: Promise<unknown>): Promise<{ statuses: number[]; latencies: number[] }> {
  let finished = false;
  void done.finally(() => (finished = true));
  const statuses: number[] = [];
  const latencies: number[] = [];
  while (!finished) {
    const started = performance.now();
    const response = await fetch(`${server.url}/health`);
    await response.arrayBuffer();
    statuses.push(response.status);
    latencies.push(performance.now() - started);
  }
  return { statuses, latencies };
}

interface Download {
  status: number;
  retryAfter: string | null;
  body: string;
}

async function exportOnce(path: string): Promise<Download> {
  // identity: no compression, so the server does the most work per byte it sends.
  const response = await fetch(`${server.url}${path}`, { headers: { "accept-encoding": "identity" } });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: await response.text(),
  };
}

describe(`${FLOOD} concurrent whole-graph exports on a ${HEAP_MB} MB heap`, () => {
  it("leave the process up and /health answering; served files are whole, the rest get 503 + Retry-After", async () => {
    const flood = Promise.all(Array.from({ length: FLOOD }, () => exportOnce("/export/networkx-json")));
    const [downloads, watched] = await Promise.all([flood, watchHealth(flood)]);

    expect(server.alive(), server.stderr()).toBe(true);
    expect(server.stderr()).not.toMatch(/heap|FATAL/i);
    expect(watched.statuses.length).toBeGreaterThan(0);
    expect(watched.statuses.every((status) => status === 200)).toBe(true);
    // Before, the event loop stalled for many seconds, then the process died. Bounds that hold on a
    // busy 2-core machine shared with other work (the benchmark measures the real figures): most
    // answers come quickly, and none waits as long as the old stalls lasted.
    const ordered = [...watched.latencies].sort((a, b) => a - b);
    expect(ordered[Math.floor(ordered.length / 2)]).toBeLessThan(1_000);
    expect(ordered.at(-1)).toBeLessThan(10_000);

    const served = downloads.filter((download) => download.status === 200);
    const refused = downloads.filter((download) => download.status !== 200);
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const download of served) {
      const file = JSON.parse(download.body) as { nodes: unknown[]; links: unknown[]; edges: unknown[] };
      expect(file.nodes.length).toBe(health.nodes);
      expect(file.links.length).toBe(health.relations);
      expect(file.edges.length).toBe(health.relations);
    }
    for (const download of refused) {
      expect(download.status).toBe(503);
      expect(Number(download.retryAfter)).toBeGreaterThan(0);
      const error = (JSON.parse(download.body) as { errors: { extensions: { code: string } }[] }).errors[0]!;
      expect(error.extensions.code).toBe("EXPORT_BUSY");
    }
    const after = await fetch(`${server.url}/health`);
    expect(after.status).toBe(200);
  }, 120_000);

  it("counts GraphQL exports against the same slots: busy slots answer 503 EXPORT_BUSY, then it works again", async () => {
    // Ten clients that ask for a whole-graph export and never read it hold both slots and the
    // whole queue (backpressure keeps their exports waiting on the socket).
    const stalled: Socket[] = Array.from({ length: 10 }, () =>
      stalledDownload(server.url, "/export/networkx-json"),
    );
    await waitFor(async () => {
      const { exports } = (await (await fetch(`${server.url}/health`)).json()) as HealthLoad;
      return exports.running === 2 && exports.waiting === 8 ? true : undefined;
    });
    try {
      const busy = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ subgraph { export(format: CYPHER) { content } } }" }),
      });
      expect(busy.status).toBe(503);
      expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await busy.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe("EXPORT_BUSY");
      expect((await exportOnce("/export/gexf")).status).toBe(503);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      for (const socket of stalled) socket.destroy();
    }
    // The stalled clients left: their slots are free again.
    const served = await waitFor(async () => {
      const download = await exportOnce("/export/gexf");
      return download.status === 200 ? download : undefined;
    });
    expect(served.body).toMatch(/<\/gexf>\n$/);
  }, 120_000);
});

interface HealthLoad {
  exports: { running: number; waiting: number };
}

/** A raw connection that asks for a download and never reads a byte of it. */
function stalledDownload(url: string, path: string): Socket {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname, () => {
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nAccept-Encoding: identity\r\n\r\n`);
  });
  socket.pause();
  socket.on("error", () => {});
  return socket;
}

/** Tries `attempt` until it gives a value: the server frees slots as it notices clients leaving. */
async function waitFor<T>(attempt: () => Promise<T | undefined>, tries = 100): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await attempt();
    if (value !== undefined) return value;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`gave up after ${tries} tries`);
}
