import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphStore } from "../api/context.ts";
import { exportBaseName, exportSubgraph, exportZip, ZIP_MEDIA_TYPE } from "../export/export.ts";
import { EXPORT_FORMATS, isExportFormatId } from "../export/formats.ts";
import { ExportTooLarge, type ExportLimits } from "../export/selection.ts";
import { selectByParams, SELECTION_PARAMS, type SelectionParam } from "../export/selection-params.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";

/**
 * GET /export/<format>?ids=&depth=&types=&kinds=&from=&to=&sources= (no parameters: the whole graph).
 * Single-file formats come as that file; multi-file formats as a ZIP of their parts, or one part
 * with ?part=nodes|edges|relationships. GET /export lists the formats. Every refusal is a 4xx JSON
 * error in the GraphQL shape the rest of the server uses, naming the parameter and the reason.
 */

const KNOWN_PARAMS = new Set<string>([...Object.keys(SELECTION_PARAMS), "part"]);

function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  argument?: string,
): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  response.end(
    JSON.stringify({ errors: [{ message, extensions: { code, ...(argument ? { argument } : {}) } }] }),
  );
}

function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  filename: string,
  mediaType: string,
  body: string | Buffer,
): void {
  response.writeHead(200, {
    "content-type": mediaType,
    "content-length": Buffer.byteLength(body),
    "content-disposition": `attachment; filename="${filename}"`,
    "x-content-type-options": "nosniff",
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

function listFormats(response: ServerResponse, limits: ExportLimits): void {
  response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  const formats = Object.values(EXPORT_FORMATS).map((format) => ({
    id: format.id,
    title: format.title,
    readBy: format.readBy,
    url: `/export/${format.id}`,
    parts: format.parts.length > 1 ? format.parts.map((part) => part.name) : undefined,
  }));
  response.end(JSON.stringify({ formats, parameters: SELECTION_PARAMS, limits }));
}

export function handleExport(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  store: GraphStore,
  limits: ExportLimits,
): void {
  if (request.method !== "GET" && request.method !== "HEAD")
    return sendError(response, 405, "METHOD_NOT_ALLOWED", "exports are read with GET");
  const slug = url.pathname.replace(/^\/export\/?/, "").replace(/\/$/, "");
  if (slug === "") return listFormats(response, limits);
  if (!isExportFormatId(slug)) {
    const known = Object.keys(EXPORT_FORMATS).join(", ");
    return sendError(response, 404, "UNKNOWN_FORMAT", `unknown export format "${slug}"; known: ${known}`);
  }
  const format = EXPORT_FORMATS[slug];

  const params = new Map<SelectionParam, string[]>();
  for (const [name, value] of url.searchParams) {
    if (!KNOWN_PARAMS.has(name)) {
      const known = [...KNOWN_PARAMS].join(", ");
      return sendError(response, 400, "BAD_REQUEST", `unknown parameter "${name}"; known: ${known}`, name);
    }
    if (name !== "part")
      params.set(name as SelectionParam, [...(params.get(name as SelectionParam) ?? []), value]);
  }
  const partName = url.searchParams.get("part");
  const part = partName === null ? undefined : format.parts.find((candidate) => candidate.name === partName);
  if (partName !== null && (format.parts.length === 1 || !part)) {
    const reason =
      format.parts.length === 1
        ? `${format.id} is a single file`
        : `${format.id} has parts ${format.parts.map((candidate) => candidate.name).join(", ")}`;
    return sendError(response, 400, "BAD_REQUEST", `part: unknown part "${partName}"; ${reason}`, "part");
  }

  try {
    const { request: selection, subgraph } = selectByParams(store.knowledge, params, limits);
    const result = exportSubgraph(store, subgraph, format, limits, exportBaseName(selection.ids));
    if (part) {
      const file = result.parts.find((candidate) => candidate.name === part.name)!;
      return sendFile(request, response, file.filename, file.mediaType, file.content);
    }
    if (result.parts.length > 1)
      return sendFile(request, response, result.filename, ZIP_MEDIA_TYPE, exportZip(result));
    return sendFile(request, response, result.filename, result.mediaType, result.parts[0]!.content);
  } catch (error) {
    if (error instanceof ExportTooLarge)
      return sendError(response, 400, "EXPORT_TOO_LARGE", error.message, error.argument);
    if (error instanceof InvalidArgument)
      return sendError(response, 400, "BAD_REQUEST", error.message, error.argument);
    throw error;
  }
}
