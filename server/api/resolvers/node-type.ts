import type { Conflict, NodeAttributes, Relation } from "../../graph/types.ts";
import type { Claim, Source } from "../../model/types.ts";
import type { GraphStore } from "../context.ts";

export type NodeObject = NodeAttributes | Relation | Claim | Source;
const ENTITY_TYPE = { actor: "Actor", event: "Event", place: "Place" } as const;

/** The GraphQL type of a server object, read from its shape. */
export function graphqlTypeOf(
  node: NodeObject,
): "Actor" | "Event" | "Place" | "Relation" | "Claim" | "Source" {
  if ("aliases" in node) return ENTITY_TYPE[node.kind];
  if ("corroboration" in node) return "Relation";
  if ("form" in node) return "Claim";
  return "Source";
}

/** Any object by id: entity, relation, claim or source; null when unknown. */
export function findNode(store: GraphStore, id: string): NodeObject | null {
  const { knowledge } = store;
  if (knowledge.graph.hasNode(id)) return knowledge.graph.getNodeAttributes(id);
  return (
    knowledge.relations.get(id) ?? knowledge.claimsById.get(id) ?? knowledge.model.sources.get(id) ?? null
  );
}

/** The node or relation a conflict is about. */
export function conflictTarget(store: GraphStore, conflict: Conflict): NodeObject {
  const target = findNode(store, conflict.target.id);
  if (!target) throw new Error(`conflict ${conflict.id} points at a missing ${conflict.target.kind}`);
  return target;
}
