import { claimRecord, entityRecord } from "../model/records.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { ChangeSet, RecordChange } from "../store/types.ts";
import { readClaimRecord } from "../model/read-records.ts";
import { claimsNaming, findEntity, isProposed, type PlanContext } from "./plan-context.ts";

const article = (word: string) => (/^[aeiou]/.test(word) ? "an" : "a");

function renamed(record: Record<string, unknown>, from: string, into: string): Record<string, unknown> {
  const swap = (value: unknown) => (value === from ? into : value);
  const next: Record<string, unknown> = { ...record };
  for (const field of ["subject", "object", "attributedTo"])
    if (field in next) next[field] = swap(next[field]);
  if (next.qualifiers && typeof next.qualifiers === "object") {
    const qualifiers = { ...(next.qualifiers as Record<string, unknown>) };
    for (const field of ["place", "event"])
      if (field in qualifiers) qualifiers[field] = swap(qualifiers[field]);
    next.qualifiers = qualifiers;
  }
  return next;
}

/**
 * Merges a proposed entity into an existing one: every claim that names it names the existing
 * entity instead, and the proposal goes. Each rewritten claim must still hold (a relation's domain
 * and range, no relation of an entity to itself), or nothing is merged.
 */
export function planMergeEntity(
  context: PlanContext,
  id: string,
  into: string,
  note: string | null,
): ChangeSet {
  const entity = findEntity(context, id, "id");
  const target = findEntity(context, into, "into");
  if (!isProposed(entity))
    throw new InvalidArgument("id", `entity "${id}" is not a proposed entity; only proposals are merged`);
  if (id === into) throw new InvalidArgument("into", "an entity cannot be merged into itself");
  if (entity.kind !== target.kind)
    throw new InvalidArgument(
      "into",
      `"${into}" is ${article(target.kind)} ${target.kind}, "${id}" ${article(entity.kind)} ${entity.kind}`,
    );
  const changes: RecordChange[] = [];
  const scope = { model: context.knowledge.model, removedEntities: new Set([id]) };
  for (const claim of claimsNaming(context, id)) {
    const previous = claimRecord(claim);
    const record = renamed(previous, id, into);
    if (record.object !== undefined && record.object === record.subject)
      throw new InvalidArgument("into", `claim "${claim.id}" would then relate "${into}" to itself`);
    const { problems } = readClaimRecord(record, scope, claim.file);
    if (problems.length > 0)
      throw new InvalidArgument(
        "into",
        `claim "${claim.id}" would not hold after the merge: ${[problems[0]!.path, problems[0]!.message].filter(Boolean).join(": ")}`,
      );
    changes.push({
      op: "update",
      kind: "claim",
      previous,
      record: { ...record, id: claim.id },
      where: claim.file,
    });
  }
  changes.push({ op: "remove", kind: "entity", previous: entityRecord(entity), where: entity.file });
  return { action: { kind: "mergeEntity", entity: id, into, note }, changes };
}
