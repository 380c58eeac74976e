import type { Subgraph } from "../query/neighborhood.ts";
import { chunked, joinChunks, paced } from "./chunks.ts";
import { buildExportDocument, type ExportStore } from "./document.ts";
import type { ExportFormatSpec } from "./formats.ts";
import { checkExportSize, type ExportLimits } from "./selection.ts";
import { zipChunks, type ZipEntry } from "./zip.ts";

export interface ExportedPart {
  /** "graph" for single-file formats; "nodes", "edges" or "relationships" otherwise. */
  name: string;
  filename: string;
  mediaType: string;
  /** The file's text in chunks of about 64 KB, written as they are asked for; each call starts over. */
  chunks(): Iterable<string>;
}

/**
 * An export ready to be written: names, media types and counts are known, the text is not written
 * until a caller iterates a part's chunks, so nothing holds a whole file unless a caller asks for it.
 */
export interface ExportResult {
  format: ExportFormatSpec;
  /** The file to offer: the single file, or for multi-file formats the ZIP holding the parts. */
  filename: string;
  mediaType: string;
  parts: ExportedPart[];
  nodeCount: number;
  relationCount: number;
  /** YYYY-MM-DD: when the graph data last changed; used as the files' modification time. */
  modified: string;
}

export const ZIP_MEDIA_TYPE = "application/zip";

/** peacegraph for the whole graph, peacegraph-<first id> for a neighbourhood. Ids are [a-z0-9-]. */
export const exportBaseName = (ids?: readonly string[] | null) =>
  ids && ids.length > 0 ? `peacegraph-${ids[0]}` : "peacegraph";

/** Prepares a subgraph's export in one format. Multi-file parts are named <base>.<part>.<ext>. */
export function exportSubgraph(
  store: ExportStore,
  subgraph: Subgraph,
  format: ExportFormatSpec,
  limits: ExportLimits,
  baseName = "peacegraph",
): ExportResult {
  checkExportSize(subgraph, limits);
  const document = buildExportDocument(store, subgraph);
  const multiFile = format.parts.length > 1;
  const parts = format.parts.map((part): ExportedPart => ({
    name: part.name,
    filename: multiFile ? `${baseName}.${part.name}.${part.extension}` : `${baseName}.${part.extension}`,
    mediaType: part.mediaType,
    chunks: () => chunked(part.write(document)),
  }));
  return {
    format,
    filename: multiFile ? `${baseName}.${format.id}.zip` : parts[0]!.filename,
    mediaType: multiFile ? ZIP_MEDIA_TYPE : parts[0]!.mediaType,
    parts,
    nodeCount: document.nodeCount,
    relationCount: document.relationCount,
    modified: document.modified,
  };
}

/** A part's whole text: for small exports and tests; servers stream the chunks instead. */
export const partText = (part: ExportedPart) => joinChunks(part.chunks());

/** The parts of a multi-file export as one stored ZIP, in chunks (see zip.ts). */
export function exportZipChunks(result: ExportResult, sliceMs: number): AsyncGenerator<Buffer> {
  const entries: ZipEntry[] = result.parts.map((part) => ({ name: part.filename, chunks: part.chunks }));
  return zipChunks(entries, new Date(`${result.modified}T00:00:00Z`), sliceMs);
}

/** The bytes a client downloads for an export: the single file, or the ZIP of the parts. */
export function exportBody(result: ExportResult, sliceMs: number): AsyncIterable<string | Buffer> {
  if (result.parts.length > 1) return exportZipChunks(result, sliceMs);
  return paced(result.parts[0]!.chunks(), sliceMs);
}
