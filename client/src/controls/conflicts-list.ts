import type { Dataset } from "../data/dataset.ts";
import { el } from "../dom.ts";
import type { Selection } from "../state/navigation.ts";
import { Dialog } from "./dialog.ts";

/**
 * Every dispute in the graph, reachable from the header: what is disputed, which values the sources
 * give and who gives each. Picking one selects the disputed node or relation.
 */
export class ConflictsList {
  readonly button: HTMLButtonElement;
  private readonly dialog = new Dialog("Disputes: where sources disagree", "conflicts");

  constructor(
    private readonly dataset: () => Dataset | null,
    private readonly select: (selection: Selection) => void,
  ) {
    this.button = el("button", {
      className: "disputes-button",
      attrs: { type: "button", "data-action": "conflicts", title: "Where sources disagree" },
      text: "⚠ Disputes",
    });
    this.button.hidden = true;
    this.button.addEventListener("click", () => this.open());
  }

  /** Shows the count once the vocabulary is in; hidden when nothing is disputed. */
  refresh(): void {
    const count = this.dataset()?.conflicts.length ?? 0;
    this.button.hidden = count === 0;
    this.button.textContent = `⚠ Disputes (${count})`;
  }

  open(): void {
    const dataset = this.dataset();
    if (!dataset) return;
    const sourceName = (id: string) => {
      const source = dataset.sourceById.get(id);
      return source ? (source.outlet ?? source.title) : id;
    };
    this.dialog.body.replaceChildren(
      el(
        "ul",
        { className: "conflicts-list" },
        ...dataset.conflicts.map((conflict) => {
          const pick = el("button", {
            className: "link-button",
            attrs: { type: "button", "data-conflict": conflict.id },
            text: conflict.targetLabel,
          });
          pick.addEventListener("click", () => {
            this.dialog.close();
            this.select({ kind: conflict.targetKind, id: conflict.target });
          });
          return el(
            "li",
            { className: "conflict-entry" },
            el("span", { className: "chip chip-disputed", text: conflict.kind }),
            " ",
            pick,
            el(
              "ul",
              { className: "conflict-sides" },
              ...conflict.sides.map((side) =>
                el(
                  "li",
                  {},
                  el("span", { className: "conflict-value", text: side.value }),
                  el("span", { className: "muted", text: ` · ${side.sources.map(sourceName).join(", ")}` }),
                ),
              ),
            ),
          );
        }),
      ),
    );
    this.dialog.show();
  }
}
