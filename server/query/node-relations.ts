import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import type { RelationPredicate } from "./relation-filter.ts";

export type Direction = "OUTGOING" | "INCOMING" | "BOTH";

/** A node's relations on the given side that pass the predicate. */
export function nodeRelations(
  knowledge: KnowledgeGraph,
  id: string,
  direction: Direction,
  keep: RelationPredicate,
): Relation[] {
  const { graph } = knowledge;
  const keys =
    direction === "OUTGOING"
      ? graph.outEdges(id)
      : direction === "INCOMING"
        ? graph.inEdges(id)
        : graph.edges(id);
  const relations: Relation[] = [];
  for (const key of keys) {
    const relation = graph.getEdgeAttributes(key);
    if (keep(relation)) relations.push(relation);
  }
  return relations;
}
