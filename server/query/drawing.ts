import { createHash } from "node:crypto";
import { revisionOf } from "../graph/revision.ts";
import type { KnowledgeGraph } from "../graph/types.ts";
import type { DateValue } from "../model/dates.ts";
import type { Position } from "../layout/layout.ts";

/**
 * The whole graph as the viewer draws it, column by column: item i of every node column describes
 * node i, and likewise for relations. Only what drawing and filtering need: no claims, quotes,
 * descriptions or file locations, which the viewer asks for when something is selected.
 * Types and sources are indexes into small dictionaries, so repeated strings are sent once.
 */
export interface Drawing {
  version: string;
  nodeTypeIds: string[];
  relationTypeIds: string[];
  sourceIds: string[];
  nodeIds: string[];
  nodeLabels: string[];
  nodeTypes: number[];
  nodeX: number[];
  nodeY: number[];
  nodeDateStart: (number | null)[];
  nodeDateEnd: (number | null)[];
  aliases: string[];
  aliasNodes: number[];
  relationIds: string[];
  relationSubjects: number[];
  relationObjects: number[];
  relationTypes: number[];
  relationCorroboration: number[];
  relationDateStart: (number | null)[];
  relationDateEnd: (number | null)[];
  relationSources: number[][];
  relationModality: DrawingModality[];
}

type DrawingModality = "ASSERTED" | "ANNOUNCED" | "HEDGED" | "NEGATED";

const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const startDay = (date: DateValue | null) => (date ? dayOf(date.start) : null);
const endDay = (date: DateValue | null) => (date ? dayOf(date.end) : null);

/** An index per distinct value, in first-seen order. */
function dictionary() {
  const index = new Map<string, number>();
  return {
    values: [] as string[],
    of(value: string): number {
      let i = index.get(value);
      if (i === undefined) {
        i = this.values.length;
        index.set(value, i);
        this.values.push(value);
      }
      return i;
    },
  };
}

/**
 * Node and relation orders are graphology's insertion orders (a change applied in place may add or
 * drop some); the version hashes both, so a view encoded against them (server/export/view-selection.ts) can tell when
 * the graph under it has changed.
 */
export function drawingOrderVersion(knowledge: KnowledgeGraph): string {
  const hash = createHash("sha256");
  knowledge.graph.forEachNode((id) => hash.update(`${id}\n`));
  hash.update("--\n");
  knowledge.graph.forEachEdge((id) => hash.update(`${id}\n`));
  return hash.digest("base64url").slice(0, 16);
}

const cache = new WeakMap<KnowledgeGraph, { revision: number; drawing: Drawing }>();

/** The drawing of a graph, built once per revision (a change applied in place makes a new one). */
export function buildDrawing(knowledge: KnowledgeGraph, positions: ReadonlyMap<string, Position>): Drawing {
  const revision = revisionOf(knowledge);
  const cached = cache.get(knowledge);
  if (cached?.revision === revision) return cached.drawing;
  const { graph } = knowledge;
  const nodeTypes = dictionary();
  const relationTypes = dictionary();
  const sources = dictionary();
  const nodeIndex = new Map<string, number>();
  const drawing: Drawing = {
    version: drawingOrderVersion(knowledge),
    nodeTypeIds: nodeTypes.values,
    relationTypeIds: relationTypes.values,
    sourceIds: sources.values,
    nodeIds: [],
    nodeLabels: [],
    nodeTypes: [],
    nodeX: [],
    nodeY: [],
    nodeDateStart: [],
    nodeDateEnd: [],
    aliases: [],
    aliasNodes: [],
    relationIds: [],
    relationSubjects: [],
    relationObjects: [],
    relationTypes: [],
    relationCorroboration: [],
    relationDateStart: [],
    relationDateEnd: [],
    relationSources: [],
    relationModality: [],
  };
  graph.forEachNode((id, node) => {
    const i = drawing.nodeIds.length;
    nodeIndex.set(id, i);
    const position = positions.get(id) ?? { x: 0, y: 0 };
    drawing.nodeIds.push(id);
    drawing.nodeLabels.push(node.label);
    drawing.nodeTypes.push(nodeTypes.of(node.type));
    drawing.nodeX.push(position.x);
    drawing.nodeY.push(position.y);
    drawing.nodeDateStart.push(startDay(node.date));
    drawing.nodeDateEnd.push(endDay(node.date));
    for (const alias of node.aliases) {
      drawing.aliases.push(alias);
      drawing.aliasNodes.push(i);
    }
  });
  graph.forEachEdge((id, relation) => {
    drawing.relationIds.push(id);
    drawing.relationSubjects.push(nodeIndex.get(relation.subject)!);
    drawing.relationObjects.push(nodeIndex.get(relation.object)!);
    drawing.relationTypes.push(relationTypes.of(relation.type));
    drawing.relationCorroboration.push(relation.corroboration);
    drawing.relationDateStart.push(startDay(relation.date));
    drawing.relationDateEnd.push(endDay(relation.date));
    drawing.relationSources.push(relation.sources.map((source) => sources.of(source)));
    drawing.relationModality.push(relation.modality.toUpperCase() as DrawingModality);
  });
  cache.set(knowledge, { revision, drawing });
  return drawing;
}
