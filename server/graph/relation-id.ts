import type { GraphModel, RelationClaim } from "../model/types.ts";

/**
 * Relation ids read as `subject--TYPE--object`, plus `--event` when the claims name the event the
 * relation was part of: Azerbaijan took Nagorno-Karabakh in 2020 and again in 2023, two relations.
 * Entity ids never contain "--", so the parts can be read back.
 */
export const relationId = (subject: string, type: string, object: string, event?: string) =>
  // join makes one flat string; a template literal would keep a tree of pieces per id.
  (event ? [subject, type, object, event] : [subject, type, object]).join("--");

/** The relation a relation claim belongs to, and its ends in the relation's order. */
export function relationOfClaim(
  claim: RelationClaim,
  relationTypes: GraphModel["relationTypes"],
): { id: string; subject: string; object: string } {
  // Symmetric relations are one relation whichever party the source names first.
  const symmetric = relationTypes.get(claim.relation)?.symmetric ?? false;
  const swap = symmetric && claim.object < claim.subject;
  const subject = swap ? claim.object : claim.subject;
  const object = swap ? claim.subject : claim.object;
  return { id: relationId(subject, claim.relation, object, claim.qualifiers.event), subject, object };
}
