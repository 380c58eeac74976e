import type { GraphModel } from "../model/types.ts";
import { emptyKnowledgeGraph, everything, updateDerived } from "./apply.ts";
import type { KnowledgeGraph } from "./types.ts";

export { relationId, relationOfClaim } from "./relation-id.ts";

function tightenLists<K, V>(map: Map<K, V[]>): void {
  for (const [key, list] of map) map.set(key, list.slice());
}

/**
 * Builds the graph and everything derived from the claims: relations with their corroboration,
 * node dates, and conflicts. The model is the only input; nothing here is read from files. A build
 * is every record applied to an empty graph (server/graph/apply.ts), the same derivation a running
 * server applies a change set with.
 */
export function buildKnowledgeGraph(model: GraphModel): KnowledgeGraph {
  const knowledge = emptyKnowledgeGraph(model);
  updateDerived(knowledge, everything(model));
  // Lists grown by push keep up to half their length spare: after a bulk build, copied tight.
  tightenLists(knowledge.incident);
  tightenLists(knowledge.attributeClaims);
  return knowledge;
}
