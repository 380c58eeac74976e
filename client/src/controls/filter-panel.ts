import { NODE_KINDS, RELATION_FAMILIES, type Dataset, type NodeKind } from "../data/dataset.ts";
import { el } from "../dom.ts";
import type { FilteredView } from "../state/filtered-view.ts";
import { toggleMember, type Filters } from "../state/navigation.ts";
import { swatch } from "./swatch.ts";

const KIND_LABELS: Record<NodeKind, string> = { actor: "Actors", event: "Events", place: "Places" };

interface Checkbox {
  input: HTMLInputElement;
  count?: HTMLElement;
}

function checkboxRow(label: Node[], data: Record<string, string>): { row: HTMLElement } & Checkbox {
  const input = el("input", { attrs: { type: "checkbox", ...data } });
  const count = el("span", { className: "count" });
  const row = el("label", { className: "check" }, input, ...label, count);
  return { row, input, count };
}

/**
 * Relation types, node kinds, sources, minimum corroboration and two options. The panel only
 * reports changes (onChange) and mirrors the state it is given (sync): data flows one way.
 */
export class FilterPanel {
  readonly element: HTMLElement;
  private readonly typeBoxes = new Map<string, Checkbox>();
  private readonly kindBoxes = new Map<NodeKind, Checkbox>();
  private readonly sourceBoxes = new Map<string, Checkbox>();
  private readonly corroboration: HTMLSelectElement;
  private readonly keepUndated: HTMLInputElement;
  private readonly keepOrphans: HTMLInputElement;

  constructor(
    private readonly dataset: Dataset,
    private readonly onChange: (change: (filters: Filters) => Filters) => void,
  ) {
    const allTypes = dataset.relationTypes.filter((type) => type.count > 0).map((type) => type.id);
    const allSources = dataset.sources.map((source) => source.id);

    const typeGroups = RELATION_FAMILIES.map((family) => {
      const types = dataset.relationTypes.filter((type) => type.family === family && type.count > 0);
      if (types.length === 0) return null;
      return el(
        "fieldset",
        { className: "family" },
        el("legend", {}, swatch(types[0]!.color, "line"), family),
        ...types.map((type) => {
          const box = checkboxRow([el("span", { text: type.id, attrs: { title: type.label } })], {
            "data-relation-type": type.id,
          });
          box.input.addEventListener("change", () =>
            this.onChange((filters) => ({
              ...filters,
              relationTypes: toggleMember(filters.relationTypes, allTypes, type.id, box.input.checked),
            })),
          );
          this.typeBoxes.set(type.id, box);
          return box.row;
        }),
      );
    });
    const allNone = (label: string, value: ReadonlySet<string> | null) => {
      const button = el("button", { className: "small", attrs: { type: "button" }, text: label });
      button.addEventListener("click", () =>
        this.onChange((filters) => ({ ...filters, relationTypes: value })),
      );
      return button;
    };

    const kindRows = NODE_KINDS.map((kind) => {
      const color = dataset.nodeTypes.find((type) => type.kind === kind)?.color ?? "#888";
      const box = checkboxRow([swatch(color), el("span", { text: KIND_LABELS[kind] })], {
        "data-kind": kind,
      });
      box.input.addEventListener("change", () =>
        this.onChange((filters) => ({
          ...filters,
          nodeKinds: toggleMember(filters.nodeKinds, NODE_KINDS, kind, box.input.checked),
        })),
      );
      this.kindBoxes.set(kind, box);
      return box.row;
    });

    const sourceRows = dataset.sources.map((source) => {
      const box = checkboxRow(
        [
          el(
            "span",
            { className: "source-name" },
            source.title,
            el("span", { className: "muted", text: ` · ${source.outlet ?? "outlet unknown"}` }),
          ),
        ],
        { "data-source": source.id },
      );
      box.input.addEventListener("change", () =>
        this.onChange((filters) => ({
          ...filters,
          sources: toggleMember(filters.sources, allSources, source.id, box.input.checked),
        })),
      );
      this.sourceBoxes.set(source.id, box);
      return box.row;
    });

    this.corroboration = el(
      "select",
      { attrs: { id: "min-corroboration" } },
      ...Array.from({ length: Math.max(1, dataset.sources.length) }, (_, i) =>
        el("option", { attrs: { value: String(i + 1) }, text: i === 0 ? "any" : `≥ ${i + 1} sources` }),
      ),
    );
    this.corroboration.addEventListener("change", () =>
      this.onChange((filters) => ({ ...filters, minCorroboration: Number(this.corroboration.value) })),
    );
    this.keepUndated = el("input", { attrs: { type: "checkbox", id: "keep-undated" } });
    this.keepUndated.addEventListener("change", () =>
      this.onChange((filters) => ({ ...filters, keepUndated: this.keepUndated.checked })),
    );
    this.keepOrphans = el("input", { attrs: { type: "checkbox", id: "keep-orphans" } });
    this.keepOrphans.addEventListener("change", () =>
      this.onChange((filters) => ({ ...filters, keepOrphans: this.keepOrphans.checked })),
    );

    this.element = el(
      "section",
      { className: "filters", attrs: { "aria-label": "Filters" } },
      el("h2", { text: "Filters" }),
      el("h3", { text: "Node kinds" }),
      ...kindRows,
      el("h3", { text: "Sources" }),
      ...sourceRows,
      el(
        "div",
        { className: "row" },
        el("label", { attrs: { for: "min-corroboration" }, text: "Corroboration " }),
        this.corroboration,
      ),
      el("label", { className: "check" }, this.keepUndated, "Keep undated relations and events"),
      el("label", { className: "check" }, this.keepOrphans, "Keep nodes left without relations"),
      el(
        "h3",
        { className: "with-actions" },
        "Relation types ",
        allNone("all", null),
        allNone("none", new Set()),
      ),
      ...typeGroups,
    );
  }

  /** Mirrors the filters and the visible counts. */
  sync(filters: Filters, view: FilteredView | null): void {
    for (const [type, box] of this.typeBoxes) {
      box.input.checked = !filters.relationTypes || filters.relationTypes.has(type);
      const total = this.dataset.relationTypeById.get(type)?.count ?? 0;
      box.count!.textContent = view ? `${view.relationsByType.get(type) ?? 0}/${total}` : String(total);
    }
    for (const [kind, box] of this.kindBoxes)
      box.input.checked = !filters.nodeKinds || filters.nodeKinds.has(kind);
    for (const [source, box] of this.sourceBoxes)
      box.input.checked = !filters.sources || filters.sources.has(source);
    this.corroboration.value = String(Math.min(filters.minCorroboration, this.corroboration.options.length));
    this.keepUndated.checked = filters.keepUndated;
    this.keepOrphans.checked = filters.keepOrphans;
  }
}
