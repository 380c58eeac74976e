import type { SerializedGraph } from "graphology-types";
import type { NodeAttributes, Relation } from "../../graph/types.ts";
import type { ExportDocument } from "../document.ts";

/**
 * graphology's own serialisation (what graph.export() returns and Graph.from() reads): the loader's
 * node and relation objects, unchanged, so nothing is lost. Nodes also get x, y, size and color,
 * the attributes sigma draws, so the file opens in a sigma viewer as the app shows it.
 */

export type ExportedNodeAttributes = NodeAttributes & { x: number; y: number; size: number; color: string };

export function graphologyExport(
  document: ExportDocument,
): SerializedGraph<ExportedNodeAttributes, Relation, Record<string, unknown>> {
  return {
    options: { type: "directed", multi: true, allowSelfLoops: true },
    attributes: {
      name: document.title,
      description: document.description,
      modified: document.modified,
      sources: document.sources,
    },
    nodes: document.nodes.map((node) => ({
      key: node.id,
      attributes: { ...node.attributes, x: node.x, y: node.y, size: node.size, color: node.color },
    })),
    edges: document.relations.map((edge) => ({
      key: edge.id,
      source: edge.source,
      target: edge.target,
      attributes: edge.relation,
    })),
  };
}

export const writeGraphologyJson = (document: ExportDocument) => JSON.stringify(graphologyExport(document));
