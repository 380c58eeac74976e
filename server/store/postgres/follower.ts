import pg from "pg";
import type { JournalEntry } from "../types.ts";
import { connectionConfig, type DatabaseSettings } from "./connect.ts";
import { JOURNAL_CHANNEL, readEntries, withTexts } from "./journal-rows.ts";

/** The LISTEN connection's application_name, to tell it apart in pg_stat_activity. */
export const FOLLOWER_NAME = "peacegraph follower";

/**
 * Follows the journal for one replica: hands every committed entry to `deliver`, once each, in
 * position order, whoever committed it. Reading is by position, always: LISTEN/NOTIFY only says
 * "look now" (a notification sent while the connection was down is simply gone), so the follower
 * also reads after every (re)connect and every `pollMs`. Positions are contiguous and visible in
 * order (see commit.ts), so "after my last position" never skips an entry that committed late.
 *
 * If the database no longer holds the entry last delivered (restored from a backup, or a failover
 * to a standby that had not received it), following on would silently diverge: `diverged` is
 * called instead, and the replica reloads everything.
 */
export class JournalFollower {
  private delivered = 0;
  private lastId: string | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  /** A catch-up queued behind the running one: further wake-ups join it. */
  private queued: Promise<void> | undefined;
  private listener: pg.Client | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private reconnectDelay: number;
  private stopped = true;
  private failing = false;
  /** After a (re)connect: check the database still holds what was delivered before reading on. */
  private verifyPending = false;
  /** LISTEN is refused on a hot standby: there, polling alone keeps the replica current. */
  private listening = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: DatabaseSettings,
    private readonly deliver: (entry: JournalEntry) => void,
    private readonly diverged: (reason: string) => Promise<{ position: number; lastId: string | null }>,
  ) {
    this.reconnectDelay = settings.reconnectMs;
  }

  get position(): number {
    return this.delivered;
  }

  /** Runs `task` after everything queued before it: deliveries never interleave. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.chain.then(task);
    this.chain = result.catch(() => undefined);
    return result;
  }

  /** Starts following after `position` (whose entry has id `lastId`). */
  start(position: number, lastId: string | null): void {
    this.delivered = position;
    this.lastId = lastId;
    if (!this.stopped) return;
    this.stopped = false;
    this.pollTimer = setInterval(() => void this.catchUp().catch(() => undefined), this.settings.pollMs);
    this.pollTimer.unref();
    void this.connect();
  }

  /** Moves the follower to a freshly loaded snapshot. Runs in turn with deliveries. */
  reset(position: number, lastId: string | null): Promise<void> {
    return this.serial(async () => {
      this.delivered = position;
      this.lastId = lastId;
    });
  }

  /**
   * Delivers every entry up to `position`; `own` (a commit of this replica, with its source texts)
   * is used as it is instead of being read back. Resolves once they are all delivered.
   */
  deliverThrough(position: number, own?: JournalEntry): Promise<void> {
    return this.serial(() => this.readAndDeliver(position, own));
  }

  /** Reads and delivers whatever was committed since the last delivery. */
  catchUp(): Promise<void> {
    if (!this.queued) {
      const run = this.serial(async () => {
        this.queued = undefined;
        if (this.verifyPending) {
          await this.verify();
          this.verifyPending = false;
        }
        await this.readAndDeliver(Infinity);
      });
      this.queued = run;
    }
    return this.queued.then(
      () => this.recovered(),
      (error: unknown) => this.failed(error),
    );
  }

  private recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    console.error(`database reachable again; caught up to position ${this.delivered}`);
  }

  private failed(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    console.error(`cannot read the journal: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Checks that the database still holds the last entry delivered; reloads everything if not. */
  private async verify(): Promise<void> {
    if (this.delivered === 0) return;
    const { rows } = await this.pool.query<{ id: string }>("SELECT id FROM journal WHERE position = $1", [
      this.delivered,
    ]);
    if (rows[0]?.id === this.lastId) return;
    const reason = rows[0]
      ? `journal position ${this.delivered} is now change ${rows[0].id}, not ${this.lastId}`
      : `the journal ends before position ${this.delivered}`;
    console.error(`the database's journal differs from the one this replica followed (${reason}); reloading`);
    const reloaded = await this.diverged(reason);
    this.delivered = reloaded.position;
    this.lastId = reloaded.lastId;
  }

  private async readAndDeliver(through: number, own?: JournalEntry): Promise<void> {
    while (this.delivered < through) {
      if (own && own.position === this.delivered + 1) {
        this.emit(own);
        continue;
      }
      const limit = Number.isFinite(through) ? Math.min(500, through - this.delivered) : 500;
      const entries = await withTexts(this.pool, await readEntries(this.pool, this.delivered, limit));
      if (entries.length === 0) {
        if (Number.isFinite(through))
          throw new Error(`journal position ${this.delivered + 1} is not visible after its commit`);
        return;
      }
      for (const entry of entries) {
        if (entry.position !== this.delivered + 1) {
          const reason = `journal position ${this.delivered + 1} is missing`;
          const reloaded = await this.diverged(reason);
          this.delivered = reloaded.position;
          this.lastId = reloaded.lastId;
          return;
        }
        this.emit(own && own.position === entry.position ? own : entry);
      }
    }
  }

  private emit(entry: JournalEntry): void {
    this.delivered = entry.position;
    this.lastId = entry.id;
    this.deliver(entry);
  }

  /** Opens the LISTEN connection; on any failure, tries again later, then catches up. */
  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ ...connectionConfig(this.settings), application_name: FOLLOWER_NAME });
    this.listener = client;
    const lost = (error?: Error) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      if (error && !this.failing) console.error(`journal follower lost its connection: ${error.message}`);
      this.scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    client.on("notification", () => void this.catchUp().catch(() => undefined));
    try {
      await client.connect();
      const { rows } = await client.query<{ standby: boolean }>("SELECT pg_is_in_recovery() AS standby");
      this.listening = !rows[0]?.standby;
      if (this.listening) await client.query(`LISTEN ${JOURNAL_CHANNEL}`);
      this.reconnectDelay = this.settings.reconnectMs;
      // Whatever was committed while we were not listening is read now.
      this.verifyPending = true;
      await this.catchUp();
    } catch (error) {
      lost(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer) return;
    const delay = this.reconnectDelay;
    this.reconnectDelay = Math.min(this.settings.maxReconnectMs, delay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** Whether notifications wake this follower (false on a hot standby, or while disconnected). */
  get notified(): boolean {
    return this.listening && this.listener !== undefined;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.reconnectTimer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.chain;
  }
}
