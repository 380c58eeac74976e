import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Attacks on connections, each against the real server over raw TCP: headers or a body sent a byte
 * at a time, connections that never send anything, idle keep-alive connections, and more
 * connections than the cap. The timeouts are set short (they are settings) so the test runs in
 * seconds; each attack must end with the server closing the connection, while it keeps serving others.
 */

const TIMEOUTS = {
  headersTimeoutMs: 400,
  bodyTimeoutMs: 2_500,
  requestTimeoutMs: 5_000,
  keepAliveTimeoutMs: 300,
  // Longer than the one second between the slow body's bytes, so it is the body timeout that cuts it.
  idleTimeoutMs: 1_500,
};
const MAX_CONNECTIONS = 30;

let api: TestServer;
let host: string;
let port: number;
beforeAll(async () => {
  api = await startTestServer({ http: { ...TIMEOUTS, maxConnections: MAX_CONNECTIONS } });
  ({ hostname: host } = new URL(api.url));
  port = Number(new URL(api.url).port);
});
afterAll(() => api.close());

interface Connection {
  socket: Socket;
  /** Everything the server sent. */
  received(): string;
  /** Resolves when the server (or anyone) closed the connection. */
  closed: Promise<void>;
}

function open(): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host);
    let received = "";
    socket.on("data", (chunk) => (received += chunk.toString()));
    socket.on("error", () => {}); // a reset by the server is one of the outcomes under test
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once("connect", () => resolve({ socket, received: () => received, closed }));
    socket.once("error", reject);
  });
}

/** Sends `text` one byte per `everyMs` until the connection closes; returns the bytes it got out. */
async function trickle(connection: Connection, text: string, everyMs: number): Promise<number> {
  let sent = 0;
  const timer = setInterval(() => {
    if (sent < text.length && !connection.socket.destroyed) connection.socket.write(text[sent++]!);
  }, everyMs);
  await connection.closed;
  clearInterval(timer);
  return sent;
}

const healthy = async () => expect((await fetch(`${api.url}/health`)).status).toBe(200);

describe("connections that hold on are cut off", () => {
  it("headers sent a byte every 100 ms (slowloris) are cut at the headers timeout", async () => {
    const connection = await open();
    const request = `GET /health HTTP/1.1\r\nHost: ${host}\r\nX-Padding: ${"x".repeat(200)}\r\n\r\n`;
    const [sent] = await Promise.all([trickle(connection, request, 100), healthy()]);
    expect(sent).toBeLessThan(request.length); // cut before the headers were complete
    expect(connection.received()).not.toMatch(/^HTTP\/1\.1 200/);
    await healthy();
  });

  it("a body sent a byte a second is cut at the body timeout, with 408", async () => {
    const connection = await open();
    const body = JSON.stringify({ query: "{ stats { nodes } }" });
    connection.socket.write(
      `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    const [sent] = await Promise.all([trickle(connection, body, 1_000), healthy()]);
    expect(sent).toBeLessThan(body.length);
    expect(connection.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(connection.received()).toMatch(/http\.bodyTimeoutMs/);
    await healthy();
  });

  it("a connection that never sends a byte is closed at the headers timeout", async () => {
    const connection = await open();
    await Promise.all([connection.closed, healthy()]);
    expect(connection.received()).toMatch(/^(|HTTP\/1\.1 408 Request Timeout\r\n[^]*)$/);
  });

  it("100 idle keep-alive connections are each closed at the keep-alive timeout, not Node's 5 s", async () => {
    for (let batch = 0; batch < 4; batch++) {
      // Batches below the connection cap, so every one of them is served.
      const connections = await Promise.all(Array.from({ length: 25 }, () => open()));
      const idleFor = await Promise.all(
        connections.map(async (connection) => {
          connection.socket.write(`GET /health HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
          await new Promise((resolve) => connection.socket.once("data", resolve));
          const answered = performance.now();
          await connection.closed;
          return performance.now() - answered;
        }),
      );
      for (const connection of connections) {
        expect(connection.received()).toMatch(/^HTTP\/1\.1 200 /);
        expect(connection.received()).toMatch(/keep-alive/i);
      }
      // Closed by the server's keep-alive timeout (300 ms here); Node's own default would be 5 s.
      expect(Math.max(...idleFor)).toBeLessThan(4_000);
    }
    await healthy();
  });

  it(`past ${MAX_CONNECTIONS} open connections, new ones are closed at once; freeing one lets the next in`, async () => {
    const held = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, () => open()));
    try {
      const extra = await open();
      extra.socket.write(`GET /health HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
      await extra.closed;
      expect(extra.received()).toBe("");
    } finally {
      for (const { socket } of held) socket.destroy();
    }
    await Promise.all(held.map((connection) => connection.closed));
    // The server counts a connection gone once it sees the close; ask until it has.
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${api.url}/health`).catch(() => undefined);
      if (response?.status === 200) break;
      expect(attempt).toBeLessThan(100);
      await new Promise((resolve) => setImmediate(resolve));
    }
  });
});
