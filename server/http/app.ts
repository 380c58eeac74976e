import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createApolloServer } from "../api/apollo.ts";
import type { GraphStore } from "../api/context.ts";
import { requestContext, type RequestExtras } from "../api/request-context.ts";
import { ExportSlots } from "../export/export-slots.ts";
import { exportLimitsFrom } from "../export/selection.ts";
import type { LiveGraph } from "../live/live-graph.ts";
import type { Settings } from "../settings.ts";
import type { StoreStatus } from "../store/types.ts";
import type { WriteService } from "../write/write-service.ts";
import { EventStreams } from "./events-route.ts";
import { EXPORT_METHODS, handleExport, type ExportRoute } from "./export-route.ts";
import { handleGraphQL, type GraphQLRoute } from "./graphql-handler.ts";
import { HttpError } from "./read-body.ts";
import { answerOptions, applyCors, applySecurityHeaders } from "./security-headers.ts";
import { sendError, sendJson, sendMethodNotAllowed } from "./send.ts";
import { serveStatic } from "./static-files.ts";
import { principalOf } from "./write-access.ts";

export interface RunningServer {
  url: string;
  server: Server;
  /** The export slots, for tests and benchmarks that watch the load. */
  exportSlots: ExportSlots;
  close(): Promise<void>;
}

/** Start-up failed for a reason the user can fix; the message is one line that says how. */
export class StartupError extends Error {}

const prefersHtml = (request: IncomingMessage) =>
  request.method === "GET" && (request.headers.accept ?? "").includes("text/html");

const GRAPHQL_METHODS = ["GET", "POST"] as const;
const READ_METHODS = ["GET", "HEAD"] as const;

/** The methods each path accepts: OPTIONS and 405 answers list them. */
function methodsFor(pathname: string): readonly string[] {
  if (pathname === "/graphql") return GRAPHQL_METHODS;
  if (pathname === "/export" || pathname.startsWith("/export/")) return EXPORT_METHODS;
  return READ_METHODS;
}

/** The API's paths, which any origin may read (see security-headers.ts). */
const isApiPath = (pathname: string) =>
  pathname === "/graphql" ||
  pathname === "/health" ||
  pathname === "/export" ||
  pathname.startsWith("/export/");

function listenError(error: NodeJS.ErrnoException, settings: Settings): Error {
  const where = `port ${settings.port} on ${settings.host}`;
  if (error.code === "EADDRINUSE")
    return new StartupError(
      `${where} is already in use (another server listens there); stop it, or set PORT to another port (PORT=0 picks a free one)`,
    );
  if (error.code === "EACCES")
    return new StartupError(`${where} needs privileges to listen on; set PORT to a port above 1023`);
  if (error.code === "EADDRNOTAVAIL")
    return new StartupError(`${settings.host} is not an address of this machine; set HOST to one that is`);
  return error;
}

export interface ServerOptions {
  /** Writes, when the server takes them. */
  writes?: WriteService;
  /** The store's state, for writeStatus and /health. */
  storeStatus?: () => StoreStatus;
}

/** Why a server takes no writes, or null when it takes them. */
function writeRefusal(settings: Settings, options: ServerOptions): string | null {
  if (settings.readOnly || (options.storeStatus && !options.storeStatus().writable))
    return "this server opened its data read-only (PEACEGRAPH_READ_ONLY): it takes no writes";
  if (settings.writeToken === null)
    return "this server takes no writes: no write token is configured (PEACEGRAPH_WRITE_TOKEN)";
  return options.writes ? null : "this server takes no writes";
}

/**
 * One process, one port: /graphql (API, or the GraphiQL IDE for browsers), /export, /health,
 * /events (live changes, over a live graph), /review and the built client at /. Nothing a request
 * does can take the process down: every failure becomes a response, every connection is bounded in
 * time (settings.http), and their number is capped. Over a live graph, every request reads the
 * graph as it is when it arrives.
 */
export async function startServer(
  settings: Settings,
  graph: GraphStore | LiveGraph,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const apollo = createApolloServer(settings);
  await apollo.start();
  const graphiqlPage = path.join(settings.clientDir, "graphiql", "index.html");
  const exportLimits = exportLimitsFrom(settings.limits);
  const exportSlots = new ExportSlots(settings.exports);
  const live = "current" in graph ? graph : undefined;
  const current = () => (live ? live.current : (graph as GraphStore));
  const { limits } = settings;
  const extras: RequestExtras = {
    exportLimits,
    exportSlots,
    exportSliceMs: settings.exports.sliceMs,
    live,
    writes: options.writes,
    writeRefusal: writeRefusal(settings, options),
    storeStatus: options.storeStatus,
    writeLimits: {
      maxArticleChars: limits.maxArticleChars,
      maxNoteChars: limits.maxNoteChars,
      maxQuoteChars: limits.maxQuoteChars,
      mutationsPerMinute: limits.mutationsPerMinute,
    },
  };
  const graphql: GraphQLRoute = {
    apollo,
    settings,
    contextFor(request) {
      const principal = principalOf(request, settings.writeToken);
      return {
        context: requestContext(graph, extras, principal),
        // Only a writer holding the token may send an article-sized body.
        maxBodyBytes: principal.token === "valid" ? limits.maxWriteBodyBytes : limits.maxBodyBytes,
      };
    },
  };
  const exports: ExportRoute = {
    get store() {
      return current();
    },
    limits: exportLimits,
    slots: exportSlots,
    settings,
  };
  // A quiet stream still sends a comment well within the idle timeout, so it is never cut as idle.
  const heartbeatMs = Math.min(15_000, settings.http.idleTimeoutMs / 3);
  const events = live ? new EventStreams(live, limits.maxEventStreams, heartbeatMs) : undefined;

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const { pathname } = url;
    applySecurityHeaders(response);
    if (isApiPath(pathname)) applyCors(response);
    const allowed = methodsFor(pathname);
    if (request.method === "OPTIONS") return answerOptions(request, response, allowed);
    if (!allowed.includes(request.method ?? "")) return sendMethodNotAllowed(response, allowed);

    if (pathname === "/graphql") {
      if (prefersHtml(request) && !url.searchParams.has("query")) {
        if (await serveStatic(path.dirname(graphiqlPage), "index.html", request, response, settings)) return;
        return sendError(response, 503, "the GraphiQL IDE is not built: run npm run build");
      }
      return handleGraphQL(graphql, request, response, url);
    }
    if (pathname === "/export" || pathname.startsWith("/export/"))
      return handleExport(request, response, url, exports);
    if (pathname === "/events" && events && request.method === "GET") return events.handle(request, response);
    if (pathname === "/health") {
      const { knowledge } = current();
      const store = options.storeStatus?.();
      return sendJson(response, 200, {
        status: live?.problems.length ? "degraded" : "ok",
        nodes: knowledge.graph.order,
        relations: knowledge.graph.size,
        claims: knowledge.model.claims.length,
        exports: exportSlots.load,
        ...(store ? { writable: extras.writeRefusal === null, position: live?.position ?? 0 } : {}),
        ...(live?.problems.length ? { problems: live.problems.length } : {}),
      });
    }
    const file = pathname === "/" ? "index.html" : pathname === "/review" ? "review/index.html" : pathname;
    if (await serveStatic(settings.clientDir, file, request, response, settings)) return;
    if (pathname === "/") {
      // No viewer built yet: the query IDE is the next best front door.
      response.writeHead(302, { location: "/graphql" });
      return void response.end();
    }
    sendError(response, 404, `nothing at ${pathname}`, { code: "NOT_FOUND" });
  };

  const { http } = settings;
  const server = createServer(
    {
      headersTimeout: http.headersTimeoutMs,
      requestTimeout: http.requestTimeoutMs,
      keepAliveTimeout: http.keepAliveTimeoutMs,
      // Node checks the header and request timeouts on this interval (30 s by default, which would
      // let a slow sender keep a connection long past its timeout).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, http.headersTimeoutMs / 4)),
    },
    (request, response) => {
      route(request, response).catch((error: unknown) => {
        if (error instanceof HttpError) {
          const headers = error.closeConnection ? { connection: "close" } : undefined;
          if (!response.headersSent) sendError(response, error.status, error.message, { headers });
          // The rest of the body was never read: do not wait for it on this connection.
          if (error.closeConnection) response.once("finish", () => request.socket.destroySoon());
          return;
        }
        console.error("request failed:", error);
        if (!response.headersSent)
          sendError(response, 500, "internal server error", { code: "INTERNAL_SERVER_ERROR" });
        else response.destroy();
      });
    },
  );
  server.maxConnections = http.maxConnections;
  // A connection with no traffic at all (idle, or never sending a request) is closed.
  server.timeout = http.idleTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) => reject(listenError(error, settings)));
    server.listen(settings.port, settings.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  return {
    url: `http://${host}:${port}`,
    server,
    exportSlots,
    async close() {
      events?.closeAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}
