import { touchedIds } from "../store/journal-format.ts";
import type { Action, JournalEntry, ReviewDecision } from "../store/types.ts";

/**
 * What the journal says about each record, derived from its entries: who reviewed a claim and
 * when, the history of every record, which change undid which, and the candidates analysts have
 * rejected (so the extractor never proposes them again). Full entries stay in the store; this keeps
 * a summary of each, small enough for a long journal.
 */
export interface ChangeSummary {
  id: string;
  position: number;
  time: string;
  author: string;
  action: Action;
  touched: ReturnType<typeof touchedIds>;
}

export interface ReviewRecord {
  decision: ReviewDecision;
  author: string;
  time: string;
  note: string | null;
  change: string;
}

/** A rejected candidate, as far as a later extraction could propose it again. */
export function candidateKey(record: Record<string, unknown>): string {
  const parts = [
    record.subject,
    record.relation ?? record.property,
    record.object ?? record.value,
    record.quote,
  ];
  return parts.map((part) => String(part ?? "")).join("\u0000");
}

export class JournalIndex {
  private readonly byId = new Map<string, ChangeSummary>();
  private readonly order: ChangeSummary[] = [];
  private readonly history = new Map<string, ChangeSummary[]>();
  private readonly reviews = new Map<string, ReviewRecord>();
  private readonly undoneBy = new Map<string, string>();
  private readonly rejected = new Set<string>();
  /** Claims reviewed through the API, by the source they cite. */
  private readonly reviewedBySource = new Map<string, Set<string>>();

  constructor(entries: Iterable<JournalEntry> = []) {
    for (const entry of entries) this.add(entry);
  }

  get position(): number {
    return this.order.at(-1)?.position ?? 0;
  }

  add(entry: JournalEntry): void {
    const summary: ChangeSummary = {
      id: entry.id,
      position: entry.position,
      time: entry.time,
      author: entry.author,
      action: entry.action,
      touched: touchedIds(entry),
    };
    this.byId.set(entry.id, summary);
    this.order.push(summary);
    for (const ids of Object.values(summary.touched)) {
      for (const id of ids) {
        const list = this.history.get(id);
        if (list) list.push(summary);
        else this.history.set(id, [summary]);
      }
    }
    const { action } = entry;
    if (action.kind === "reviewClaim") {
      const source = entry.changes.map(
        (change) => (change.op === "add" ? change.record : change.previous).source,
      )[0];
      if (typeof source === "string") {
        const reviewed = this.reviewedBySource.get(source) ?? new Set<string>();
        reviewed.add(action.claim);
        this.reviewedBySource.set(source, reviewed);
      }
      this.reviews.set(action.claim, {
        decision: action.decision,
        author: entry.author,
        time: entry.time,
        note: action.note,
        change: entry.id,
      });
      if (action.decision === "reject") {
        for (const change of entry.changes)
          if (change.op === "remove" && change.kind === "claim")
            this.rejected.add(candidateKey(change.previous));
      }
    } else if (action.kind === "undo") {
      this.undoneBy.set(action.change, entry.id);
      const undone = this.byId.get(action.change);
      // Undoing a review takes the decision back.
      if (
        undone?.action.kind === "reviewClaim" &&
        this.reviews.get(undone.action.claim)?.change === undone.id
      ) {
        this.reviews.delete(undone.action.claim);
        for (const reviewed of this.reviewedBySource.values()) reviewed.delete(undone.action.claim);
      }
      if (undone?.action.kind === "reviewClaim" && undone.action.decision === "reject") {
        for (const change of entry.changes)
          if (change.op === "add" && change.kind === "claim")
            this.rejected.delete(candidateKey(change.record));
      }
    }
  }

  change(id: string): ChangeSummary | undefined {
    return this.byId.get(id);
  }

  /** Changes touching a record, oldest first. */
  historyOf(id: string): readonly ChangeSummary[] {
    return this.history.get(id) ?? [];
  }

  /** The review decision in force for a claim, if any. */
  reviewOf(claimId: string): ReviewRecord | undefined {
    return this.reviews.get(claimId);
  }

  /** How many claims of a source have a review decision in force. */
  reviewedCountOf(sourceId: string): number {
    return this.reviewedBySource.get(sourceId)?.size ?? 0;
  }

  undoneByOf(changeId: string): string | undefined {
    return this.undoneBy.get(changeId);
  }

  wasRejected(record: Record<string, unknown>): boolean {
    return this.rejected.has(candidateKey(record));
  }

  /** Newest first, `first` of them, before position `before` when given. */
  latest(first: number, before = Infinity): ChangeSummary[] {
    const result: ChangeSummary[] = [];
    for (let i = this.order.length - 1; i >= 0 && result.length < first; i--) {
      if (this.order[i]!.position < before) result.push(this.order[i]!);
    }
    return result;
  }
}
