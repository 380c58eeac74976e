import {
  NODE_KINDS,
  RELATION_FAMILIES,
  type Dataset,
  type NodeKind,
  type RelationFamily,
} from "../data/dataset.ts";
import { el } from "../dom.ts";
import type { ColorLegend } from "../render/appearance.ts";
import type { FilteredView } from "../state/filtered-view.ts";
import type { Filters } from "../state/navigation.ts";
import { swatch } from "./swatch.ts";

export interface LegendActions {
  toggleNodeType(type: string): void;
  toggleKind(kind: NodeKind): void;
  toggleFamily(family: RelationFamily): void;
}

const formatNumber = (value: number) =>
  Math.abs(value) >= 100 ? Math.round(value).toLocaleString("en") : value.toPrecision(2);

/**
 * What colours and sizes mean, floating over the graph's corner so it stays in view however long
 * the sidebar grows. Each node type, kind and relation family is a button: a click hides or shows
 * it (the same filter the sidebar sets), and a hidden entry is struck through.
 */
export class Legend {
  readonly element: HTMLDetailsElement;
  private readonly body: HTMLElement;
  private colors: ColorLegend = { kind: "types" };
  private sizeNote = "";
  /** Kinds whose types are unfolded; kept across redraws. */
  private readonly unfolded = new Set<NodeKind>();

  constructor(
    private readonly dataset: Dataset,
    private readonly actions: LegendActions,
  ) {
    this.body = el("div", { className: "legend-body" });
    this.element = el(
      "details",
      { className: "legend", attrs: { open: "", "aria-label": "Legend", "data-testid": "legend" } },
      el("summary", { text: "Legend" }),
      this.body,
    );
  }

  setAppearance(colors: ColorLegend, sizeNote: string): void {
    this.colors = colors;
    this.sizeNote = sizeNote;
  }

  private entry(
    color: string,
    label: string,
    count: string,
    hidden: boolean,
    data: Record<string, string>,
    onClick: (() => void) | null,
    shape: "dot" | "line" = "dot",
  ): HTMLElement {
    const content = [
      swatch(color, shape),
      el("span", { className: "legend-label", text: label }),
      el("span", { className: "count", text: count }),
    ];
    if (!onClick) return el("li", { className: "legend-entry", attrs: data }, ...content);
    const button = el(
      "button",
      {
        className: `legend-entry${hidden ? " legend-hidden" : ""}`,
        attrs: {
          type: "button",
          "aria-pressed": String(!hidden),
          title: hidden ? `Show ${label}` : `Hide ${label}`,
          ...data,
        },
      },
      ...content,
    );
    button.addEventListener("click", onClick);
    return el("li", {}, button);
  }

  render(filters: Filters, view: FilteredView | null): void {
    const sections: HTMLElement[] = [];
    const colors = this.colors;
    if (colors.kind === "types") {
      sections.push(el("div", { className: "legend-group", text: "nodes (shades by type)" }));
      for (const kind of NODE_KINDS) {
        const types = this.dataset.nodeTypes.filter((type) => type.kind === kind && type.count > 0);
        if (types.length === 0) continue;
        const kindHidden = filters.nodeKinds !== null && !filters.nodeKinds.has(kind);
        const visible = view
          ? (view.nodesByKind.get(kind) ?? 0)
          : types.reduce((sum, type) => sum + type.count, 0);
        const fold = el(
          "details",
          { className: "legend-kind" },
          el(
            "summary",
            {},
            el(
              "ul",
              {},
              this.entry(
                types[0]!.color,
                `${kind}s`,
                String(visible),
                kindHidden,
                { "data-legend-kind": kind },
                () => this.actions.toggleKind(kind),
              ),
            ),
          ),
          el(
            "ul",
            { className: "legend-types" },
            ...types.map((type) =>
              this.entry(
                type.color,
                type.label,
                view ? `${view.nodesByType.get(type.id) ?? 0}` : `${type.count}`,
                (filters.nodeTypes !== null && !filters.nodeTypes.has(type.id)) ||
                  (filters.nodeKinds !== null && !filters.nodeKinds.has(kind)),
                { "data-legend-type": type.id },
                () => this.actions.toggleNodeType(type.id),
              ),
            ),
          ),
        );
        fold.open = this.unfolded.has(kind);
        fold.addEventListener("toggle", () => {
          if (fold.open) this.unfolded.add(kind);
          else this.unfolded.delete(kind);
        });
        sections.push(fold);
      }
    } else if (colors.kind === "categories") {
      const byKind = colors.title === "kind";
      sections.push(
        el("div", { className: "legend-group", text: colors.title }),
        el(
          "ul",
          {},
          ...colors.entries.map((entry) =>
            this.entry(
              entry.color,
              entry.label,
              String(entry.count),
              byKind && filters.nodeKinds !== null && !filters.nodeKinds.has(entry.label as NodeKind),
              byKind ? { "data-legend-kind": entry.label } : { "data-legend-category": entry.label },
              byKind ? () => this.actions.toggleKind(entry.label as NodeKind) : null,
            ),
          ),
        ),
      );
    } else {
      const gradient = el("div", { className: "legend-scale" });
      gradient.style.background = `linear-gradient(to right, ${colors.colors.join(", ")})`;
      sections.push(
        el("div", { className: "legend-group", text: `${colors.title} (rank)` }),
        gradient,
        el(
          "div",
          { className: "legend-scale-ends" },
          el("span", { text: formatNumber(colors.min) }),
          el("span", { text: formatNumber(colors.max) }),
        ),
      );
    }
    const familyColor = new Map(this.dataset.relationTypes.map((type) => [type.family, type.color]));
    const familyTypes = (family: RelationFamily) =>
      this.dataset.relationTypes
        .filter((type) => type.family === family && type.count > 0)
        .map((type) => type.id);
    sections.push(
      el("div", { className: "legend-group", text: "relations" }),
      el(
        "ul",
        {},
        ...RELATION_FAMILIES.filter(
          (family) => familyColor.has(family) && familyTypes(family).length > 0,
        ).map((family) => {
          const types = familyTypes(family);
          const visible = types.reduce((sum, type) => sum + (view?.relationsByType.get(type) ?? 0), 0);
          const hidden =
            filters.relationTypes !== null && types.every((type) => !filters.relationTypes!.has(type));
          return this.entry(
            familyColor.get(family)!,
            family,
            view ? String(visible) : "",
            hidden,
            { "data-legend-family": family },
            () => this.actions.toggleFamily(family),
            "line",
          );
        }),
      ),
      el("p", { className: "muted legend-note", text: this.sizeNote }),
    );
    this.body.replaceChildren(...sections);
  }
}
