import type { LoadProgress } from "../model/load.ts";
import type { Problem } from "../model/problems.ts";
import type { GraphModel } from "../model/types.ts";

/**
 * The store: where graph-data lives durably. One interface, several implementations (the folder,
 * the default; PostgreSQL later, issue 14). The rest of the server never knows which one it has.
 *
 * Records are the JSON forms graph-data/README.md documents for JSON Lines (a claim line, an entity
 * line, a source line), so every store keeps the same exchange format.
 */
export type JsonRecord = { id: string } & Record<string, unknown>;

export type RecordKind = "source" | "entity" | "claim";

/**
 * One change to one record. `previous` is the record as it was: the journal keeps it, undo restores
 * it, and a store refuses the change if the record no longer looks like that (someone else changed
 * it first). `where` is for stores that keep records in files: on an update or removal, the file
 * the record was read from (the model's `file`); on a committed change, the file it now lives in.
 * Other stores leave it out.
 */
export type RecordChange =
  | { op: "add"; kind: "source"; record: JsonRecord; text: string; where?: string }
  | { op: "add"; kind: "entity" | "claim"; record: JsonRecord; where?: string }
  | { op: "update"; kind: "entity" | "claim"; record: JsonRecord; previous: JsonRecord; where?: string }
  | { op: "remove"; kind: "entity" | "claim"; previous: JsonRecord; where?: string };

export type ReviewDecision = "accept" | "reject";

/** What a person did, in their terms; the record changes say what it did to the data. */
export type Action =
  | { kind: "ingestSource"; source: string }
  | { kind: "reviewClaim"; claim: string; decision: ReviewDecision; note: string | null }
  | { kind: "editClaim"; claim: string; fields: string[]; note: string | null }
  | { kind: "mergeEntity"; entity: string; into: string; note: string | null }
  | { kind: "reviewEntity"; entity: string; decision: ReviewDecision; note: string | null }
  | { kind: "undo"; change: string; note: string | null };

/** Everything one request changes, committed together or not at all. */
export interface ChangeSet {
  action: Action;
  changes: RecordChange[];
}

export interface CommitOptions {
  /** Who asked for it: the name sent with the write token. */
  author: string;
  /** A retried request with the same key takes effect once and gets the first answer back. */
  idempotencyKey?: string | null;
  /** A fingerprint of the request, so a key reused for a different request is refused. */
  request?: string | null;
}

/**
 * One committed change set as the journal keeps it. A source's text is not repeated in the journal:
 * `text` is present on changes delivered by `commit` and `subscribe`, and replaced by `textSha256`
 * when the entry is read back.
 */
export interface JournalEntry {
  /** Unique id of the change set, for undo and for recovery. */
  id: string;
  /** 1-based place in the journal. */
  position: number;
  /** ISO 8601 time of the commit. */
  time: string;
  author: string;
  key: string | null;
  request: string | null;
  action: Action;
  changes: JournalChange[];
}

export type JournalChange =
  | RecordChange
  | { op: "add"; kind: "source"; record: JsonRecord; textSha256: string; text?: undefined; where?: string };

export interface CommitResult {
  entry: JournalEntry;
  /** True when the idempotency key had been seen: nothing changed, this is the first answer. */
  replayed: boolean;
}

/** Everything a store holds, read and validated. */
export interface StoreSnapshot {
  model: GraphModel;
  /** Every journal entry, oldest first (texts omitted). */
  journal: JournalEntry[];
  /** Position of the last journal entry, 0 for none. */
  position: number;
}

export type StoreEvent =
  /** A change set was committed (by this process or, for shared stores, another). */
  | { kind: "commit"; entry: JournalEntry }
  /** The data changed outside the store (a hand edit, git pull) and was read again, validated. */
  | { kind: "reload"; snapshot: StoreSnapshot; files: string[] }
  /** The data changed outside the store but does not validate: the running graph should be kept. */
  | { kind: "invalid"; problems: Problem[]; files: string[] };

export interface StoreStatus {
  kind: "folder" | "postgres";
  writable: boolean;
  position: number;
  /** What was repaired when the store opened (an interrupted write rolled back or forward). */
  recovered: string[];
  /** Problems of the latest outside change that did not validate; empty when all is well. */
  problems: Problem[];
}

export interface Store {
  readonly kind: StoreStatus["kind"];
  readonly writable: boolean;
  /**
   * Reads everything, validated; problems make it throw a GraphDataError. `progress` is filled in
   * as records are read, for a start-up report (stores that cannot report leave it as it is).
   */
  load(progress?: LoadProgress): Promise<StoreSnapshot>;
  /** Resolves once the change set is durable; subscribers have seen it by then. */
  commit(changeSet: ChangeSet, options: CommitOptions): Promise<CommitResult>;
  /**
   * The entry an idempotency key committed, if any, so a retry is answered before it is planned
   * again. A key used with a different request fingerprint is refused (StoreRefusal "idempotency").
   */
  replay(key: string, request: string | null): Promise<JournalEntry | undefined>;
  /** Journal entries after `position`, oldest first, at most `limit`. */
  changesSince(position: number, limit?: number): Promise<JournalEntry[]>;
  subscribe(listener: (event: StoreEvent) => void): () => void;
  status(): StoreStatus;
  close(): Promise<void>;
}

/** A write the store refuses on the caller's account: the message says what and where. */
export class StoreRefusal extends Error {
  constructor(
    message: string,
    /** The part of the request it concerns, when one does. */
    readonly field?: string,
    /** conflict: the data changed since the caller read it; retrying after a re-read may work. */
    readonly reason: "conflict" | "invalid" | "read-only" | "idempotency" = "invalid",
  ) {
    super(message);
    this.name = "StoreRefusal";
  }
}
