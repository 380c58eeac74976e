import { access } from "node:fs/promises";
import path from "node:path";
import { loadGraphData, type LoadProgress } from "../../model/load.ts";
import { GraphDataError, type Problem } from "../../model/problems.ts";
import { newChangeId } from "../journal-format.ts";
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
import { FilePlanner, type FolderPaths } from "./file-plan.ts";
import { JOURNAL_FILE, journalLine, readJournal } from "./journal-file.ts";
import { acquireWriteLock, type HeldLock } from "./lock.ts";
import { Transactions } from "./transaction.ts";
import {
  changedFiles,
  DATA_FOLDERS,
  FolderWatcher,
  scanSignatures,
  signatureOf,
  type Signatures,
} from "./watcher.ts";
import { ListenerSet } from "../listener-set.ts";

export interface FolderStoreOptions {
  dataDir: string;
  /** Open without the write lock; commits are refused. */
  readOnly: boolean;
  /** Problem and model `file` paths are relative to this (the working directory by default). */
  displayRoot?: string;
  /** Watch for outside changes: quiet time before a check, and a polling interval (0: none). */
  watch?: { debounceMs: number; pollMs: number } | false;
  /** Most change sets committed together in one transaction (group commit). */
  maxBatch?: number;
}

/** Store-private files (lock, intent) live here; git should ignore it. */
export const PRIVATE_FOLDER = ".peacegraph";

interface Pending {
  changeSet: ChangeSet;
  options: CommitOptions;
  resolve(result: CommitResult): void;
  reject(error: unknown): void;
}

/**
 * The default store: the graph-data folder itself. Appends are fsynced before a commit resolves;
 * whole files are replaced by rename; one journal line per change set is the commit point (see
 * transaction.ts). One process may write, holding a lock; any number may read, read-only.
 */
export class FolderStore implements Store {
  readonly kind = "folder" as const;
  private readonly paths: FolderPaths;
  private readonly journalFile: string;
  private readonly transactions: Transactions;
  private readonly listeners = new ListenerSet<StoreEvent>("store");
  private readonly queue: Pending[] = [];
  private signatures: Signatures = new Map();
  /** Idempotency key → the position and request fingerprint of its entry. */
  private keys = new Map<string, { position: number; request: string | null }>();
  private position = 0;
  private problems: Problem[] = [];
  private broken: Error | undefined;
  private loaded = false;
  private exclusive: Promise<unknown> = Promise.resolve();
  private draining = false;
  private watcher: FolderWatcher | undefined;

  private constructor(
    private readonly options: FolderStoreOptions,
    private readonly lock: HeldLock | undefined,
    private readonly recovered: string[],
  ) {
    const dataDir = path.resolve(options.dataDir);
    this.paths = { dataDir, displayRoot: options.displayRoot ?? process.cwd() };
    this.journalFile = path.join(dataDir, JOURNAL_FILE);
    this.transactions = new Transactions(
      dataDir,
      path.join(dataDir, PRIVATE_FOLDER, "intent.json"),
      this.journalFile,
    );
  }

  /** Opens a folder: takes the lock and repairs an interrupted write, unless read-only. */
  static async open(options: FolderStoreOptions): Promise<FolderStore> {
    const dataDir = path.resolve(options.dataDir);
    await access(dataDir).catch(() => {
      throw new Error(`no graph-data folder at ${dataDir}`);
    });
    if (options.readOnly) return new FolderStore(options, undefined, []);
    const privateDir = path.join(dataDir, PRIVATE_FOLDER);
    const lock = await acquireWriteLock(dataDir, privateDir);
    const store = new FolderStore(options, lock, []);
    try {
      const { report: recovered } = await store.transactions.recover(
        DATA_FOLDERS.map((folder) => path.join(dataDir, folder)),
      );
      if (lock.tookOverFrom)
        recovered.unshift(`took over the write lock of process ${lock.tookOverFrom.pid}, which is gone`);
      store.recovered.push(...recovered);
    } catch (error) {
      await lock.release();
      throw error;
    }
    return store;
  }

  get writable(): boolean {
    return this.lock !== undefined;
  }

  status(): StoreStatus {
    return {
      kind: "folder",
      writable: this.writable,
      position: this.position,
      recovered: [...this.recovered],
      problems: [...this.problems],
    };
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Runs `task` alone: commits and reloads never interleave. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.exclusive.then(task);
    this.exclusive = result.catch(() => undefined);
    return result;
  }

  /** Reads the folder and journal; signatures are taken first, so a change during the read is seen later. */
  private async read(
    progress?: LoadProgress,
  ): Promise<{ snapshot: StoreSnapshot; problems: Problem[]; signatures: Signatures }> {
    const signatures = await scanSignatures(this.paths.dataDir);
    const { model, problems } = await loadGraphData(this.paths.dataDir, this.paths.displayRoot, progress);
    const journal: JournalEntry[] = [];
    const position = await readJournal(this.paths, problems, (entry) => journal.push(entry));
    return { snapshot: { model, journal, position }, problems, signatures };
  }

  private adopt(snapshot: StoreSnapshot, signatures: Signatures): void {
    this.signatures = signatures;
    this.position = snapshot.position;
    this.keys = new Map();
    for (const entry of snapshot.journal)
      if (entry.key !== null) this.keys.set(entry.key, { position: entry.position, request: entry.request });
    this.problems = [];
    this.loaded = true;
  }

  async load(progress?: LoadProgress): Promise<StoreSnapshot> {
    return this.serial(async () => {
      const { snapshot, problems, signatures } = await this.read(progress);
      if (problems.length > 0) throw new GraphDataError(problems);
      this.adopt(snapshot, signatures);
      if (this.options.watch !== false && !this.watcher) {
        const { debounceMs, pollMs } = this.options.watch ?? { debounceMs: 200, pollMs: 5_000 };
        this.watcher = new FolderWatcher(
          this.paths.dataDir,
          () => void this.checkOutside(),
          debounceMs,
          pollMs,
        );
        this.watcher.start();
      }
      return snapshot;
    });
  }

  /** Reloads when files changed outside the store; reports, and keeps the old state, when they do not validate. */
  checkOutside(): Promise<void> {
    return this.serial(async () => {
      const now = await scanSignatures(this.paths.dataDir);
      const files = changedFiles(this.signatures, now);
      if (files.length === 0) return;
      // Another process is half way through a write: look again once it has finished.
      if (!this.writable && (await signatureOf(path.join(this.paths.dataDir, PRIVATE_FOLDER, "intent.json"))))
        return void setTimeout(() => void this.checkOutside(), 100).unref();
      const display = files.map((file) => path.relative(this.paths.displayRoot, file));
      const { snapshot, problems, signatures } = await this.read();
      if (problems.length > 0) {
        this.problems = problems;
        // Keep the old signatures: the broken files stay "changed", and a fix is noticed.
        return this.listeners.emit({ kind: "invalid", problems, files: display });
      }
      this.adopt(snapshot, signatures);
      this.listeners.emit({ kind: "reload", snapshot, files: display });
    }).catch((error: unknown) => console.error("checking graph-data for outside changes failed:", error));
  }

  commit(changeSet: ChangeSet, options: CommitOptions): Promise<CommitResult> {
    if (!this.writable)
      return Promise.reject(
        new StoreRefusal("this server opened graph-data read-only", undefined, "read-only"),
      );
    return new Promise((resolve, reject) => {
      this.queue.push({ changeSet: structuredClone(changeSet), options, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 64);
        await this.serial(() => this.commitBatch(batch)).catch((error: unknown) => {
          for (const item of batch) item.reject(error);
        });
      }
    } finally {
      this.draining = false;
    }
  }

  /** Refuses a file changed outside the store since it was read, and asks for a reload. */
  private readonly guard = async (file: string): Promise<void> => {
    if ((await signatureOf(file)) === this.signatures.get(file)) return;
    setImmediate(() => void this.checkOutside());
    throw new StoreRefusal(
      `${path.relative(this.paths.dataDir, file)} changed on disk since it was read (a hand edit or git pull?); ` +
        "it is being reloaded: try again in a moment",
      undefined,
      "conflict",
    );
  };

  private async commitBatch(batch: Pending[]): Promise<void> {
    if (this.broken) throw this.broken;
    if (!this.loaded) throw new StoreRefusal("graph-data has not been loaded (or did not validate)");
    if (this.problems.length > 0)
      throw new StoreRefusal(
        `graph-data on disk has ${this.problems.length} problem(s) since an outside change; fix them first`,
        undefined,
        "conflict",
      );
    await this.guard(this.journalFile);
    const planner = new FilePlanner(this.paths, this.guard);
    const accepted: { item: Pending; entry: JournalEntry }[] = [];
    const replays: { item: Pending; position: number }[] = [];
    const batchKeys = new Map<string, string | null>();
    const time = new Date().toISOString();
    for (const item of batch) {
      const key = item.options.idempotencyKey ?? null;
      const request = item.options.request ?? null;
      if (key !== null) {
        const committed = this.keys.get(key);
        const earlier = committed ? committed.request : batchKeys.get(key);
        if (committed || batchKeys.has(key)) {
          if (earlier !== request)
            item.reject(
              new StoreRefusal(
                "this idempotency key was already used for a different request",
                "idempotencyKey",
                "idempotency",
              ),
            );
          else if (committed) replays.push({ item, position: committed.position });
          // The same request twice in one batch: the second is answered once the first is in.
          else this.queue.unshift(item);
          continue;
        }
      }
      try {
        await planner.add(item.changeSet);
      } catch (error) {
        item.reject(error);
        continue;
      }
      if (key !== null) batchKeys.set(key, request);
      accepted.push({
        item,
        entry: {
          id: newChangeId(),
          position: this.position + accepted.length + 1,
          time,
          author: item.options.author,
          key,
          request,
          action: item.changeSet.action,
          changes: item.changeSet.changes,
        },
      });
    }

    if (accepted.length > 0) {
      const operations = planner.operations();
      try {
        await this.transactions.run(
          newChangeId(),
          operations,
          accepted.map(({ entry }) => journalLine(entry, this.paths)),
        );
      } catch (error) {
        // Committed after all (the failure came after the commit point) or undone: find out which.
        if (!(await this.abandon(error))) throw error;
      }
      for (const file of [...operations.map((operation) => operation.file), this.journalFile]) {
        const signature = await signatureOf(file);
        if (signature === undefined) this.signatures.delete(file);
        else this.signatures.set(file, signature);
      }
      for (const { entry } of accepted) {
        this.position = entry.position;
        if (entry.key !== null)
          this.keys.set(entry.key, { position: entry.position, request: entry.request });
        this.listeners.emit({ kind: "commit", entry });
      }
      for (const { item, entry } of accepted) item.resolve({ entry, replayed: false });
    }
    for (const { item, position } of replays) {
      const [entry] = await this.changesSince(position - 1, 1);
      if (entry) item.resolve({ entry, replayed: true });
      else item.reject(new Error(`journal entry ${position} is missing`));
    }
  }

  /**
   * A transaction failed half way (disk full, say): finish or undo it now, as a restart would.
   * Returns whether it had committed. If even that fails, writing stops until a restart.
   */
  private async abandon(cause: unknown): Promise<boolean> {
    try {
      const { report, committed } = await this.transactions.recover(
        DATA_FOLDERS.map((folder) => path.join(this.paths.dataDir, folder)),
      );
      console.error(`write failed (${String(cause)}); ${report.join("; ")}`);
      return committed;
    } catch (error) {
      this.broken = new Error(
        `writes stopped: a failed write could not be undone (${String(error)}); restart the server to recover`,
      );
      return false;
    }
  }

  async replay(key: string, request: string | null): Promise<JournalEntry | undefined> {
    const seen = this.keys.get(key);
    if (!seen) return undefined;
    if (seen.request !== request)
      throw new StoreRefusal(
        "this idempotency key was already used for a different request",
        "idempotencyKey",
        "idempotency",
      );
    const [entry] = await this.changesSince(seen.position - 1, 1);
    return entry;
  }

  async changesSince(position: number, limit = Infinity): Promise<JournalEntry[]> {
    const entries: JournalEntry[] = [];
    const problems: Problem[] = [];
    await readJournal(
      this.paths,
      problems,
      (entry) => {
        if (entries.length < limit) entries.push(entry);
      },
      position,
    );
    return entries;
  }

  async close(): Promise<void> {
    this.watcher?.close();
    await this.serial(async () => undefined);
    await this.lock?.release();
  }
}
