import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { GraphStore } from "../api/context.ts";
import { paced } from "../export/chunks.ts";
import { exportBaseName, exportBody, exportSubgraph, type ExportResult } from "../export/export.ts";
import { ExportBusy, type ExportSlots } from "../export/export-slots.ts";
import { EXPORT_FORMATS, isExportFormatId } from "../export/formats.ts";
import { ExportTooLarge, type ExportLimits } from "../export/selection.ts";
import { selectByParams, SELECTION_PARAMS, type SelectionParam } from "../export/selection-params.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { Settings } from "../settings.ts";
import { compressingStream, negotiate } from "./compression.ts";
import { sendError, sendJson, sendMethodNotAllowed } from "./send.ts";

/**
 * GET /export/<format>?ids=&depth=&types=&kinds=&from=&to=&sources= (no parameters: the whole graph).
 * Single-file formats come as that file; multi-file formats as a ZIP of their parts, or one part
 * with ?part=nodes|edges|relationships. GET /export lists the formats. Every refusal is a 4xx JSON
 * error in the GraphQL shape the rest of the server uses, naming the parameter and the reason.
 *
 * Files are streamed: written a chunk at a time as the client takes them (backpressure), in time
 * slices so other requests are answered meanwhile, compressed when the client accepts it, and a few
 * at a time (settings.exports): past the slots and their queue the answer is 503 with Retry-After.
 * The length is not known in advance, so there is no Content-Length; a transfer cut short by an
 * error ends without its final chunk, which every HTTP client reports as incomplete.
 */

export const EXPORT_METHODS = ["GET", "HEAD"] as const;

const KNOWN_PARAMS = new Set<string>([...Object.keys(SELECTION_PARAMS), "part"]);

/** What GET /export says about the parameters: the selection, and `part` for multi-file formats. */
const PARAMETERS = {
  ...SELECTION_PARAMS,
  part: "for gephi-csv and neo4j-csv: one file (nodes, edges or relationships) instead of the ZIP",
};

export interface ExportRoute {
  store: GraphStore;
  limits: ExportLimits;
  slots: ExportSlots;
  settings: Settings;
}

function listFormats(response: ServerResponse, limits: ExportLimits, settings: Settings): void {
  const formats = Object.values(EXPORT_FORMATS).map((format) => ({
    id: format.id,
    title: format.title,
    readBy: format.readBy,
    url: `/export/${format.id}`,
    parts: format.parts.length > 1 ? format.parts.map((part) => part.name) : undefined,
  }));
  const { concurrency, queue, retryAfterSeconds } = settings.exports;
  sendJson(response, 200, {
    formats,
    parameters: PARAMETERS,
    limits: { ...limits, concurrentExports: concurrency, queuedExports: queue, retryAfterSeconds },
  });
}

/** The parameters as lists by name, or a refusal naming the unknown one. */
function readParams(url: URL): Map<SelectionParam, string[]> | { unknown: string } {
  const params = new Map<SelectionParam, string[]>();
  for (const [name, value] of url.searchParams) {
    if (!KNOWN_PARAMS.has(name)) return { unknown: name };
    if (name !== "part")
      params.set(name as SelectionParam, [...(params.get(name as SelectionParam) ?? []), value]);
  }
  return params;
}

export async function handleExport(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  route: ExportRoute,
): Promise<void> {
  const { store, limits, settings } = route;
  if (request.method !== "GET" && request.method !== "HEAD")
    return sendMethodNotAllowed(response, EXPORT_METHODS);
  const slug = url.pathname.replace(/^\/export\/?/, "").replace(/\/$/, "");
  if (slug === "") return listFormats(response, limits, settings);
  if (!isExportFormatId(slug)) {
    const known = Object.keys(EXPORT_FORMATS).join(", ");
    return sendError(response, 404, `unknown export format "${slug}"; known: ${known}`, {
      code: "UNKNOWN_FORMAT",
    });
  }
  const format = EXPORT_FORMATS[slug];
  const params = readParams(url);
  if ("unknown" in params) {
    const known = [...KNOWN_PARAMS].join(", ");
    return sendError(response, 400, `unknown parameter "${params.unknown}"; known: ${known}`, {
      argument: params.unknown,
    });
  }
  const partName = url.searchParams.get("part");
  const part = partName === null ? undefined : format.parts.find((candidate) => candidate.name === partName);
  if (partName !== null && (format.parts.length === 1 || !part)) {
    const reason =
      format.parts.length === 1
        ? `${format.id} is a single file`
        : `${format.id} has parts ${format.parts.map((candidate) => candidate.name).join(", ")}`;
    return sendError(response, 400, `part: unknown part "${partName}"; ${reason}`, { argument: "part" });
  }

  // Two steps of tens of milliseconds each on a large graph, with a turn of the event loop between.
  const prepare = async (): Promise<ExportResult> => {
    const { request: selection, subgraph } = selectByParams(store.knowledge, params, limits);
    await nextTurn();
    return exportSubgraph(store, subgraph, format, limits, exportBaseName(selection.ids));
  };
  if (request.method === "HEAD") {
    const result = await prepareOrRefuse(response, prepare);
    if (result) sendHead(request, response, describe(result, part?.name));
    return;
  }
  await sendExport(request, response, prepare, part?.name, route);
}

/** The selection resolved and the export prepared, or a 400 sent naming the parameter at fault. */
async function prepareOrRefuse(
  response: ServerResponse,
  prepare: () => Promise<ExportResult>,
): Promise<ExportResult | undefined> {
  try {
    return await prepare();
  } catch (error) {
    if (error instanceof ExportTooLarge)
      sendError(response, 400, error.message, { code: "EXPORT_TOO_LARGE", argument: error.argument });
    else if (error instanceof InvalidArgument)
      sendError(response, 400, error.message, { argument: error.argument });
    else throw error;
    return undefined;
  }
}

/** The file a download gets: the single file, the ZIP of the parts, or the one part asked for. */
function describe(result: ExportResult, partName: string | undefined) {
  const part =
    partName === undefined ? undefined : result.parts.find((candidate) => candidate.name === partName)!;
  return {
    result,
    part,
    filename: part?.filename ?? result.filename,
    mediaType: part?.mediaType ?? result.mediaType,
  };
}

type Described = ReturnType<typeof describe>;

function downloadHeaders(request: IncomingMessage, response: ServerResponse, file: Described) {
  const encoding = negotiate(request, response, file.mediaType);
  const headers = {
    "content-type": file.mediaType,
    "content-disposition": `attachment; filename="${file.filename}"`,
    ...(encoding ? { "content-encoding": encoding } : {}),
  };
  return { encoding, headers };
}

function sendHead(request: IncomingMessage, response: ServerResponse, file: Described): void {
  response.writeHead(200, downloadHeaders(request, response, file).headers);
  response.end();
}

/**
 * Streams the export (or one part of it) once a slot is free. A full queue is refused before any
 * work; the selection itself (a walk over the whole graph, for a whole-graph export) runs in the slot.
 */
async function sendExport(
  request: IncomingMessage,
  response: ServerResponse,
  prepare: () => Promise<ExportResult>,
  partName: string | undefined,
  { slots, settings }: ExportRoute,
): Promise<void> {
  // The client may leave while waiting for a slot: then the wait ends, and no slot is taken for it.
  const left = new AbortController();
  const onClose = () => left.abort(new Error("the client closed the connection"));
  response.once("close", onClose);
  let release: () => void;
  try {
    release = await slots.acquire(left.signal);
  } catch (error) {
    response.off("close", onClose);
    if (error instanceof ExportBusy) {
      return sendError(response, 503, error.message, {
        code: "EXPORT_BUSY",
        headers: { "retry-after": String(error.retryAfterSeconds) },
      });
    }
    if (left.signal.aborted) return;
    throw error;
  }
  response.off("close", onClose);

  const { sliceMs, maxDurationMs } = settings.exports;
  // A client that reads too slowly would keep its slot: past the longest allowed time, cut it off.
  const deadline = setTimeout(
    () => response.destroy(new Error(`export took longer than ${maxDurationMs} ms (exports.maxDurationMs)`)),
    maxDurationMs,
  );
  let result: ExportResult | undefined;
  try {
    result = await prepareOrRefuse(response, prepare);
    if (!result) return;
    const file = describe(result, partName);
    const { encoding, headers } = downloadHeaders(request, response, file);
    const body = file.part ? paced(file.part.chunks(), sliceMs) : exportBody(result, sliceMs);
    response.writeHead(200, headers);
    const source = Readable.from(body, { highWaterMark: 1 });
    if (encoding) await pipeline(source, compressingStream(encoding, settings.compression), response);
    else await pipeline(source, response);
  } catch (error) {
    // A client that left needs no answer; anything else is worth a log line. Once the file has
    // started, the only way to say it failed is to cut the transfer short.
    if ((error as NodeJS.ErrnoException).code !== "ERR_STREAM_PREMATURE_CLOSE")
      console.error(`export ${result?.filename ?? ""} stopped:`, (error as Error).message);
    if (!response.headersSent)
      sendError(response, 500, "internal server error", { code: "INTERNAL_SERVER_ERROR" });
    else response.destroy();
  } finally {
    clearTimeout(deadline);
    release();
  }
}
