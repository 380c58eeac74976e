import { columnObject, EDGE_COLUMNS, NODE_COLUMNS } from "../columns.ts";
import type { ExportDocument } from "../document.ts";
import { jsonArray, jsonObject, streamed } from "./json-stream.ts";

/**
 * Cytoscape.js elements JSON (also what Cytoscape desktop imports as "Cytoscape.js JSON"). Node ids
 * are entity ids and edge ids are relation ids, which always contain "--" and entity ids never do,
 * so ids are unique across nodes and edges as Cytoscape requires. `name` repeats the label because
 * Cytoscape desktop labels nodes by it; positions are the viewer's layout.
 */
export function writeCytoscapeJson(document: ExportDocument): Iterable<string> {
  const nodes = streamed(() =>
    jsonArray(document.nodes(), (node) => ({
      data: { id: node.id, name: node.label, ...columnObject(NODE_COLUMNS, node) },
      position: { x: node.x, y: node.y },
    })),
  );
  const edges = streamed(() =>
    jsonArray(document.relations(), (edge) => ({
      data: {
        id: edge.id,
        source: edge.source,
        target: edge.target,
        ...columnObject(EDGE_COLUMNS, edge),
        claims: edge.claims,
      },
    })),
  );
  return jsonObject([
    ["format_version", "1.0"],
    ["generated_by", document.title],
    ["target_cytoscapejs_version", "~3"],
    [
      "data",
      {
        name: document.title,
        description: document.description,
        modified: document.modified,
        sources: document.sources,
      },
    ],
    [
      "elements",
      streamed(() =>
        jsonObject([
          ["nodes", nodes],
          ["edges", edges],
        ]),
      ),
    ],
  ]);
}
