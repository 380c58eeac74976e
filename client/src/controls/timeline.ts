import type { Dataset } from "../data/dataset.ts";
import { monthIndex, monthOfText, monthText } from "../data/dates.ts";
import { el } from "../dom.ts";
import type { Filters } from "../state/navigation.ts";

/**
 * A date-range slider over the months that dated events and relations span, above a histogram of
 * how many start in each month. Two native range inputs keep it keyboard-operable (arrows, Home, End).
 */
export class Timeline {
  readonly element: HTMLElement;
  private readonly fromInput: HTMLInputElement;
  private readonly toInput: HTMLInputElement;
  private readonly readout: HTMLOutputElement;
  private readonly histogram: HTMLCanvasElement;
  private first = 0;
  private last = 0;
  private counts: number[] = [];
  private pending: number | null = null;

  constructor(private readonly onChange: (change: (filters: Filters) => Filters) => void) {
    const range = (label: string, id: string) =>
      el("input", { attrs: { type: "range", min: "0", max: "0", step: "1", "aria-label": label, id } });
    this.fromInput = range("Earliest month shown", "timeline-from");
    this.toInput = range("Latest month shown", "timeline-to");
    this.readout = el("output", { className: "timeline-readout", attrs: { "aria-live": "polite" } });
    this.histogram = el("canvas", { className: "timeline-histogram", attrs: { "aria-hidden": "true" } });
    const reset = el("button", { className: "small", attrs: { type: "button" }, text: "all dates" });
    reset.addEventListener("click", () =>
      this.onChange((filters) => ({ ...filters, dateFrom: null, dateTo: null })),
    );
    this.element = el(
      "section",
      { className: "timeline", attrs: { "aria-label": "Timeline" } },
      el("div", { className: "timeline-head" }, el("h2", { text: "Timeline" }), this.readout, reset),
      el("div", { className: "timeline-track" }, this.histogram, this.fromInput, this.toInput),
    );
    for (const input of [this.fromInput, this.toInput]) {
      input.addEventListener("input", () => this.schedule(input));
    }
    this.element.hidden = true;
  }

  /** Sets the span and the histogram from the dataset once relations are in. */
  setData(dataset: Dataset): void {
    if (!dataset.dateExtent) {
      this.element.hidden = true;
      return;
    }
    this.first = monthIndex(dataset.dateExtent.start);
    this.last = monthIndex(dataset.dateExtent.end);
    this.counts = new Array<number>(this.last - this.first + 1).fill(0);
    const tally = (start: number) => this.counts[monthIndex(start) - this.first]!++;
    for (const entity of dataset.entities.values())
      if (entity.date && entity.kind === "event") tally(entity.date.start);
    for (const relation of dataset.relations.values()) if (relation.date) tally(relation.date.start);
    for (const input of [this.fromInput, this.toInput]) input.max = String(this.last - this.first);
    this.element.hidden = false;
    this.drawHistogram();
  }

  /** Slider moves arrive faster than frames: apply at most one per frame so filtering never piles up. */
  private schedule(moved: HTMLInputElement): void {
    let from = Number(this.fromInput.value);
    let to = Number(this.toInput.value);
    if (from > to) {
      if (moved === this.fromInput) to = from;
      else from = to;
      this.fromInput.value = String(from);
      this.toInput.value = String(to);
    }
    this.showReadout(from, to);
    if (this.pending !== null) cancelAnimationFrame(this.pending);
    this.pending = requestAnimationFrame(() => {
      this.pending = null;
      const max = this.last - this.first;
      this.onChange((filters) => ({
        ...filters,
        dateFrom: from === 0 ? null : monthText(this.first + from),
        dateTo: to === max ? null : monthText(this.first + to),
      }));
    });
  }

  sync(filters: Filters): void {
    if (this.element.hidden) return;
    const max = this.last - this.first;
    const clamp = (value: number) => Math.min(max, Math.max(0, value));
    const from = filters.dateFrom
      ? clamp((monthOfText(filters.dateFrom, "start") ?? this.first) - this.first)
      : 0;
    const to = filters.dateTo ? clamp((monthOfText(filters.dateTo, "end") ?? this.last) - this.first) : max;
    this.fromInput.value = String(from);
    this.toInput.value = String(to);
    this.showReadout(from, to);
    this.drawHistogram(from, to);
  }

  private showReadout(from: number, to: number): void {
    this.readout.textContent = `${monthText(this.first + from)} – ${monthText(this.first + to)}`;
    this.fromInput.setAttribute("aria-valuetext", monthText(this.first + from));
    this.toInput.setAttribute("aria-valuetext", monthText(this.first + to));
  }

  private drawHistogram(from = 0, to = this.counts.length - 1): void {
    const canvas = this.histogram;
    const width = canvas.clientWidth || 600;
    const height = canvas.clientHeight || 40;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext("2d");
    if (!context || this.counts.length === 0) return;
    context.scale(ratio, ratio);
    const style = getComputedStyle(canvas);
    const inRange = style.getPropertyValue("--bar").trim() || "#2f6db5";
    const outOfRange = style.getPropertyValue("--bar-muted").trim() || "#ccc";
    // Square-root heights, so one busy month does not flatten the rest.
    const peak = Math.sqrt(Math.max(...this.counts, 1));
    const barWidth = width / this.counts.length;
    this.counts.forEach((count, i) => {
      if (count === 0) return;
      const barHeight = Math.max(2, (Math.sqrt(count) / peak) * (height - 4));
      context.fillStyle = i >= from && i <= to ? inRange : outOfRange;
      context.fillRect(i * barWidth, height - barHeight, Math.max(1, barWidth - 0.5), barHeight);
    });
  }
}
