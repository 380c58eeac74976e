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
  const relations: Relation[] = [];
  const add = (_key: string, relation: Relation) => {
    if (keep(relation)) relations.push(relation);
  };
  if (direction === "OUTGOING") graph.forEachOutEdge(id, add);
  else if (direction === "INCOMING") graph.forEachInEdge(id, add);
  else for (const relation of knowledge.incident.get(id) ?? []) if (keep(relation)) relations.push(relation);
  return relations;
}
