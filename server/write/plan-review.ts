import { claimRecord, entityRecord } from "../model/records.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { ChangeSet, RecordChange, ReviewDecision } from "../store/types.ts";
import { claimsNaming, findClaim, findEntity, isProposed, type PlanContext } from "./plan-context.ts";

/**
 * Review decisions. Accepting a claim makes it curated (who and when are in the journal); rejecting
 * takes it out of the graph, while the journal keeps it, so the same candidate is not proposed
 * again and an undo can bring it back.
 */
export function planReviewClaim(
  context: PlanContext,
  id: string,
  decision: ReviewDecision,
  note: string | null,
): ChangeSet {
  const claim = findClaim(context, id);
  const previous = claimRecord(claim);
  if (decision === "accept" && claim.status === "curated")
    throw new InvalidArgument("id", `claim "${id}" is already curated`);
  const change: RecordChange =
    decision === "accept"
      ? {
          op: "update",
          kind: "claim",
          previous,
          record: { ...previous, status: "curated" },
          where: claim.file,
        }
      : { op: "remove", kind: "claim", previous, where: claim.file };
  return { action: { kind: "reviewClaim", claim: id, decision, note }, changes: [change] };
}

/**
 * A proposed entity accepted becomes curated; rejected, it leaves the graph with every claim that
 * names it, since none of them can stand without it.
 */
export function planReviewEntity(
  context: PlanContext,
  id: string,
  decision: ReviewDecision,
  note: string | null,
): ChangeSet {
  const entity = findEntity(context, id, "id");
  if (!isProposed(entity))
    throw new InvalidArgument("id", `entity "${id}" is not a proposed entity awaiting review`);
  const previous = entityRecord(entity);
  const changes: RecordChange[] = [];
  if (decision === "accept") {
    changes.push({
      op: "update",
      kind: "entity",
      previous,
      record: { ...previous, status: "curated" },
      where: entity.file,
    });
  } else {
    for (const claim of claimsNaming(context, id))
      changes.push({ op: "remove", kind: "claim", previous: claimRecord(claim), where: claim.file });
    changes.push({ op: "remove", kind: "entity", previous, where: entity.file });
  }
  return { action: { kind: "reviewEntity", entity: id, decision, note }, changes };
}
