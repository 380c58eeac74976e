import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphChange, LiveGraph } from "../live/live-graph.ts";

/**
 * GET /events: the graph's changes as server-sent events, so a viewer updates without reloading.
 * The first event, `hello`, gives the current journal position; then one event per change:
 * `commit` (with the ids it touched), `reload` (after an outside edit: fetch everything again) or
 * `invalid` (an outside edit does not validate; nothing changed). A comment every `heartbeatMs`
 * keeps proxies from closing a quiet stream. At most `maxStreams` at once (503 beyond).
 */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(
    private readonly live: LiveGraph,
    private readonly maxStreams: number,
    private readonly heartbeatMs = 15_000,
  ) {
    live.onChange((change) => this.broadcast(change));
  }

  get size(): number {
    return this.open.size;
  }

  handle(request: IncomingMessage, response: ServerResponse): void {
    if (this.open.size >= this.maxStreams) {
      response.writeHead(503, { "content-type": "application/json; charset=utf-8", "retry-after": "10" });
      response.end(
        JSON.stringify({
          errors: [
            {
              message: `too many live viewers (${this.maxStreams}); try again later`,
              extensions: { code: "BAD_REQUEST" },
            },
          ],
        }),
      );
      return;
    }
    response.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      "x-accel-buffering": "no",
    });
    response.write(
      `retry: 2000\nevent: hello\ndata: ${JSON.stringify({ position: this.live.position })}\n\n`,
    );
    this.open.add(response);
    const heartbeat = setInterval(() => response.write(": keep-alive\n\n"), this.heartbeatMs);
    heartbeat.unref();
    const close = () => {
      clearInterval(heartbeat);
      this.open.delete(response);
    };
    request.on("close", close);
    response.on("error", close);
  }

  private broadcast(change: GraphChange): void {
    const message = `id: ${change.position}\nevent: ${change.kind}\ndata: ${JSON.stringify(change)}\n\n`;
    for (const response of this.open) response.write(message);
  }

  closeAll(): void {
    for (const response of this.open) response.end();
    this.open.clear();
  }
}
