import type { Subgraph } from "../query/neighborhood.ts";
import { buildExportDocument, type ExportStore } from "./document.ts";
import type { ExportFormatSpec } from "./formats.ts";
import { checkExportSize, type ExportLimits } from "./selection.ts";
import { writeZip } from "./zip.ts";

export interface ExportedPart {
  /** "graph" for single-file formats; "nodes", "edges" or "relationships" otherwise. */
  name: string;
  filename: string;
  mediaType: string;
  content: string;
}

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

/** Writes a subgraph in one format. Multi-file parts are named <base>.<part>.<ext>. */
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
  const parts = format.parts.map((part) => ({
    name: part.name,
    filename: multiFile ? `${baseName}.${part.name}.${part.extension}` : `${baseName}.${part.extension}`,
    mediaType: part.mediaType,
    content: part.write(document),
  }));
  return {
    format,
    filename: multiFile ? `${baseName}.${format.id}.zip` : parts[0]!.filename,
    mediaType: multiFile ? ZIP_MEDIA_TYPE : parts[0]!.mediaType,
    parts,
    nodeCount: document.nodes.length,
    relationCount: document.relations.length,
    modified: document.modified,
  };
}

/** The parts of an export in one stored ZIP. */
export const exportZip = (result: ExportResult) =>
  writeZip(
    result.parts.map((part) => ({ name: part.filename, content: part.content })),
    new Date(`${result.modified}T00:00:00Z`),
  );
