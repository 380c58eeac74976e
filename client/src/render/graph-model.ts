import { DEFAULT_EDGE_CURVATURE, indexParallelEdgesIndex } from "@sigma/edge-curve";
import { MultiDirectedGraph } from "graphology";
import type { Dataset, EntityRecord, NodeKind, RelationFamily, RelationRecord } from "../data/dataset.ts";

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

export function addEntityNodes(graph: ViewerGraph, entities: Iterable<EntityRecord>): void {
  for (const entity of entities) {
    graph.mergeNode(entity.id, {
      x: entity.x,
      y: entity.y,
      size: entity.size,
      color: entity.color,
      label: entity.label,
      kind: entity.kind,
      nodeType: entity.type,
    });
  }
}

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
      color: type?.color ?? "#8a8f98",
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
