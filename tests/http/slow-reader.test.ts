import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedGraph } from "../helpers/server-child.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Clients that start a download and then stop reading, or read too slowly, would hold an export
 * slot forever. A client that reads nothing is cut at the idle timeout; one that reads a trickle
 * is cut when the export passes its longest allowed time. Either way the slot comes back. The graph
 * is generated (10,000 claims) so that a whole export is far larger than the socket's buffers.
 */

let dir: string;
let idle: TestServer;
let slow: TestServer;
beforeAll(async () => {
  dir = await generatedGraph(10_000);
  // No layout: positions are not what these tests are about.
  const layout = { iterations: 0 };
  idle = await startTestServer({ layout, http: { idleTimeoutMs: 800 } }, dir);
  slow = await startTestServer(
    { layout, http: { idleTimeoutMs: 30_000 }, exports: { maxDurationMs: 1_500 } },
    dir,
  );
}, 120_000);
afterAll(() => Promise.all([idle?.close(), slow?.close()]));

interface Download {
  socket: Socket;
  received: () => number;
  /** Whether the chunked transfer ended properly (its last, empty chunk arrived). */
  complete: () => boolean;
  closed: Promise<void>;
}

/** A raw download of a whole-graph export; the caller decides how fast to read it. */
function startDownload(server: TestServer): Download {
  const { hostname, port } = new URL(server.url);
  let received = 0;
  const socket = connect(Number(port), hostname, () =>
    socket.write(
      `GET /export/networkx-json HTTP/1.1\r\nHost: ${hostname}\r\nAccept-Encoding: identity\r\n\r\n`,
    ),
  );
  let tail = "";
  socket.on("data", (chunk: Buffer) => {
    received += chunk.length;
    tail = (tail + chunk.toString("latin1")).slice(-5);
  });
  socket.on("error", () => {});
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return { socket, received: () => received, complete: () => tail === "0\r\n\r\n", closed };
}

const load = async (server: TestServer) =>
  ((await (await fetch(`${server.url}/health`)).json()) as { exports: { running: number } }).exports;

/** Asks /health until no export is running (the server notices a closed socket on its next write). */
async function slotsFreed(server: TestServer): Promise<void> {
  for (let attempt = 0; (await load(server)).running > 0; attempt++) {
    expect(attempt).toBeLessThan(20_000);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe("a download that is not read", () => {
  it("is cut at the idle timeout, and its slot is freed", async () => {
    const download = startDownload(idle);
    await new Promise((resolve) => download.socket.once("data", resolve));
    download.socket.pause(); // reads nothing more: the server's writes stall on backpressure
    expect((await load(idle)).running).toBe(1);
    // A paused socket reports no close until its buffered bytes are read: watch the server instead.
    await slotsFreed(idle);
    download.socket.resume();
    await download.closed;
    expect(download.complete()).toBe(false);
  });
});

describe("a download read a trickle at a time", () => {
  it("is cut when it passes exports.maxDurationMs, and its slot is freed", async () => {
    const download = startDownload(slow);
    // Reads one chunk every 50 ms: the connection is never idle, just slow.
    download.socket.pause();
    const pause = () => download.socket.pause();
    download.socket.on("data", pause);
    const timer = setInterval(() => download.socket.resume(), 50);
    await slotsFreed(slow);
    clearInterval(timer);
    download.socket.off("data", pause);
    download.socket.resume();
    await download.closed;
    expect(download.received()).toBeGreaterThan(0);
    expect(download.complete()).toBe(false);
  });
});
