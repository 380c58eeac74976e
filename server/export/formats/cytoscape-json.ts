import { columnObject, EDGE_COLUMNS, NODE_COLUMNS } from "../columns.ts";
import type { ExportDocument } from "../document.ts";

/**
 * Cytoscape.js elements JSON (also what Cytoscape desktop imports as "Cytoscape.js JSON"). Node ids
 * are entity ids and edge ids are relation ids, which always contain "--" and entity ids never do,
 * so ids are unique across nodes and edges as Cytoscape requires. `name` repeats the label because
 * Cytoscape desktop labels nodes by it; positions are the viewer's layout.
 */
export function writeCytoscapeJson(document: ExportDocument): string {
  return JSON.stringify({
    format_version: "1.0",
    generated_by: document.title,
    target_cytoscapejs_version: "~3",
    data: {
      name: document.title,
      description: document.description,
      modified: document.modified,
      sources: document.sources,
    },
    elements: {
      nodes: document.nodes.map((node) => ({
        data: { id: node.id, name: node.label, ...columnObject(NODE_COLUMNS, node) },
        position: { x: node.x, y: node.y },
      })),
      edges: document.relations.map((edge) => ({
        data: {
          id: edge.id,
          source: edge.source,
          target: edge.target,
          ...columnObject(EDGE_COLUMNS, edge),
          claims: edge.claims,
        },
      })),
    },
  });
}
