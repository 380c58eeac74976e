import type { EntityRef, QueueSource, ReviewClaim, ReviewSourceData } from "./documents.ts";

/** One claim of the open source as the page lists it: the server's latest view, or gone (rejected). */
export interface Item {
  id: string;
  /** The latest the server gave; null once it has left the graph. */
  claim: ReviewClaim | null;
  /** What it said before it left, to show it struck through. */
  last: ReviewClaim;
  /** What this page did to it, shown beside it. */
  done: "accepted" | "rejected" | "edited" | "skipped" | null;
}

export interface UndoStep {
  change: string;
  label: string;
  /** The claim or entity it concerned, to return to after undoing. */
  target: string;
}

/** Everything the page shows, derived from the API's answers and the analyst's moves. */
export interface ReviewState {
  queue: QueueSource[];
  proposed: EntityRef[];
  writable: boolean;
  maxArticleChars: number;
  source: ReviewSourceData | null;
  items: Item[];
  cursor: number;
  undo: UndoStep[];
  message: { text: string; kind: "info" | "error" } | null;
}

export const initialState = (): ReviewState => ({
  queue: [],
  proposed: [],
  writable: false,
  maxArticleChars: 0,
  source: null,
  items: [],
  cursor: 0,
  undo: [],
  message: null,
});

export const isPending = (item: Item) => item.claim?.status === "EXTRACTED" && item.done !== "skipped";

/** Items for a freshly read source: its claims in text order, keeping what this page did to each. */
export function itemsFor(source: ReviewSourceData, previous: Item[]): Item[] {
  const fresh = new Map(source.claims.map((claim) => [claim.id, claim]));
  const kept = previous.map((item) => {
    const claim = fresh.get(item.id) ?? null;
    return { ...item, claim, last: claim ?? item.last };
  });
  const known = new Set(previous.map((item) => item.id));
  const added = source.claims
    .filter((claim) => !known.has(claim.id))
    .map((claim): Item => ({ id: claim.id, claim, last: claim, done: null }));
  return [...kept, ...added].sort(
    (a, b) => a.last.quoteStart - b.last.quoteStart || a.id.localeCompare(b.id),
  );
}

const awaits = (item: Item) => item.claim?.status === "EXTRACTED";

/**
 * The next item awaiting a decision after `from` (wrapping round); skipped ones come back once
 * nothing else is left. -1 when every claim has a decision.
 */
export function nextPending(items: Item[], from: number): number {
  for (const wanted of [isPending, awaits]) {
    for (let step = 1; step <= items.length; step++) {
      const index = (from + step) % items.length;
      if (wanted(items[index]!)) return index;
    }
  }
  return -1;
}

/** The first pending item, else the first item. */
export function firstCursor(items: Item[]): number {
  const index = items.findIndex(isPending);
  return index < 0 ? 0 : index;
}

/** "n of m reviewed" for the open source, from the server's counts. */
export function progress(state: ReviewState): { reviewed: number; total: number } {
  const entry = state.queue.find((queued) => queued.source.id === state.source?.id);
  if (!entry) {
    const total = state.items.length;
    return {
      reviewed: total - state.items.filter((item) => item.claim?.status === "EXTRACTED").length,
      total,
    };
  }
  return { reviewed: entry.reviewedCount, total: entry.reviewedCount + entry.pendingCount };
}

/**
 * The text around a quote: its paragraph, cut to about `radius` characters either side. `from` is
 * where it starts in the source text, so a selection inside it maps back to offsets; whether it was
 * cut mid-paragraph is shown by the page, not written into the text.
 */
export function passage(text: string, start: number, end: number, radius = 320) {
  const paragraphStart = text.lastIndexOf("\n", start - 1) + 1;
  let paragraphEnd = text.indexOf("\n", end);
  if (paragraphEnd < 0) paragraphEnd = text.length;
  const from = Math.max(paragraphStart, start - radius);
  const to = Math.min(paragraphEnd, end + radius);
  return {
    from,
    before: text.slice(from, start),
    quote: text.slice(start, end),
    after: text.slice(end, to),
    cutBefore: from > paragraphStart,
    cutAfter: to < paragraphEnd,
  };
}
