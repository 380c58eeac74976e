import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A small round-robin HTTP proxy for the cluster demo: each request goes to the next backend in
 * turn, streamed both ways (so /events works), with `x-peacegraph-replica` naming the one that
 * answered. A backend that refuses the connection is skipped, and the request goes to the next:
 * it never reached a server, so even a write is safe to send again. A production deployment puts
 * nginx, HAProxy or a cloud load balancer here instead (docs/deploy.md).
 */

export interface Backend {
  name: string;
  url: string;
}

export interface RunningProxy {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Larger than any body the API takes (settings.limits.maxWriteBodyBytes), so the API keeps the say. */
const MAX_BODY_BYTES = 1_000_000;

const unreachable = (error: NodeJS.ErrnoException) =>
  error.code === "ECONNREFUSED" || error.code === "ECONNRESET";

export async function startRoundRobinProxy(
  backends: () => Backend[],
  port = 0,
  host = "127.0.0.1",
): Promise<RunningProxy> {
  let next = 0;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer, tried: number) => {
    const list = backends();
    if (tried >= list.length || list.length === 0) {
      outgoing.writeHead(502, { "content-type": "application/json; charset=utf-8" });
      outgoing.end(
        JSON.stringify({
          errors: [{ message: "no API replica is reachable", extensions: { code: "BAD_GATEWAY" } }],
        }),
      );
      return;
    }
    const backend = list[next++ % list.length]!;
    const target = new URL(incoming.url ?? "/", backend.url);
    const upstream = httpRequest(
      target,
      { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, {
          ...answer.headers,
          "x-peacegraph-replica": backend.name,
        });
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (!outgoing.headersSent && unreachable(error)) return forward(incoming, outgoing, body, tried + 1);
      if (!outgoing.headersSent) outgoing.writeHead(502, { "content-type": "text/plain" });
      outgoing.end();
    });
    outgoing.on("close", () => upstream.destroy());
    upstream.end(body);
  };

  const server = createServer((incoming, outgoing) => {
    // Bodies are small (the API caps them); holding one lets a refused connection be retried elsewhere.
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      if (outgoing.headersSent) return;
      outgoing.writeHead(413, { "content-type": "application/json; charset=utf-8", connection: "close" });
      outgoing.end(
        JSON.stringify({
          errors: [
            { message: `request body over ${MAX_BODY_BYTES} bytes`, extensions: { code: "BAD_REQUEST" } },
          ],
        }),
      );
      incoming.destroy();
    });
    incoming.on("end", () => {
      if (size <= MAX_BODY_BYTES) forward(incoming, outgoing, Buffer.concat(chunks), 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${actual}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
