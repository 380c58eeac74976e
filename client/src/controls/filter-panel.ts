import { NODE_KINDS, RELATION_FAMILIES, type Dataset, type NodeKind } from "../data/dataset.ts";
import { el } from "../dom.ts";
import type { FilteredView } from "../state/filtered-view.ts";
import { toggleMember, type Filters } from "../state/navigation.ts";
import { Facet } from "./facet.ts";

const KIND_LABELS: Record<NodeKind, string> = { actor: "Actors", event: "Events", place: "Places" };

/** Rows a facet draws before it asks for a search; a search box shows past this many values. */
const MAX_ROWS = 60;
const SEARCH_ABOVE = 12;

type Change = (change: (filters: Filters) => Filters) => void;

/**
 * The filter facets (node kinds, node types, sources, relation types by family), corroboration and
 * two options. The panel only reports changes and mirrors the state it is given: data flows one way.
 */
export class FilterPanel {
  readonly element: HTMLElement;
  private readonly kinds: Facet;
  private readonly nodeTypes: Facet;
  private readonly sources: Facet;
  private readonly relationTypes: Facet;
  private readonly corroboration: HTMLSelectElement;
  private readonly keepUndated: HTMLInputElement;
  private readonly keepOrphans: HTMLInputElement;

  private sourceTotalsKnown = false;

  constructor(
    private readonly dataset: Dataset,
    onChange: Change,
  ) {
    const allTypes = dataset.relationTypes.filter((type) => type.count > 0).map((type) => type.id);
    const allNodeTypes = dataset.nodeTypes.filter((type) => type.count > 0).map((type) => type.id);
    const allSources = dataset.sources.map((source) => source.id);
    const kindColor = (kind: NodeKind) => dataset.nodeTypes.find((type) => type.kind === kind)?.color;

    this.kinds = new Facet({
      title: "Node kinds",
      attribute: "kind",
      values: NODE_KINDS.map((kind) => ({
        id: kind,
        label: KIND_LABELS[kind],
        color: kindColor(kind),
        total: dataset.nodeTypes
          .filter((type) => type.kind === kind)
          .reduce((sum, type) => sum + type.count, 0),
      })),
      maxRows: MAX_ROWS,
      searchAbove: SEARCH_ABOVE,
      onToggle: (id, on) =>
        onChange((filters) => ({
          ...filters,
          nodeKinds: toggleMember(filters.nodeKinds, NODE_KINDS, id as NodeKind, on),
        })),
      onAll: () => onChange((filters) => ({ ...filters, nodeKinds: null })),
      onNone: () => onChange((filters) => ({ ...filters, nodeKinds: new Set() })),
    });
    this.nodeTypes = new Facet({
      title: "Node types",
      attribute: "node-type",
      values: NODE_KINDS.flatMap((kind) =>
        dataset.nodeTypes
          .filter((type) => type.kind === kind && type.count > 0)
          .map((type) => ({
            id: type.id,
            label: type.label,
            color: type.color,
            total: type.count,
            group: kind,
          })),
      ),
      maxRows: MAX_ROWS,
      searchAbove: SEARCH_ABOVE,
      onToggle: (id, on) =>
        onChange((filters) => ({
          ...filters,
          nodeTypes: toggleMember(filters.nodeTypes, allNodeTypes, id, on),
        })),
      onAll: () => onChange((filters) => ({ ...filters, nodeTypes: null })),
      onNone: () => onChange((filters) => ({ ...filters, nodeTypes: new Set() })),
    });
    this.sources = new Facet({
      title: "Sources",
      attribute: "source",
      values: dataset.sources.map((source) => ({
        id: source.id,
        label: source.title,
        detail: source.outlet ?? "outlet unknown",
        total: 0,
      })),
      maxRows: MAX_ROWS,
      searchAbove: SEARCH_ABOVE,
      onToggle: (id, on) =>
        onChange((filters) => ({ ...filters, sources: toggleMember(filters.sources, allSources, id, on) })),
      onAll: () => onChange((filters) => ({ ...filters, sources: null })),
      onNone: () => onChange((filters) => ({ ...filters, sources: new Set() })),
    });
    this.relationTypes = new Facet({
      title: "Relation types",
      attribute: "relation-type",
      values: RELATION_FAMILIES.flatMap((family) =>
        dataset.relationTypes
          .filter((type) => type.family === family && type.count > 0)
          .map((type) => ({
            id: type.id,
            label: type.label,
            detail: type.id,
            color: type.color,
            shape: "line" as const,
            total: type.count,
            group: family,
          })),
      ),
      maxRows: MAX_ROWS,
      searchAbove: SEARCH_ABOVE,
      onToggle: (id, on) =>
        onChange((filters) => ({
          ...filters,
          relationTypes: toggleMember(filters.relationTypes, allTypes, id, on),
        })),
      onAll: () => onChange((filters) => ({ ...filters, relationTypes: null })),
      onNone: () => onChange((filters) => ({ ...filters, relationTypes: new Set() })),
    });

    this.corroboration = el(
      "select",
      { attrs: { id: "min-corroboration" } },
      ...Array.from({ length: Math.max(1, Math.min(10, dataset.sources.length)) }, (_, i) =>
        el("option", { attrs: { value: String(i + 1) }, text: i === 0 ? "any" : `≥ ${i + 1} sources` }),
      ),
    );
    this.corroboration.addEventListener("change", () =>
      onChange((filters) => ({ ...filters, minCorroboration: Number(this.corroboration.value) })),
    );
    this.keepUndated = el("input", { attrs: { type: "checkbox", id: "keep-undated" } });
    this.keepUndated.addEventListener("change", () =>
      onChange((filters) => ({ ...filters, keepUndated: this.keepUndated.checked })),
    );
    this.keepOrphans = el("input", { attrs: { type: "checkbox", id: "keep-orphans" } });
    this.keepOrphans.addEventListener("change", () =>
      onChange((filters) => ({ ...filters, keepOrphans: this.keepOrphans.checked })),
    );

    this.element = el(
      "section",
      { className: "filters", attrs: { "aria-label": "Filters" } },
      el("h2", { text: "Filters" }),
      this.kinds.element,
      this.nodeTypes.element,
      this.relationTypes.element,
      this.sources.element,
      el(
        "div",
        { className: "row" },
        el("label", { attrs: { for: "min-corroboration" }, text: "Corroboration " }),
        this.corroboration,
      ),
      el("label", { className: "check" }, this.keepUndated, "Keep undated relations and events"),
      el("label", { className: "check" }, this.keepOrphans, "Keep nodes left without relations"),
    );
  }

  /** Mirrors the filters and the visible counts. */
  sync(filters: Filters, view: FilteredView | null): void {
    if (!this.sourceTotalsKnown && this.dataset.relations.size > 0 && view) {
      // Relations per source are known once the relations are in.
      const totals = new Map<string, number>();
      for (const relation of this.dataset.relations.values())
        for (const source of relation.sources) totals.set(source, (totals.get(source) ?? 0) + 1);
      this.sources.setTotals(totals);
      this.sourceTotalsKnown = this.dataset.relations.size >= this.dataset.totals.relations;
    }
    this.kinds.sync(filters.nodeKinds, view?.nodesByKind ?? null);
    this.nodeTypes.sync(filters.nodeTypes, view?.nodesByType ?? null);
    this.relationTypes.sync(filters.relationTypes, view?.relationsByType ?? null);
    this.sources.sync(filters.sources, view?.relationsBySource ?? null);
    this.corroboration.value = String(Math.min(filters.minCorroboration, this.corroboration.options.length));
    this.keepUndated.checked = filters.keepUndated;
    this.keepOrphans.checked = filters.keepOrphans;
  }
}
