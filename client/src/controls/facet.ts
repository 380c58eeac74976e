import { el } from "../dom.ts";
import { swatch } from "./swatch.ts";

/**
 * One filter facet: a list of values with a tick each, visible/total counts that follow the filters,
 * all/none, and, past a handful of values, a search box and a cap on rows drawn (590 sources must
 * not make a 24,000-pixel sidebar). The facet only reports changes and mirrors what it is given.
 */

export interface FacetValue {
  id: string;
  label: string;
  /** Shown muted after the label, such as a source's outlet. */
  detail?: string;
  color?: string;
  shape?: "dot" | "line";
  total: number;
  /** A group heading the value is listed under (relation families). */
  group?: string;
}

export interface FacetOptions {
  title: string;
  /** data-* attribute name on each checkbox, for tests and styles: data-<attribute>="<id>". */
  attribute: string;
  values: FacetValue[];
  /** Rows drawn at most; a search narrows the rest. */
  maxRows: number;
  /** Values past which the search box shows. */
  searchAbove: number;
  onToggle(id: string, on: boolean): void;
  onAll(): void;
  onNone(): void;
}

export class Facet {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly search: HTMLInputElement | null;
  private readonly more: HTMLElement;
  private selected: ReadonlySet<string> | null = null;
  private visible: ReadonlyMap<string, number> | null = null;
  private readonly rows = new Map<
    string,
    { row: HTMLElement; input: HTMLInputElement; count: HTMLElement }
  >();

  constructor(private readonly options: FacetOptions) {
    const all = el("button", {
      className: "small",
      attrs: { type: "button", "data-facet-action": "all" },
      text: "all",
    });
    const none = el("button", {
      className: "small",
      attrs: { type: "button", "data-facet-action": "none" },
      text: "none",
    });
    all.addEventListener("click", () => options.onAll());
    none.addEventListener("click", () => options.onNone());
    this.search =
      options.values.length > options.searchAbove
        ? el("input", {
            className: "facet-search",
            attrs: {
              type: "search",
              placeholder: `Find in ${options.values.length} ${options.title.toLowerCase()}…`,
              "aria-label": `Find ${options.title.toLowerCase()}`,
            },
          })
        : null;
    this.search?.addEventListener("input", () => this.render());
    this.list = el("div", { className: "facet-list" });
    this.more = el("p", { className: "muted facet-more" });
    this.element = el(
      "section",
      { className: "facet", attrs: { "data-facet": options.attribute } },
      el("h3", { className: "with-actions" }, `${options.title} `, all, none),
      this.search,
      this.list,
      this.more,
    );
    this.render();
  }

  /** Replaces the values' totals (known only once the relations are in). */
  setTotals(totals: ReadonlyMap<string, number>): void {
    for (const value of this.options.values) value.total = totals.get(value.id) ?? 0;
  }

  /** Mirrors the ticked set (null: all) and the visible counts (null: still loading). */
  sync(selected: ReadonlySet<string> | null, visible: ReadonlyMap<string, number> | null): void {
    this.selected = selected;
    this.visible = visible;
    for (const [id, row] of this.rows) this.syncRow(id, row);
  }

  private syncRow(id: string, row: { input: HTMLInputElement; count: HTMLElement }): void {
    const value = this.options.values.find((candidate) => candidate.id === id);
    row.input.checked = !this.selected || this.selected.has(id);
    row.count.textContent = this.visible
      ? `${this.visible.get(id) ?? 0}/${value?.total ?? 0}`
      : String(value?.total ?? 0);
  }

  private render(): void {
    const query = (this.search?.value ?? "").trim().toLocaleLowerCase();
    const matching = query
      ? this.options.values.filter((value) =>
          `${value.label} ${value.detail ?? ""} ${value.id}`.toLocaleLowerCase().includes(query),
        )
      : this.options.values;
    const shown = matching.slice(0, this.options.maxRows);
    this.rows.clear();
    const children: HTMLElement[] = [];
    let group: string | undefined;
    for (const value of shown) {
      if (value.group !== undefined && value.group !== group) {
        group = value.group;
        children.push(el("div", { className: "facet-group", text: value.group }));
      }
      const input = el("input", {
        attrs: { type: "checkbox", [`data-${this.options.attribute}`]: value.id },
      });
      input.addEventListener("change", () => this.options.onToggle(value.id, input.checked));
      const count = el("span", { className: "count" });
      const row = el(
        "label",
        {
          className: "check",
          attrs: { title: value.detail ? `${value.label} · ${value.detail}` : value.label },
        },
        input,
        value.color ? swatch(value.color, value.shape ?? "dot") : null,
        el(
          "span",
          { className: "facet-label" },
          value.label,
          value.detail ? el("span", { className: "muted", text: ` · ${value.detail}` }) : null,
        ),
        count,
      );
      this.rows.set(value.id, { row, input, count });
      this.syncRow(value.id, { input, count });
      children.push(row);
    }
    this.list.replaceChildren(...children);
    const hidden = matching.length - shown.length;
    this.more.textContent =
      hidden > 0 ? `${hidden} more: type to narrow` : matching.length === 0 ? "Nothing matches." : "";
    this.more.hidden = this.more.textContent === "";
  }
}
