import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createApolloServer } from "../api/apollo.ts";
import type { ApiContext, GraphStore } from "../api/context.ts";
import { exportLimitsFrom } from "../export/selection.ts";
import type { Settings } from "../settings.ts";
import { handleExport } from "./export-route.ts";
import { handleGraphQL } from "./graphql-handler.ts";
import { HttpError } from "./read-body.ts";
import { serveStatic } from "./static-files.ts";

export interface RunningServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const prefersHtml = (request: IncomingMessage) =>
  request.method === "GET" && (request.headers.accept ?? "").includes("text/html");

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(JSON.stringify(body));
}

/** A GraphQL-shaped error for failures before GraphQL runs, so clients parse one format. */
function sendError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, { errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
}

/**
 * One process, one port: /graphql (API, or the GraphiQL IDE for browsers), /health, and the built
 * client at /. Nothing a request does can take the process down: every failure becomes a response.
 */
export async function startServer(settings: Settings, store: GraphStore): Promise<RunningServer> {
  const apollo = createApolloServer(settings);
  await apollo.start();
  const graphiqlPage = path.join(settings.clientDir, "graphiql", "index.html");
  const exportLimits = exportLimitsFrom(settings.limits);
  const context: ApiContext = { ...store, exportLimits };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/graphql") {
      if (prefersHtml(request) && !url.searchParams.has("query")) {
        if (await serveStatic(path.dirname(graphiqlPage), "index.html", response)) return;
        return sendError(response, 503, "the GraphiQL IDE is not built: run npm run build");
      }
      return handleGraphQL(apollo, context, request, response, url, settings.limits.maxBodyBytes);
    }
    if (url.pathname === "/export" || url.pathname.startsWith("/export/"))
      return handleExport(request, response, url, store, exportLimits);
    if (url.pathname === "/health") {
      const { knowledge } = store;
      return sendJson(response, 200, {
        status: "ok",
        nodes: knowledge.graph.order,
        relations: knowledge.graph.size,
        claims: knowledge.model.claims.length,
      });
    }
    if (request.method !== "GET" && request.method !== "HEAD")
      return sendError(response, 405, "method not allowed");
    const file = url.pathname === "/" ? "index.html" : url.pathname;
    if (await serveStatic(settings.clientDir, file, response)) return;
    if (url.pathname === "/") {
      // No viewer built yet: the query IDE is the next best front door.
      response.writeHead(302, { location: "/graphql" });
      return void response.end();
    }
    sendError(response, 404, `nothing at ${url.pathname}`);
  };

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(response, error.status, error.message);
      console.error("request failed:", error);
      if (!response.headersSent) sendError(response, 500, "internal server error");
      else response.end();
    });
  });
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(settings.port, settings.host, resolve));
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  return {
    url: `http://${host}:${port}`,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
