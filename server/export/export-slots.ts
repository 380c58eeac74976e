/**
 * How many exports may be written at once, and how many may wait for their turn. Writing a
 * whole-graph export takes seconds of CPU; without a limit, a burst of them starves every other
 * request and, before exports streamed, exhausted the heap. Past the queue, or after waiting too
 * long in it, a caller is told to come back later (HTTP 503 with Retry-After).
 */

export interface ExportSlotSettings {
  /** Exports written at the same time. */
  concurrency: number;
  /** Exports that may wait for a free slot; more are refused at once. */
  queue: number;
  /** Longest wait in the queue before the export is refused. */
  queueTimeoutMs: number;
  /** What Retry-After tells a refused client. */
  retryAfterSeconds: number;
}

/** Every slot is taken and the queue is full (or the wait ran out): try again later. */
export class ExportBusy extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    reason: string,
  ) {
    super(
      `the server is writing as many exports as it allows (${reason}); ` +
        `try again in ${retryAfterSeconds} s`,
    );
    this.name = "ExportBusy";
  }
}

/** Gives back a slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

interface Waiter {
  grant(release: ReleaseSlot): void;
  refuse(error: Error): void;
}

export class ExportSlots {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly settings: ExportSlotSettings) {}

  /** Exports being written and waiting now. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * A slot, at once or after waiting in the queue. Rejects with ExportBusy when the queue is full or
   * the wait times out, and with the signal's reason when the caller gives up (its client left).
   */
  acquire(signal?: AbortSignal): Promise<ReleaseSlot> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    if (this.running < this.settings.concurrency) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    const { queue, queueTimeoutMs, retryAfterSeconds } = this.settings;
    if (this.waiting.length >= queue)
      return Promise.reject(new ExportBusy(retryAfterSeconds, `${this.running} running, ${queue} waiting`));
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        const index = this.waiting.indexOf(waiter);
        if (index >= 0) this.waiting.splice(index, 1);
      };
      const waiter: Waiter = {
        grant: (release) => {
          leave();
          resolve(release);
        },
        refuse: (error) => {
          leave();
          reject(error);
        },
      };
      const onAbort = () => waiter.refuse(signal!.reason as Error);
      const timer = setTimeout(
        () => waiter.refuse(new ExportBusy(retryAfterSeconds, `waited ${queueTimeoutMs} ms in the queue`)),
        queueTimeoutMs,
      );
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting[0];
      // The slot passes straight to the next in line, so running never drops and rises again.
      if (next) next.grant(this.releaser());
      else this.running--;
    };
  }
}
