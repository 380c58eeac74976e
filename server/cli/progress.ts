/**
 * Progress lines for loads that take more than a few seconds (a 50 MB claims file takes over a
 * minute): silent when everything is quick, then one line every few seconds on standard error, so
 * standard output stays the command's own. Work that does not yield to the event loop (building the
 * graph, the layout) cannot be interrupted by a timer, so each phase also announces itself once the
 * whole run has been slow.
 */
export class Progress {
  private readonly started = performance.now();
  private phaseName = "";
  private phaseDetail: () => string = () => "";
  private spoken = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly everyMs = 2_000,
  ) {
    this.timer = setInterval(() => this.say(), everyMs);
    this.timer.unref();
  }

  /** A new phase; `detail` says how far it has got. */
  phase(name: string, detail: () => string = () => ""): void {
    this.phaseName = name;
    this.phaseDetail = detail;
    if (this.spoken || performance.now() - this.started >= this.everyMs) this.say();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private say(): void {
    if (this.phaseName === "") return;
    this.spoken = true;
    const detail = this.phaseDetail();
    const seconds = ((performance.now() - this.started) / 1000).toFixed(0);
    this.write(`${this.phaseName}…${detail ? ` ${detail}` : ""} (${seconds} s)`);
  }
}
