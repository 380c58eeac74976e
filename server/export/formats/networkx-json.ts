import { columnObject, EDGE_COLUMNS, NODE_COLUMNS } from "../columns.ts";
import type { ExportDocument, ExportRelation } from "../document.ts";
import { jsonArray, jsonObject, streamed } from "./json-stream.ts";

/**
 * NetworkX node-link JSON for a MultiDiGraph. The edge list is written twice, under "links" (what
 * node_link_graph reads before NetworkX 3.6, including Debian's 2.8) and "edges" (its default from
 * 3.6), so every version reads the file with no arguments. Each edge's key is the relation id; its
 * claims come as a list of objects with quote, source, URL and confidence.
 */
const edgeJson = (edge: ExportRelation) => ({
  source: edge.source,
  target: edge.target,
  key: edge.id,
  id: edge.id,
  ...columnObject(EDGE_COLUMNS, edge),
  claims: edge.claims,
});

export function writeNetworkxJson(document: ExportDocument): Iterable<string> {
  const edges = streamed(() => jsonArray(document.relations(), edgeJson));
  return jsonObject([
    ["directed", true],
    ["multigraph", true],
    [
      "graph",
      {
        name: document.title,
        description: document.description,
        modified: document.modified,
        sources: document.sources,
      },
    ],
    [
      "nodes",
      streamed(() =>
        jsonArray(document.nodes(), (node) => ({ id: node.id, ...columnObject(NODE_COLUMNS, node) })),
      ),
    ],
    ["links", edges],
    ["edges", edges],
  ]);
}
