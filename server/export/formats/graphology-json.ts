import type { NodeAttributes, Relation } from "../../graph/types.ts";
import type { ExportDocument } from "../document.ts";
import { jsonArray, jsonObject, streamed } from "./json-stream.ts";

/**
 * graphology's own serialisation (what graph.export() returns and Graph.from() reads): the loader's
 * node and relation objects, so nothing of the graph is lost, less where they were read from (file
 * and line: server paths are not the reader's business). Nodes also get x, y, size and color, the
 * attributes sigma draws, so the file opens in a sigma viewer as the app shows it.
 */

type WithoutLocation<T> = Omit<T, "file" | "line">;
export type ExportedNodeAttributes = WithoutLocation<NodeAttributes> & {
  x: number;
  y: number;
  size: number;
  color: string;
};
export type ExportedRelation = Omit<Relation, "claims"> & {
  claims: WithoutLocation<Relation["claims"][number]>[];
};

function withoutLocation<T extends { file: string; line: number | undefined }>(item: T): WithoutLocation<T> {
  const { file: _file, line: _line, ...rest } = item;
  return rest;
}

export function writeGraphologyJson(document: ExportDocument): Iterable<string> {
  return jsonObject([
    ["options", { type: "directed", multi: true, allowSelfLoops: true }],
    [
      "attributes",
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
        jsonArray(document.nodes(), (node) => ({
          key: node.id,
          attributes: {
            ...withoutLocation(node.attributes),
            x: node.x,
            y: node.y,
            size: node.size,
            color: node.color,
          } satisfies ExportedNodeAttributes,
        })),
      ),
    ],
    [
      "edges",
      streamed(() =>
        jsonArray(document.relations(), (edge) => ({
          key: edge.id,
          source: edge.source,
          target: edge.target,
          attributes: {
            ...edge.relation,
            claims: edge.relation.claims.map(withoutLocation),
          } satisfies ExportedRelation,
        })),
      ),
    ],
  ]);
}
