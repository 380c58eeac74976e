import { createHash } from "node:crypto";
import type { Extractor } from "../ingest/extract.ts";
import type { LiveGraph } from "../live/live-graph.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { ChangeSet, CommitResult, JournalEntry, ReviewDecision, Store } from "../store/types.ts";
import { checkNote, type PlanContext } from "./plan-context.ts";
import { planEditClaim, type ClaimEdit } from "./plan-edit.ts";
import { planIngest, type ArticleInput } from "./plan-ingest.ts";
import { planMergeEntity } from "./plan-merge.ts";
import { planReviewClaim, planReviewEntity } from "./plan-review.ts";
import { planUndo } from "./plan-undo.ts";

/** Who asks, and how to recognise a retry. */
export interface WriteRequest {
  author: string;
  idempotencyKey?: string | null;
}

export interface WriteLimits {
  maxArticleChars: number;
  maxNoteChars: number;
  maxQuoteChars: number;
  maxIdempotencyKeyChars: number;
}

/** A fingerprint of a mutation and its arguments: a key reused for a different request is refused. */
export const requestFingerprint = (operation: string, args: unknown) =>
  createHash("sha256")
    .update(JSON.stringify([operation, args]))
    .digest("hex")
    .slice(0, 32);

/**
 * Every write, in one place: plan it against the graph as it stands, commit it to the store, and
 * answer once the store has made it durable and the graph shows it. Writes are planned and committed
 * one at a time, so each is planned against the state its predecessor left; a retried idempotency
 * key is answered from the journal before anything is planned.
 */
export class WriteService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly live: LiveGraph,
    readonly limits: WriteLimits,
    /** The extractor articles are read with; without one, ingestSource is refused. */
    private readonly articles?: { get(): Promise<Extractor> },
  ) {}

  get writable(): boolean {
    return this.store.writable;
  }

  private context(): PlanContext {
    return { knowledge: this.live.current.knowledge, journal: this.live.journal };
  }

  private run(
    request: WriteRequest,
    fingerprint: string,
    plan: (context: PlanContext) => ChangeSet | Promise<ChangeSet>,
  ): Promise<CommitResult> {
    const key = request.idempotencyKey ?? null;
    if (
      key !== null &&
      (key.length === 0 || key.length > this.limits.maxIdempotencyKeyChars || /[^\x21-\x7e]/.test(key))
    )
      throw new InvalidArgument(
        "idempotencyKey",
        `must be 1 to ${this.limits.maxIdempotencyKeyChars} visible ASCII characters, such as a UUID`,
      );
    const task = async (): Promise<CommitResult> => {
      if (key !== null) {
        const entry = await this.store.replay(key, fingerprint);
        if (entry) return { entry, replayed: true };
      }
      const changeSet = await plan(this.context());
      const result = await this.store.commit(changeSet, {
        author: request.author,
        idempotencyKey: key,
        request: fingerprint,
      });
      // Stores deliver commits to the graph before they resolve; check, since answers must show the write.
      if (!result.replayed && this.live.position < result.entry.position)
        throw new Error(`change ${result.entry.id} was committed but the graph has not applied it`);
      return result;
    };
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Reads an article and stores it with what the extractor proposes, all awaiting review. */
  ingestSource(request: WriteRequest, input: ArticleInput) {
    const { articles } = this;
    if (!articles) throw new InvalidArgument("input", "this server has no extractor to read articles with");
    const today = new Date().toISOString().slice(0, 10);
    return this.run(request, requestFingerprint("ingestSource", input), async () => {
      const extractor = await articles.get();
      return planIngest(input, extractor, this.limits, today).changeSet;
    });
  }

  reviewClaim(request: WriteRequest, id: string, decision: ReviewDecision, note?: string | null) {
    const text = checkNote(note, this.limits.maxNoteChars);
    return this.run(request, requestFingerprint("reviewClaim", { id, decision, note: text }), (context) =>
      planReviewClaim(context, id, decision, text),
    );
  }

  editClaim(request: WriteRequest, id: string, edit: ClaimEdit, note?: string | null) {
    const text = checkNote(note, this.limits.maxNoteChars);
    return this.run(request, requestFingerprint("editClaim", { id, edit, note: text }), (context) =>
      planEditClaim(context, id, edit, text, this.limits.maxQuoteChars),
    );
  }

  mergeEntity(request: WriteRequest, id: string, into: string, note?: string | null) {
    const text = checkNote(note, this.limits.maxNoteChars);
    return this.run(request, requestFingerprint("mergeEntity", { id, into, note: text }), (context) =>
      planMergeEntity(context, id, into, text),
    );
  }

  reviewEntity(request: WriteRequest, id: string, decision: ReviewDecision, note?: string | null) {
    const text = checkNote(note, this.limits.maxNoteChars);
    return this.run(request, requestFingerprint("reviewEntity", { id, decision, note: text }), (context) =>
      planReviewEntity(context, id, decision, text),
    );
  }

  undoChange(request: WriteRequest, id: string, note?: string | null) {
    const text = checkNote(note, this.limits.maxNoteChars);
    return this.run(request, requestFingerprint("undoChange", { id, note: text }), async (context) => {
      const summary = context.journal.change(id);
      if (!summary) throw new InvalidArgument("id", `no change "${id}" in the journal`);
      const [entry] = await this.store.changesSince(summary.position - 1, 1);
      if (!entry || entry.id !== id) throw new Error(`journal entry ${summary.position} is not change ${id}`);
      return planUndo(this.context(), entry, text);
    });
  }

  /** A committed entry, read back from the store, for answers that need its full changes. */
  async entry(id: string): Promise<JournalEntry | undefined> {
    const summary = this.live.journal.change(id);
    if (!summary) return undefined;
    const [entry] = await this.store.changesSince(summary.position - 1, 1);
    return entry;
  }
}
