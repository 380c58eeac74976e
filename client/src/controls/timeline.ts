import type { Dataset } from "../data/dataset.ts";
import { monthIndex, monthOfText, monthText } from "../data/dates.ts";
import { el } from "../dom.ts";
import type { FilteredView } from "../state/filtered-view.ts";
import type { Filters } from "../state/navigation.ts";

/**
 * A date-range slider over the months that dated events and relations span, above a histogram of
 * how many start in each month: all of them faintly, and in colour those that pass the other filters.
 * Year ticks run under it and the chosen range is shaded. Zoom narrows the track to the chosen
 * period (and back out); Play slides the range through time. Two native range inputs keep it
 * keyboard-operable (arrows, Page keys, Home, End).
 */
export class Timeline {
  readonly element: HTMLElement;
  private readonly fromInput: HTMLInputElement;
  private readonly toInput: HTMLInputElement;
  private readonly readout: HTMLOutputElement;
  private readonly histogram: HTMLCanvasElement;
  private readonly zoomButton: HTMLButtonElement;
  private readonly playButton: HTMLButtonElement;
  /** The months the data spans. */
  private first = 0;
  private last = 0;
  /** The months the track shows (all of them, or a zoomed period). */
  private windowStart = 0;
  private windowEnd = 0;
  private totals: number[] = [];
  private passing: number[] | null = null;
  private from = 0;
  private to = 0;
  private pending: number | null = null;
  private player: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly onChange: (change: (filters: Filters) => Filters) => void,
    private readonly playStepMs: number,
  ) {
    const range = (label: string, id: string) =>
      el("input", { attrs: { type: "range", min: "0", max: "0", step: "1", "aria-label": label, id } });
    this.fromInput = range("Earliest month shown", "timeline-from");
    this.toInput = range("Latest month shown", "timeline-to");
    this.readout = el("output", { className: "timeline-readout", attrs: { "aria-live": "polite" } });
    this.histogram = el("canvas", { className: "timeline-histogram", attrs: { "aria-hidden": "true" } });
    const reset = el("button", { className: "small", attrs: { type: "button" }, text: "all dates" });
    reset.addEventListener("click", () => {
      this.stop();
      this.onChange((filters) => ({ ...filters, dateFrom: null, dateTo: null }));
    });
    this.zoomButton = el("button", {
      className: "small",
      attrs: { type: "button", "data-action": "timeline-zoom", title: "Zoom the track to the chosen period" },
      text: "zoom in",
    });
    this.zoomButton.addEventListener("click", () => this.toggleZoom());
    this.playButton = el("button", {
      className: "small",
      attrs: { type: "button", "data-action": "timeline-play", "aria-pressed": "false" },
      text: "▶ play",
    });
    this.playButton.addEventListener("click", () => (this.player ? this.stop() : this.play()));
    this.element = el(
      "section",
      { className: "timeline", attrs: { "aria-label": "Timeline" } },
      el(
        "div",
        { className: "timeline-head" },
        el("h2", { text: "Timeline" }),
        this.readout,
        this.playButton,
        this.zoomButton,
        reset,
      ),
      el("div", { className: "timeline-track" }, this.histogram, this.fromInput, this.toInput),
    );
    for (const input of [this.fromInput, this.toInput]) {
      input.addEventListener("input", () => this.schedule(input));
      input.addEventListener("keydown", (event) => {
        if (event.key === " ") {
          event.preventDefault();
          if (this.player) this.stop();
          else this.play();
        }
      });
    }
    this.histogram.addEventListener("wheel", (event) => {
      event.preventDefault();
      if (event.deltaY < 0 && this.windowEnd - this.windowStart > 2) this.zoomTo(this.from, this.to);
      else if (event.deltaY > 0) this.zoomTo(this.first, this.last);
    });
    new ResizeObserver(() => this.draw()).observe(this.histogram);
    this.element.hidden = true;
  }

  /** Sets the span from the dataset once relations are in. */
  setData(dataset: Dataset): void {
    if (!dataset.dateExtent) {
      this.element.hidden = true;
      return;
    }
    this.first = monthIndex(dataset.dateExtent.start);
    this.last = monthIndex(dataset.dateExtent.end);
    this.windowStart = this.first;
    this.windowEnd = this.last;
    this.totals = this.bin(this.allDays(dataset));
    this.from = this.first;
    this.to = this.last;
    this.element.hidden = false;
    this.applyWindow();
  }

  private allDays(dataset: Dataset): number[] {
    const days: number[] = [];
    for (const entity of dataset.entities.values())
      if (entity.date && entity.kind === "event") days.push(entity.date.start);
    for (const relation of dataset.relations.values()) if (relation.date) days.push(relation.date.start);
    return days;
  }

  private bin(days: number[]): number[] {
    const counts = new Array<number>(this.last - this.first + 1).fill(0);
    for (const day of days) {
      const month = monthIndex(day) - this.first;
      if (month >= 0 && month < counts.length) counts[month]!++;
    }
    return counts;
  }

  /** Mirrors the filters, and bins what passes the other filters for the coloured bars. */
  sync(filters: Filters, view: FilteredView | null): void {
    if (this.element.hidden) return;
    if (view) this.passing = this.bin(view.datedDays);
    this.from = filters.dateFrom ? (monthOfText(filters.dateFrom, "start") ?? this.first) : this.first;
    this.to = filters.dateTo ? (monthOfText(filters.dateTo, "end") ?? this.last) : this.last;
    this.from = Math.max(this.first, Math.min(this.last, this.from));
    this.to = Math.max(this.from, Math.min(this.last, this.to));
    this.syncInputs();
  }

  private syncInputs(): void {
    const clamp = (month: number) =>
      Math.min(this.windowEnd, Math.max(this.windowStart, month)) - this.windowStart;
    this.fromInput.value = String(clamp(this.from));
    this.toInput.value = String(clamp(this.to));
    this.showReadout();
    this.draw();
  }

  private applyWindow(): void {
    for (const input of [this.fromInput, this.toInput]) input.max = String(this.windowEnd - this.windowStart);
    const zoomed = this.windowStart !== this.first || this.windowEnd !== this.last;
    this.zoomButton.textContent = zoomed ? "zoom out" : "zoom in";
    this.zoomButton.setAttribute("aria-pressed", String(zoomed));
    this.syncInputs();
  }

  private zoomTo(start: number, end: number): void {
    this.windowStart = Math.max(this.first, start);
    this.windowEnd = Math.min(this.last, Math.max(end, start + 1));
    this.applyWindow();
  }

  private toggleZoom(): void {
    const zoomed = this.windowStart !== this.first || this.windowEnd !== this.last;
    if (zoomed || (this.from === this.first && this.to === this.last)) this.zoomTo(this.first, this.last);
    else this.zoomTo(this.from, this.to);
  }

  /** Slider moves arrive faster than frames: apply at most one per frame so filtering never piles up. */
  private schedule(moved: HTMLInputElement): void {
    let from = Number(this.fromInput.value) + this.windowStart;
    let to = Number(this.toInput.value) + this.windowStart;
    if (from > to) {
      if (moved === this.fromInput) to = from;
      else from = to;
    }
    this.from = from;
    this.to = to;
    this.syncInputs();
    if (this.pending !== null) cancelAnimationFrame(this.pending);
    this.pending = requestAnimationFrame(() => {
      this.pending = null;
      this.emit();
    });
  }

  private emit(): void {
    const from = this.from;
    const to = this.to;
    this.onChange((filters) => ({
      ...filters,
      dateFrom: from === this.first ? null : monthText(from),
      dateTo: to === this.last ? null : monthText(to),
    }));
  }

  /**
   * Slides the chosen range forward one step at a time (a month, or a year for a range of two years
   * or more) until it reaches the end. With the whole span chosen, it starts with a tenth of it.
   */
  play(): void {
    if (this.element.hidden || this.player) return;
    const span = this.last - this.first;
    let width = this.to - this.from;
    if (width >= span) width = Math.max(1, Math.round(span / 10));
    // A window of two years or more moves a year at a time; a shorter one, a month.
    const step = width >= 24 ? 12 : 1;
    if (this.to >= this.last || this.from + width > this.last) {
      this.from = this.first;
    }
    this.to = Math.min(this.last, this.from + width);
    this.emit();
    this.playButton.textContent = "■ pause";
    this.playButton.setAttribute("aria-pressed", "true");
    this.player = setInterval(() => {
      if (this.to >= this.last) {
        this.stop();
        return;
      }
      this.from = Math.min(this.last, this.from + step);
      this.to = Math.min(this.last, this.to + step);
      this.emit();
    }, this.playStepMs);
  }

  stop(): void {
    if (this.player) clearInterval(this.player);
    this.player = null;
    this.playButton.textContent = "▶ play";
    this.playButton.setAttribute("aria-pressed", "false");
  }

  get playing(): boolean {
    return this.player !== null;
  }

  private showReadout(): void {
    this.readout.textContent = `${monthText(this.from)} – ${monthText(this.to)}`;
    this.fromInput.setAttribute("aria-valuetext", monthText(this.from));
    this.toInput.setAttribute("aria-valuetext", monthText(this.to));
  }

  private draw(): void {
    const canvas = this.histogram;
    const width = canvas.clientWidth || 600;
    const height = canvas.clientHeight || 40;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext("2d");
    if (!context || this.totals.length === 0) return;
    context.scale(ratio, ratio);
    const style = getComputedStyle(canvas);
    const barColor = style.getPropertyValue("--bar").trim() || "#2f6db5";
    const mutedColor = style.getPropertyValue("--bar-muted").trim() || "#ccc";
    const textColor = style.getPropertyValue("--muted").trim() || "#666";
    const months = this.windowEnd - this.windowStart + 1;
    const monthWidth = width / months;
    const xOf = (month: number) => (month - this.windowStart) * monthWidth;
    const tickSpace = 12;
    const barSpace = height - tickSpace;

    // The chosen range, shaded.
    context.fillStyle = barColor;
    context.globalAlpha = 0.12;
    context.fillRect(xOf(this.from), 0, (this.to - this.from + 1) * monthWidth, barSpace);
    context.globalAlpha = 1;

    // Square-root heights, so one busy month does not flatten the rest.
    const visible = this.totals.slice(this.windowStart - this.first, this.windowEnd - this.first + 1);
    const peak = Math.sqrt(Math.max(...visible, 1));
    const bar = (count: number, month: number, color: string) => {
      if (count === 0) return;
      const barHeight = Math.max(2, (Math.sqrt(count) / peak) * (barSpace - 2));
      context.fillStyle = color;
      context.fillRect(xOf(month), barSpace - barHeight, Math.max(1, monthWidth - 0.5), barHeight);
    };
    for (let month = this.windowStart; month <= this.windowEnd; month++) {
      const i = month - this.first;
      bar(this.totals[i]!, month, mutedColor);
      const inRange = month >= this.from && month <= this.to;
      if (this.passing && inRange) bar(this.passing[i]!, month, barColor);
    }

    // Year ticks, thinned so labels never overlap.
    context.fillStyle = textColor;
    context.font = "10px system-ui, sans-serif";
    context.textBaseline = "bottom";
    const firstYear = 1970 + Math.ceil(this.windowStart / 12);
    const lastYear = 1970 + Math.floor(this.windowEnd / 12);
    const yearWidth = 12 * monthWidth;
    const every = [1, 2, 5, 10, 20, 50, 100].find((n) => n * yearWidth >= 34) ?? 100;
    const labelled: number[] = [];
    for (let year = firstYear; year <= lastYear; year++) {
      const x = xOf((year - 1970) * 12);
      context.fillRect(x, barSpace, 1, year % every === 0 ? 4 : 2);
      if (year % every === 0) {
        context.fillText(String(year), x + 2, height);
        labelled.push(year);
      }
    }
    // What the canvas shows, for assistive technology and tests: labelled years, and bar totals.
    canvas.dataset.years = labelled.join(",");
    canvas.dataset.passing = String(this.passing ? this.passing.reduce((sum, count) => sum + count, 0) : "");
    canvas.dataset.window = `${monthText(this.windowStart)}/${monthText(this.windowEnd)}`;
  }
}
