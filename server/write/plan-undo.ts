import { InvalidArgument } from "../query/invalid-argument.ts";
import type { ChangeSet, JournalEntry, RecordChange } from "../store/types.ts";
import type { PlanContext } from "./plan-context.ts";
import { readClaimRecord, readEntityRecord } from "../model/read-records.ts";
import { claimRecord, entityRecord, sameRecord } from "../model/records.ts";

/**
 * Takes a change set back: each change is inverted (an addition removed, a removal restored, an
 * update reversed), last first. The store refuses it if a record has moved on since, and restored
 * records are checked against the graph as it is now, so an undo never breaks the folder.
 */
export function planUndo(context: PlanContext, entry: JournalEntry, note: string | null): ChangeSet {
  const undoneBy = context.journal.undoneByOf(entry.id);
  if (undoneBy)
    throw new InvalidArgument("id", `change "${entry.id}" was already undone by change "${undoneBy}"`);
  if (entry.action.kind === "ingestSource")
    throw new InvalidArgument("id", "an ingested article is not undone; reject its claims instead");
  const { knowledge } = context;
  const current = (kind: "claim" | "entity", id: string) => {
    if (kind === "claim") {
      const claim = knowledge.claimsById.get(id);
      return claim && claimRecord(claim);
    }
    const entity = knowledge.model.entities.get(id);
    return entity && entityRecord(entity);
  };
  const changes: RecordChange[] = [];
  for (const change of [...entry.changes].reverse()) {
    if (change.kind === "source")
      throw new InvalidArgument("id", "a change that added a source cannot be undone");
    if (change.op !== "remove" && !sameRecord(current(change.kind, change.record.id), change.record))
      throw new InvalidArgument(
        "id",
        `cannot undo: "${change.record.id}" has changed since, by a later change`,
      );
    if (change.op === "add")
      changes.push({ op: "remove", kind: change.kind, previous: change.record, where: change.where });
    else if (change.op === "update")
      changes.push({
        op: "update",
        kind: change.kind,
        previous: change.record,
        record: change.previous,
        where: change.where,
      });
    else {
      const exists =
        change.kind === "claim"
          ? knowledge.claimsById.has(change.previous.id)
          : knowledge.model.entities.has(change.previous.id);
      if (exists) throw new InvalidArgument("id", `cannot undo: "${change.previous.id}" exists again`);
      changes.push({ op: "add", kind: change.kind, record: change.previous });
    }
  }
  // Entities come back before the claims that name them, and go after.
  const scope = {
    model: knowledge.model,
    entities: new Map(),
    removedEntities: new Set(
      changes
        .filter((change) => change.op === "remove" && change.kind === "entity")
        .map((change) => (change as { previous: { id: string } }).previous.id),
    ),
  };
  for (const change of changes) {
    if (change.op === "remove" || change.kind !== "entity") continue;
    const { entity, problems } = readEntityRecord(change.record, scope, "(undo)");
    if (!entity)
      throw new InvalidArgument("id", `cannot undo: ${problems[0]?.message ?? "an entity would not hold"}`);
    scope.entities.set(entity.id, entity);
  }
  for (const change of changes) {
    if (change.op === "remove" || change.kind !== "claim") continue;
    const { problems } = readClaimRecord(change.record, scope, "(undo)");
    if (problems.length > 0)
      throw new InvalidArgument(
        "id",
        `cannot undo: claim "${change.record.id}" would not hold now: ${[problems[0]!.path, problems[0]!.message].filter(Boolean).join(": ")}`,
      );
  }
  return { action: { kind: "undo", change: entry.id, note }, changes };
}
