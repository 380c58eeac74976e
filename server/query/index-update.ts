import type { Relation } from "../graph/types.ts";
import type { Claim } from "../model/types.ts";
import type { RelationOrders } from "./node-relations-page.ts";
import type { RelationIndex } from "./relation-index.ts";

/** What a committed change did to the graph, as far as the relation indexes care. */
export interface RelationChanges {
  /** Claims taken out or replaced (their old versions). */
  claimsBefore: readonly Claim[];
  /** Claims put in (new, or new versions of replaced ones). */
  claimsAdded: readonly Claim[];
  relationsAdded: readonly Relation[];
  /** Relations whose claims or derived values changed in place (same object, same id). */
  relationsChanged: readonly Relation[];
  relationsRemoved: readonly Relation[];
}

/**
 * Brings the relation indexes up to date after a change, touching only what it touched: the
 * per-type lists follow the relations that appeared, changed and disappeared, the per-source lists follow
 * the claims, and the kept sorted orders of every node at an end of a touched relation are dropped
 * (a changed date or corroboration moves a relation within them).
 */
export function updateRelationIndexes(
  index: RelationIndex,
  orders: RelationOrders,
  changes: RelationChanges,
): void {
  for (const claim of changes.claimsBefore) index.removeClaim(claim);
  for (const claim of changes.claimsAdded) index.addClaim(claim);
  for (const relation of changes.relationsRemoved) index.removeRelation(relation);
  for (const relation of changes.relationsAdded) index.addRelation(relation);
  // A relation changed in place may have a new date: it moves within its type's list.
  for (const relation of changes.relationsChanged) index.moveRelation(relation);
  const touched = new Set<string>();
  for (const list of [changes.relationsAdded, changes.relationsChanged, changes.relationsRemoved]) {
    for (const relation of list) {
      touched.add(relation.subject);
      touched.add(relation.object);
    }
  }
  orders.invalidate(touched);
}
