import type pg from "pg";
import { GraphDataError } from "../../model/problems.ts";
import {
  StoreRefusal,
  type ChangeSet,
  type CommitOptions,
  type CommitResult,
  type JournalEntry,
  type Store,
  type StoreEvent,
  type StoreSnapshot,
  type StoreStatus,
} from "../types.ts";
import { commitChangeSet } from "./commit.ts";
import {
  createPool,
  describeConnectionError,
  redactUrl,
  withClient,
  type DatabaseSettings,
} from "./connect.ts";
import { JournalFollower } from "./follower.ts";
import { entryByKey, readEntries } from "./journal-rows.ts";
import { loadSnapshot } from "./load-snapshot.ts";
import { checkSchema } from "./migrate.ts";
import { ListenerSet } from "../listener-set.ts";

export interface PostgresStoreOptions {
  database: DatabaseSettings;
  /** Commits are refused; nothing else changes (a read replica, possibly on a hot standby). */
  readOnly: boolean;
}

/**
 * PostgreSQL as the store of record (docs/deploy.md). Every API replica opens one: it loads the
 * whole graph from the database, then follows the journal, applying other replicas' commits as the
 * folder store's subscribers apply its own. Any replica may write: a commit is one transaction
 * (commit.ts), and resolves only once this replica's subscribers have seen it and every commit
 * before it, so the writer reads its own write at once.
 */
export class PostgresStore implements Store {
  readonly kind = "postgres" as const;
  private readonly listeners = new ListenerSet<StoreEvent>("store");
  private readonly follower: JournalFollower;
  /** This replica's commits, one at a time (the write service sends them so anyway). */
  private writing: Promise<unknown> = Promise.resolve();
  private loaded = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresStoreOptions,
  ) {
    this.follower = new JournalFollower(
      pool,
      options.database,
      (entry) => this.listeners.emit({ kind: "commit", entry }),
      (reason) => this.reloadAfterDivergence(reason),
    );
  }

  /** Connects and checks the schema; nothing is read until `load`. */
  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const pool = createPool(options.database);
    try {
      await withClient(pool, checkSchema);
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (error instanceof Error && /schema/.test(error.message))
        throw new Error(`${redactUrl(options.database.url)}: ${error.message}`, { cause: error });
      throw describeConnectionError(error, options.database);
    }
    return new PostgresStore(pool, options);
  }

  get writable(): boolean {
    return !this.options.readOnly;
  }

  status(): StoreStatus {
    return {
      kind: "postgres",
      writable: this.writable,
      position: this.follower.position,
      recovered: [],
      problems: [],
    };
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  private async snapshot(): Promise<StoreSnapshot> {
    const { snapshot, problems } = await withClient(this.pool, loadSnapshot);
    if (problems.length > 0) throw new GraphDataError(problems);
    return snapshot;
  }

  async load(): Promise<StoreSnapshot> {
    const snapshot = await this.snapshot();
    const lastId = snapshot.journal.at(-1)?.id ?? null;
    if (this.loaded) await this.follower.reset(snapshot.position, lastId);
    else this.follower.start(snapshot.position, lastId);
    this.loaded = true;
    return snapshot;
  }

  /** The database no longer holds what this replica followed: start again from what it holds. */
  private async reloadAfterDivergence(reason: string) {
    const snapshot = await this.snapshot();
    this.listeners.emit({ kind: "reload", snapshot, files: [`PostgreSQL journal (${reason})`] });
    return { position: snapshot.position, lastId: snapshot.journal.at(-1)?.id ?? null };
  }

  commit(changeSet: ChangeSet, options: CommitOptions): Promise<CommitResult> {
    if (!this.writable)
      return Promise.reject(
        new StoreRefusal("this server opened the database read-only", undefined, "read-only"),
      );
    if (!this.loaded) return Promise.reject(new StoreRefusal("the graph has not been loaded yet"));
    const task = async (): Promise<CommitResult> => {
      let result: CommitResult;
      try {
        result = await withClient(this.pool, (client) =>
          commitChangeSet(client, structuredClone(changeSet), options),
        );
      } catch (error) {
        if (error instanceof StoreRefusal) throw error;
        throw new Error(
          `the write may or may not have been committed (${error instanceof Error ? error.message : String(error)}); ` +
            "retry it with the same idempotency key once the database is reachable",
          { cause: error },
        );
      }
      // Read-your-writes: this replica's graph shows the entry, and all before it, before we answer.
      try {
        await this.follower.deliverThrough(result.entry.position, result.replayed ? undefined : result.entry);
      } catch (error) {
        throw new Error(
          `change ${result.entry.id} is committed (position ${result.entry.position}), but this replica cannot ` +
            `show it yet (${error instanceof Error ? error.message : String(error)}); a retry with the same key answers it`,
          { cause: error },
        );
      }
      return result;
    };
    const result = this.writing.then(task, task);
    this.writing = result.catch(() => undefined);
    return result;
  }

  async replay(key: string, request: string | null): Promise<JournalEntry | undefined> {
    const seen = await entryByKey(this.pool, key);
    if (!seen) return undefined;
    if (seen.request !== request)
      throw new StoreRefusal(
        "this idempotency key was already used for a different request",
        "idempotencyKey",
        "idempotency",
      );
    await this.follower.deliverThrough(seen.entry.position);
    return seen.entry;
  }

  changesSince(position: number, limit?: number): Promise<JournalEntry[]> {
    return readEntries(this.pool, position, limit === undefined || !Number.isFinite(limit) ? null : limit);
  }

  async close(): Promise<void> {
    await this.writing;
    await this.follower.stop();
    await this.pool.end();
  }
}
