import { DEFAULT_EDGE_CURVATURE, indexParallelEdgesIndex } from "@sigma/edge-curve";
import { MultiDirectedGraph } from "graphology";
import type {
  Dataset,
  EntityRecord,
  Modality,
  NodeKind,
  RelationFamily,
  RelationRecord,
} from "../data/dataset.ts";
import type { NodeLook } from "./appearance.ts";

/**
 * The third link of the chain: the graphology graph sigma draws, with the visual attributes the API
 * chose (position, colour, size). Filters and highlights never touch it; reducers apply them.
 */

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  color: string;
  label: string;
  kind: NodeKind;
  nodeType: string;
}

/** Sigma's program names: arrows for directed relations, plain strokes for symmetric ones. */
export type EdgeProgramName = "arrow" | "line" | "curvedArrow" | "curved";

export interface EdgeAttributes {
  size: number;
  color: string;
  /** The relation type's human label, shown as the edge label. */
  typeLabel: string;
  relationType: string;
  family: RelationFamily;
  modality: Modality;
  symmetric: boolean;
  type: EdgeProgramName;
  curvature: number;
}

interface ParallelIndex {
  parallelIndex?: number | null;
  parallelMinIndex?: number | null;
  parallelMaxIndex?: number | null;
}

export type ViewerGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export function createViewerGraph(): ViewerGraph {
  return new MultiDirectedGraph<NodeAttributes, EdgeAttributes>({ allowSelfLoops: true });
}

/**
 * Adds the nodes in order of degree, least connected first: sigma draws (and picks) in insertion
 * order, so hubs lie on top of the crowd and a pointer over a hub finds the hub.
 */
export function addEntityNodes(
  graph: ViewerGraph,
  entities: Iterable<EntityRecord>,
  degree: ReadonlyMap<string, number>,
  looks: ReadonlyMap<string, NodeLook>,
): void {
  const ordered = [...entities].sort((a, b) => (degree.get(a.id) ?? 0) - (degree.get(b.id) ?? 0));
  for (const entity of ordered) {
    const look = looks.get(entity.id);
    graph.mergeNode(entity.id, {
      x: entity.x,
      y: entity.y,
      size: look?.size ?? 2,
      color: look?.color ?? "#888888",
      label: entity.label,
      kind: entity.kind,
      nodeType: entity.type,
    });
  }
}

/** New sizes and colours (size by, colour by): one pass, one refresh. */
export function applyLooks(graph: ViewerGraph, looks: ReadonlyMap<string, NodeLook>): void {
  graph.updateEachNodeAttributes(
    (node, attributes) => {
      const look = looks.get(node);
      return look ? { ...attributes, size: look.size, color: look.color } : attributes;
    },
    { attributes: ["size", "color"] },
  );
}

/** Relations the sources only announce, hedge or deny are drawn fainter (and marked on the overlay). */
const MODALITY_ALPHA: Record<Modality, string> = {
  asserted: "",
  announced: "aa",
  hedged: "88",
  negated: "66",
};

/** Thicker edges for relations more sources agree on. */
const edgeSize = (corroboration: number) => 1 + Math.min(corroboration - 1, 4) * 0.9;

export function addRelationEdges(graph: ViewerGraph, dataset: Dataset, relations: RelationRecord[]): void {
  for (const relation of relations) {
    if (graph.hasEdge(relation.id)) continue;
    if (!graph.hasNode(relation.subject) || !graph.hasNode(relation.object)) continue;
    const type = dataset.relationTypeById.get(relation.type);
    const symmetric = type?.symmetric ?? false;
    graph.addEdgeWithKey(relation.id, relation.subject, relation.object, {
      size: edgeSize(relation.corroboration),
      color: `${type?.color ?? "#8a8f98"}${MODALITY_ALPHA[relation.modality]}`,
      modality: relation.modality,
      typeLabel: type?.label ?? relation.type,
      relationType: relation.type,
      family: type?.family ?? "structural",
      symmetric,
      type: symmetric ? "line" : "arrow",
      curvature: 0,
    });
  }
}

/** Curvature of the i-th of several parallel edges: spread evenly, flattening as the bundle grows. */
function curvatureOf(index: number, maxIndex: number): number {
  if (maxIndex <= 0) return 0;
  if (index < 0) return -curvatureOf(-index, maxIndex);
  const amplitude = 3.5;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * DEFAULT_EDGE_CURVATURE;
  return (maxCurvature * index) / maxIndex;
}

/**
 * Relations joining the same pair are drawn as separate curves (the graph is a multigraph: Armenia
 * ISSUED and AGREED and COMMITTED_TO the same statement). Runs once, after all relations are in.
 */
export function curveParallelEdges(graph: ViewerGraph): void {
  // Index on a bare copy: indexing the drawn graph would send sigma one update event per edge.
  const skeleton = new MultiDirectedGraph<Record<string, never>, ParallelIndex>({ allowSelfLoops: true });
  graph.forEachNode((node) => skeleton.addNode(node));
  graph.forEachEdge((edge, _attributes, source, target) => skeleton.addEdgeWithKey(edge, source, target));
  indexParallelEdgesIndex(skeleton, {
    edgeIndexAttribute: "parallelIndex",
    edgeMinIndexAttribute: "parallelMinIndex",
    edgeMaxIndexAttribute: "parallelMaxIndex",
  });
  graph.updateEachEdgeAttributes(
    (edge, attributes) => {
      const { parallelIndex: index, parallelMaxIndex: maxIndex } = skeleton.getEdgeAttributes(edge);
      const curved = typeof index === "number" && typeof maxIndex === "number" && index !== 0;
      const type: EdgeProgramName = curved
        ? attributes.symmetric
          ? "curved"
          : "curvedArrow"
        : attributes.symmetric
          ? "line"
          : "arrow";
      return { ...attributes, curvature: curved ? curvatureOf(index, maxIndex) : 0, type };
    },
    // "type" tells sigma the program changes, so it re-indexes rather than repaints in place.
    { attributes: ["type", "curvature"] },
  );
}
