import { el } from "../dom.ts";
import { METRIC_LABELS } from "../render/appearance.ts";
import { LABEL_DENSITIES, type Appearance } from "../state/navigation.ts";

const SIZE_OPTIONS: [Appearance["sizeBy"], string][] = [
  ["degree", "degree"],
  ["pagerank", METRIC_LABELS.pagerank],
  ["betweenness", METRIC_LABELS.betweenness],
  ["none", "all the same"],
];
const COLOR_OPTIONS: [Appearance["colorBy"], string][] = [
  ["type", "node type"],
  ["kind", "kind"],
  ["community", METRIC_LABELS.community],
  ["degree", "degree"],
  ["pagerank", METRIC_LABELS.pagerank],
  ["betweenness", METRIC_LABELS.betweenness],
];

/** Size by, colour by and label density; a status line says when a metric is still being computed. */
export class AppearancePanel {
  readonly element: HTMLElement;
  private readonly size: HTMLSelectElement;
  private readonly color: HTMLSelectElement;
  private readonly labels: HTMLSelectElement;
  private readonly status: HTMLElement;

  constructor(onChange: (change: Partial<Appearance>) => void) {
    const select = (id: string, options: [string, string][]) =>
      el(
        "select",
        { attrs: { id } },
        ...options.map(([value, text]) => el("option", { attrs: { value }, text })),
      );
    this.size = select("size-by", SIZE_OPTIONS);
    this.color = select("color-by", COLOR_OPTIONS);
    this.labels = select(
      "label-density",
      LABEL_DENSITIES.map((density) => [density, density]),
    );
    this.size.addEventListener("change", () => onChange({ sizeBy: this.size.value as Appearance["sizeBy"] }));
    this.color.addEventListener("change", () =>
      onChange({ colorBy: this.color.value as Appearance["colorBy"] }),
    );
    this.labels.addEventListener("change", () =>
      onChange({ labels: this.labels.value as Appearance["labels"] }),
    );
    this.status = el("p", { className: "muted appearance-status", attrs: { role: "status" } });
    this.element = el(
      "section",
      { className: "appearance", attrs: { "aria-label": "Appearance" } },
      el("h2", { text: "Appearance" }),
      el("div", { className: "row" }, el("label", { attrs: { for: "size-by" }, text: "Size by" }), this.size),
      el(
        "div",
        { className: "row" },
        el("label", { attrs: { for: "color-by" }, text: "Colour by" }),
        this.color,
      ),
      el(
        "div",
        { className: "row" },
        el("label", { attrs: { for: "label-density" }, text: "Labels" }),
        this.labels,
      ),
      this.status,
    );
  }

  sync(appearance: Appearance, status: string): void {
    this.size.value = appearance.sizeBy;
    this.color.value = appearance.colorBy;
    this.labels.value = appearance.labels;
    this.status.textContent = status;
  }
}
