import type {
  ChangeResolvers,
  QueryResolvers,
  ReviewResolvers,
  ReviewSourceResolvers,
  WriteStatusResolvers,
} from "../../generated/graphql.ts";
import type { ChangeSummary, JournalIndex } from "../../live/journal-index.ts";
import type { Claim, Source } from "../../model/types.ts";
import { checkRange } from "../../query/invalid-argument.ts";
import { isProposed } from "../../write/plan-context.ts";
import type { ApiContext } from "../context.ts";
import { withUserInput } from "../errors.ts";

/** The review side of the API: the queue, proposed entities, the journal's changes and reviews. */

const EMPTY_JOURNAL = {
  change: () => undefined,
  historyOf: () => [],
  reviewOf: () => undefined,
  latest: () => [],
};
export const journalOf = (
  context: ApiContext,
): Pick<JournalIndex, "change" | "historyOf" | "reviewOf" | "latest" | "undoneByOf" | "reviewedCountOf"> =>
  context.live?.journal ?? { ...EMPTY_JOURNAL, undoneByOf: () => undefined, reviewedCountOf: () => 0 };

/** Plain code-unit order: ids and ISO dates sort right with it, and it is far cheaper than localeCompare. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byQuote = (a: Claim, b: Claim) => a.quoteStart - b.quoteStart || compare(a.id, b.id);

/** A source's claims, in the order of their quotes in its text. */
export function claimsOfSource(context: ApiContext, sourceId: string): Claim[] {
  return [...(context.claimsBySource.get(sourceId) ?? [])].sort(byQuote);
}

export interface ReviewSourceParent {
  source: Source;
  pending: Claim[];
}

const ACTIONS = {
  ingestSource: "INGEST_SOURCE",
  reviewClaim: "REVIEW_CLAIM",
  editClaim: "EDIT_CLAIM",
  mergeEntity: "MERGE_ENTITY",
  reviewEntity: "REVIEW_ENTITY",
  undo: "UNDO",
} as const;

const decisionOf = (decision: "accept" | "reject") => (decision === "accept" ? "ACCEPT" : "REJECT");

export const reviewQueries: Pick<
  QueryResolvers,
  "reviewQueue" | "proposedEntities" | "changes" | "change" | "writeStatus"
> = {
  reviewQueue: (_root, { first }, context) =>
    withUserInput(() => {
      checkRange("first", first ?? 20, 1, 100);
      const { sources } = context.knowledge.model;
      const waiting = [...context.pendingBySource.keys()].map((id) => sources.get(id)!);
      // Newest first; at a million claims tens of thousands of sources may wait.
      waiting.sort((a, b) => compare(b.added.text, a.added.text) || compare(b.id, a.id));
      return waiting.slice(0, first ?? 20).map((source) => ({
        source,
        pending: claimsOfSource(context, source.id).filter((claim) => claim.status === "extracted"),
      }));
    }),
  proposedEntities: (_root, { first }, context) =>
    withUserInput(() => {
      checkRange("first", first ?? 100, 1, 100);
      const { graph, model } = context.knowledge;
      const proposed = [];
      for (const entity of model.entities.values()) {
        if (!isProposed(entity)) continue;
        proposed.push(graph.getNodeAttributes(entity.id));
        if (proposed.length === (first ?? 100)) break;
      }
      return proposed;
    }),
  changes: (_root, { first, before }, context) =>
    withUserInput(() => {
      checkRange("first", first ?? 20, 1, 100);
      return journalOf(context).latest(first ?? 20, before ?? Infinity) as ChangeSummary[];
    }),
  change: (_root, { id }, context) => journalOf(context).change(id) ?? null,
  writeStatus: () => ({}),
};

export const ReviewSource: ReviewSourceResolvers = {
  pendingCount: (parent) => parent.pending.length,
  reviewedCount: (parent, _args, context) => journalOf(context).reviewedCountOf(parent.source.id),
};

export const Review: ReviewResolvers = {
  decision: (review) => decisionOf(review.decision),
  change: (review, _args, context) => {
    const change = journalOf(context).change(review.change);
    if (!change) throw new Error(`review points at a missing change ${review.change}`);
    return change;
  },
};

export const Change: ChangeResolvers = {
  action: (change) => ACTIONS[change.action.kind],
  decision: (change) =>
    change.action.kind === "reviewClaim" || change.action.kind === "reviewEntity"
      ? decisionOf(change.action.decision)
      : null,
  note: (change) => ("note" in change.action ? change.action.note : null),
  claims: (change) => change.touched.claim,
  entities: (change) => change.touched.entity,
  sources: (change) => change.touched.source,
  undoes: (change, _args, context) =>
    change.action.kind === "undo" ? (journalOf(context).change(change.action.change) ?? null) : null,
  undoneBy: (change, _args, context) => {
    const journal = journalOf(context);
    const id = journal.undoneByOf(change.id);
    return id ? (journal.change(id) ?? null) : null;
  },
};

export const WriteStatus: WriteStatusResolvers = {
  writable: (_status, _args, { writes, writeRefusal }) => Boolean(writes?.writable && !writeRefusal),
  store: (_status, _args, { storeStatus }) => storeStatus?.().kind ?? "none",
  position: (_status, _args, context) => context.live?.position ?? 0,
  problems: (_status, _args, context) =>
    (context.live?.problems ?? []).map(
      (problem) => `${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`,
    ),
  recovered: (_status, _args, { storeStatus }) => storeStatus?.().recovered ?? [],
  limits: (_status, _args, { writeLimits }) =>
    writeLimits ?? { maxArticleChars: 0, maxNoteChars: 0, maxQuoteChars: 0, mutationsPerMinute: 0 },
};

/** Claim fields from the journal and the conflicts. */
export const claimReviewFields = {
  review: (claim: Claim, _args: unknown, context: ApiContext) =>
    journalOf(context).reviewOf(claim.id) ?? null,
  history: (claim: Claim, _args: unknown, context: ApiContext) => [...journalOf(context).historyOf(claim.id)],
  conflicts: (claim: Claim, _args: unknown, context: ApiContext) => {
    const { knowledge, conflictsByTarget, relationOfClaim } = context;
    const targets = [claim.subject];
    const relation = relationOfClaim.get(claim.id);
    if (relation) targets.push(relation);
    return targets
      .flatMap((target) => conflictsByTarget.get(target) ?? [])
      .filter((conflict) =>
        conflict.values.some((value) => value.claims.some((other) => other.id === claim.id)),
      )
      .filter(() => knowledge.claimsById.has(claim.id));
  },
};
