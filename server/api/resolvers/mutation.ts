import type { MutationResolvers } from "../../generated/graphql.ts";
import type { ChangeSummary } from "../../live/journal-index.ts";
import { readClaimRecord } from "../../model/read-records.ts";
import type { Claim } from "../../model/types.ts";
import type { JournalEntry, ReviewDecision } from "../../store/types.ts";
import type { WriteRequest, WriteService } from "../../write/write-service.ts";
import type { ApiContext } from "../context.ts";
import { withWriteErrors } from "../errors.ts";

/** The write service and who asks; the write guard (write-guard.ts) has checked both already. */
function writer(
  context: ApiContext,
  idempotencyKey: string | null | undefined,
): { writes: WriteService; request: WriteRequest } {
  const { writes, principal } = context;
  if (!writes || !principal?.author)
    throw new Error("a mutation reached its resolver without the write guard");
  return { writes, request: { author: principal.author, idempotencyKey } };
}

const decision = (value: "ACCEPT" | "REJECT"): ReviewDecision => (value === "ACCEPT" ? "accept" : "reject");

/**
 * A claim as the change left it: from the graph when it is there, else (rejected) from the record
 * the journal kept, read against the graph as it stands.
 */
function claimAfter(context: ApiContext, entry: JournalEntry, id: string): Claim {
  const current = context.knowledge.claimsById.get(id);
  if (current) return current;
  for (const change of entry.changes) {
    if (change.kind !== "claim") continue;
    const record = change.op === "remove" ? change.previous : change.record;
    if (record.id !== id) continue;
    const { claim } = readClaimRecord(
      record,
      { model: context.knowledge.model },
      change.where ?? "(journal)",
    );
    if (claim) return claim;
  }
  throw new Error(`claim ${id} is neither in the graph nor readable from change ${entry.id}`);
}

function summaryOf(context: ApiContext, entry: JournalEntry): ChangeSummary {
  const summary = context.live?.journal.change(entry.id);
  if (!summary) throw new Error(`change ${entry.id} is not in the journal index`);
  return summary;
}

/** The records a change set added, of one kind. */
const added = (entry: JournalEntry, kind: "entity" | "claim") =>
  entry.changes.flatMap((change) => (change.op === "add" && change.kind === kind ? [change.record.id] : []));

export const Mutation: MutationResolvers = {
  ingestSource: (_root, args, context) =>
    withWriteErrors(async () => {
      const { writes, request } = writer(context, args.idempotencyKey);
      const { entry } = await writes.ingestSource(request, args.input);
      if (entry.action.kind !== "ingestSource") throw new Error(`change ${entry.id} is not an ingestion`);
      const { knowledge } = context;
      const source = knowledge.model.sources.get(entry.action.source);
      if (!source) throw new Error(`source ${entry.action.source} is not in the graph after its change`);
      return {
        source,
        claims: added(entry, "claim").flatMap((id) => knowledge.claimsById.get(id) ?? []),
        proposedEntities: added(entry, "entity").flatMap((id) =>
          knowledge.graph.hasNode(id) ? [knowledge.graph.getNodeAttributes(id)] : [],
        ),
        change: summaryOf(context, entry),
      };
    }),
  reviewClaim: (_root, args, context) =>
    withWriteErrors(async () => {
      const { writes, request } = writer(context, args.idempotencyKey);
      const { entry } = await writes.reviewClaim(request, args.id, decision(args.decision), args.note);
      return claimAfter(context, entry, args.id);
    }),
  editClaim: (_root, args, context) =>
    withWriteErrors(async () => {
      const { writes, request } = writer(context, args.idempotencyKey);
      const { entry } = await writes.editClaim(request, args.id, args.edit, args.note);
      return claimAfter(context, entry, args.id);
    }),
  mergeEntity: (_root, args, context) =>
    withWriteErrors(async () => {
      const { writes, request } = writer(context, args.idempotencyKey);
      await writes.mergeEntity(request, args.id, args.into, args.note);
      return context.knowledge.graph.getNodeAttributes(args.into);
    }),
  reviewEntity: (_root, args, context) =>
    withWriteErrors(async () => {
      const { writes, request } = writer(context, args.idempotencyKey);
      const { entry } = await writes.reviewEntity(request, args.id, decision(args.decision), args.note);
      return summaryOf(context, entry);
    }),
  undoChange: (_root, args, context) =>
    withWriteErrors(async () => {
      const { writes, request } = writer(context, args.idempotencyKey);
      const { entry } = await writes.undoChange(request, args.id, args.note);
      return summaryOf(context, entry);
    }),
};
