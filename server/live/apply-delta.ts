import type { GraphStore } from "../api/context.ts";
import { applyChanges, type ModelDelta } from "../graph/apply.ts";
import { placeNodes } from "../layout/place-nodes.ts";
import { updateRelationIndexes } from "../query/index-update.ts";

const bump = (counts: Map<string, number>, key: string, by: number) => {
  const count = (counts.get(key) ?? 0) + by;
  if (count > 0) counts.set(key, count);
  else counts.delete(key);
};

/**
 * Applies a committed delta to the graph the API serves, in place: the graph and what derives from
 * it (server/graph/apply.ts), then the indexes beside it, each only where the delta touched it:
 * search entries, relations by type, date and source and hubs' kept orders
 * (server/query/index-update.ts), counts by type and source, conflicts by target, and positions for new nodes
 * (placed near their neighbours; everyone else stays where the analyst saw them).
 */
export function applyDelta(store: GraphStore, delta: ModelDelta): { relations: string[] } {
  const { knowledge } = store;
  const { change, effect } = applyChanges(knowledge, delta);

  store.search.remove(new Set(change.entitiesBefore.map((entity) => entity.id)));
  for (const entity of change.entitiesPut) store.search.add(entity);
  for (const entity of change.entitiesBefore) bump(store.nodeTypeCounts, entity.type, -1);
  for (const entity of change.entitiesPut) bump(store.nodeTypeCounts, entity.type, 1);
  for (const claim of change.claimsBefore) {
    const list = store.claimsBySource.get(claim.source);
    const index = list?.indexOf(claim) ?? -1;
    if (index >= 0) list!.splice(index, 1);
    if (list?.length === 0) store.claimsBySource.delete(claim.source);
    if (claim.status === "extracted") bump(store.pendingBySource, claim.source, -1);
  }
  for (const claim of change.claimsAdded) {
    const list = store.claimsBySource.get(claim.source);
    if (list) list.push(claim);
    else store.claimsBySource.set(claim.source, [claim]);
    if (claim.status === "extracted") bump(store.pendingBySource, claim.source, 1);
  }
  for (const relation of effect.relationsRemoved) bump(store.relationTypeCounts, relation.type, -1);
  for (const relation of effect.relationsAdded) bump(store.relationTypeCounts, relation.type, 1);
  for (const [target, conflicts] of effect.conflicts) {
    if (conflicts.length > 0) store.conflictsByTarget.set(target, conflicts);
    else store.conflictsByTarget.delete(target);
  }
  updateRelationIndexes(store.relationIndex, store.relationOrders, {
    claimsBefore: change.claimsBefore,
    claimsAdded: change.claimsAdded,
    relationsAdded: effect.relationsAdded,
    relationsChanged: effect.relationsChanged,
    relationsRemoved: effect.relationsRemoved,
  });
  for (const id of effect.nodesRemoved) store.positions.delete(id);
  placeNodes(knowledge.graph, store.positions, effect.nodesAdded);

  const relations = [...effect.relationsAdded, ...effect.relationsChanged, ...effect.relationsRemoved];
  return { relations: relations.map((relation) => relation.id) };
}
