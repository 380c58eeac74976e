import type { DateValue } from "../model/dates.ts";
import type { DurationValue } from "../model/durations.ts";
import type { ExtentValue } from "../model/extents.ts";
import type { Claim, Entity } from "../model/types.ts";
import { propertyValues } from "./conflicts.ts";
import { nodeRecord } from "./records.ts";
import { bestOf } from "./relation.ts";
import type { Conflict, NodeAttributes } from "./types.ts";

/**
 * What one node is, derived from its attribute claims alone (a relation's counterpart is
 * deriveRelation in relation.ts). A full build and an incremental update both call these, so the
 * two can never disagree about a derivation.
 */

export { deriveRelation, eventDateReader } from "./relation.ts";

/** Hedged and negated attribute claims are kept and shown, but give a node no value. */
const givesValue = (claim: Claim) => claim.modality === "asserted" || claim.modality === "announced";

/** A node's date, count, duration and extent from its attribute claims, with their conflicts. */
export function deriveNode(entity: Entity, claims: readonly Claim[], conflicts: Conflict[]): NodeAttributes {
  const valued = claims.filter(givesValue);
  const target = { kind: "node" as const, id: entity.id };
  const { dates, counts, durations, extents } = propertyValues(target, valued, conflicts);
  const count = bestOf<number>("count", counts);
  // Built field by field (records.ts): a spread would give every node a hidden class of its own.
  return nodeRecord(entity, {
    date: bestOf<DateValue>("date", dates),
    count: count === null ? null : Number(count),
    duration: bestOf<DurationValue>("duration", durations),
    extent: bestOf<ExtentValue>("extent", extents),
  });
}
