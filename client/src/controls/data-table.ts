import type { Dataset } from "../data/dataset.ts";
import { dayText } from "../data/dates.ts";
import { el } from "../dom.ts";
import type { FilteredView } from "../state/filtered-view.ts";
import type { Selection } from "../state/navigation.ts";

/**
 * The visible nodes or relations as a table, sortable by any column, following the filters. Only the
 * rows in view are in the DOM (fixed-height rows over a spacer), so ten thousand rows scroll freely.
 */

type Cell = string | number | null;
interface Column {
  key: string;
  label: string;
  numeric?: boolean;
}
interface Row {
  id: string;
  cells: Cell[];
}

const ROW_HEIGHT = 24;

export class DataTable {
  readonly element: HTMLElement;
  private readonly scroller: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly rowsBox: HTMLElement;
  private readonly head: HTMLElement;
  private readonly caption: HTMLElement;
  private tab: "nodes" | "relations" = "nodes";
  private sort: { column: number; descending: boolean } = { column: 0, descending: false };
  private rows: Row[] = [];
  private columns: Column[] = [];
  private readonly tabs: Record<"nodes" | "relations", HTMLButtonElement>;

  constructor(
    private readonly dataset: () => Dataset | null,
    private readonly view: () => FilteredView | null,
    private readonly metrics: () => ReadonlyMap<string, ReadonlyMap<string, number>>,
    private readonly select: (selection: Selection) => void,
    private readonly windowRows: number,
  ) {
    const tab = (name: "nodes" | "relations", text: string) => {
      const button = el("button", { attrs: { type: "button", role: "tab", "data-tab": name }, text });
      button.addEventListener("click", () => {
        this.tab = name;
        this.sort = { column: 0, descending: false };
        this.refresh();
      });
      return button;
    };
    this.tabs = { nodes: tab("nodes", "Nodes"), relations: tab("relations", "Relations") };
    this.caption = el("span", { className: "muted" });
    this.head = el("div", { className: "table-row table-head", attrs: { role: "row" } });
    this.spacer = el("div", { className: "table-spacer" });
    this.rowsBox = el("div", { className: "table-rows", attrs: { role: "rowgroup" } });
    this.scroller = el("div", { className: "table-scroller" }, this.spacer, this.rowsBox);
    this.scroller.addEventListener("scroll", () => this.drawRows());
    this.element = el(
      "section",
      {
        className: "data-table",
        attrs: { "aria-label": "Data table", "data-testid": "data-table", role: "table" },
      },
      el(
        "div",
        { className: "table-tabs", attrs: { role: "tablist" } },
        this.tabs.nodes,
        this.tabs.relations,
        this.caption,
      ),
      this.head,
      this.scroller,
    );
    this.element.hidden = true;
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  toggle(): void {
    this.element.hidden = !this.element.hidden;
    if (!this.element.hidden) this.refresh();
  }

  /** Rebuilds the rows from the view (called when it changes, while the table is open). */
  refresh(): void {
    if (this.element.hidden) return;
    const dataset = this.dataset();
    const view = this.view();
    if (!dataset || !view) return;
    for (const [name, button] of Object.entries(this.tabs))
      button.setAttribute("aria-selected", String(name === this.tab));
    if (this.tab === "nodes") this.buildNodes(dataset, view);
    else this.buildRelations(dataset, view);
    this.sortRows();
    this.caption.textContent = `${this.rows.length} ${this.tab} shown`;
    this.head.replaceChildren(
      ...this.columns.map((column, i) => {
        const button = el("button", {
          className: `table-cell${column.numeric ? " numeric" : ""}`,
          attrs: {
            type: "button",
            role: "columnheader",
            "data-column": column.key,
            "aria-sort":
              i === this.sort.column ? (this.sort.descending ? "descending" : "ascending") : "none",
          },
          text: `${column.label}${i === this.sort.column ? (this.sort.descending ? " ▼" : " ▲") : ""}`,
        });
        button.addEventListener("click", () => {
          this.sort = {
            column: i,
            descending: i === this.sort.column ? !this.sort.descending : !!column.numeric,
          };
          this.refresh();
        });
        return button;
      }),
    );
    this.spacer.style.height = `${this.rows.length * ROW_HEIGHT}px`;
    this.drawRows();
  }

  private buildNodes(dataset: Dataset, view: FilteredView): void {
    const metrics = this.metrics();
    const extra = (["pagerank", "betweenness", "community"] as const).filter((metric) => metrics.has(metric));
    this.columns = [
      { key: "label", label: "Label" },
      { key: "type", label: "Type" },
      { key: "degree", label: "Relations", numeric: true },
      ...extra.map((metric) => ({ key: metric, label: metric, numeric: true })),
      { key: "date", label: "Date" },
      { key: "disputed", label: "Disputed" },
    ];
    this.rows = [...view.nodes].map((id) => {
      const entity = dataset.entities.get(id)!;
      return {
        id,
        cells: [
          entity.label,
          dataset.nodeTypeById.get(entity.type)?.label ?? entity.type,
          dataset.degree.get(id) ?? 0,
          ...extra.map((metric) => {
            const value = metrics.get(metric)!.get(id) ?? 0;
            return metric === "community" ? value + 1 : Number(value.toPrecision(3));
          }),
          entity.date ? dayText(entity.date.start) : null,
          dataset.conflictsByTarget.has(id) ? "disputed" : null,
        ],
      };
    });
  }

  private buildRelations(dataset: Dataset, view: FilteredView): void {
    this.columns = [
      { key: "subject", label: "Subject" },
      { key: "type", label: "Relation" },
      { key: "object", label: "Object" },
      { key: "date", label: "Date" },
      { key: "corroboration", label: "Sources", numeric: true },
      { key: "modality", label: "Modality" },
      { key: "disputed", label: "Disputed" },
    ];
    const label = (id: string) => dataset.entities.get(id)?.label ?? id;
    this.rows = [...view.relations].map((id) => {
      const relation = dataset.relations.get(id)!;
      return {
        id,
        cells: [
          label(relation.subject),
          dataset.relationTypeById.get(relation.type)?.label ?? relation.type,
          label(relation.object),
          relation.date ? dayText(relation.date.start) : null,
          relation.corroboration,
          relation.modality,
          dataset.conflictsByTarget.has(id) ? "disputed" : null,
        ],
      };
    });
  }

  private sortRows(): void {
    const { column, descending } = this.sort;
    const direction = descending ? -1 : 1;
    this.rows.sort((a, b) => {
      const x = a.cells[column];
      const y = b.cells[column];
      // Empty cells last, whichever the direction.
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      const order =
        typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
      return order * direction || a.id.localeCompare(b.id);
    });
  }

  private drawRows(): void {
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(this.rows.length, first + this.windowRows);
    this.rowsBox.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const kind = this.tab === "nodes" ? "node" : "relation";
    this.rowsBox.replaceChildren(
      ...this.rows.slice(first, last).map((row) => {
        const element = el(
          "div",
          { className: "table-row", attrs: { role: "row", tabindex: "0", "data-row": row.id } },
          ...row.cells.map((cell, i) =>
            el("span", {
              className: `table-cell${this.columns[i]?.numeric ? " numeric" : ""}`,
              attrs: { role: "cell" },
              text: cell === null ? "" : String(cell),
            }),
          ),
        );
        const pick = () => this.select({ kind, id: row.id });
        element.addEventListener("click", pick);
        element.addEventListener("keydown", (event) => {
          if (event.key === "Enter") pick();
        });
        return element;
      }),
    );
  }
}
