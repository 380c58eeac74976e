import { el } from "../dom.ts";
import type { ExportFormat } from "../state/export-url.ts";

export interface ExportMenuActions {
  /** The export link for a format, for the view as it is now. */
  urlFor(format: string): string;
  /** What the links hold, in words ("exactly the 9 nodes and 16 relations on screen"). */
  describe(): string;
  downloadPng(): Promise<void>;
  copyLink(): Promise<boolean>;
}

/**
 * Export of the current filtered view: one link per server format (recomputed when the menu opens, so
 * it always matches the view), a PNG of the canvas, and the shareable link of the view.
 */
export class ExportMenu {
  readonly element: HTMLDetailsElement;
  private readonly links = new Map<string, HTMLAnchorElement>();
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private readonly note: HTMLElement;

  constructor(private readonly actions: ExportMenuActions) {
    this.list = el("div", { className: "export-formats" });
    this.note = el("p", { className: "muted export-note", attrs: { "data-testid": "export-note" } });
    this.status = el("span", { className: "muted", attrs: { role: "status" } });
    const png = el("button", { attrs: { type: "button", "data-export": "png" }, text: "PNG image" });
    png.addEventListener("click", () => {
      this.status.textContent = "Rendering…";
      this.actions
        .downloadPng()
        .then(() => (this.status.textContent = "PNG saved"))
        .catch((error: unknown) => (this.status.textContent = `PNG failed: ${(error as Error).message}`));
    });
    const copy = el("button", {
      attrs: { type: "button", "data-action": "copy-link" },
      text: "Copy link to this view",
    });
    copy.addEventListener("click", () => {
      void this.actions.copyLink().then((ok) => {
        this.status.textContent = ok ? "Link copied" : "Copy the address bar: it holds the view";
      });
    });
    this.element = el(
      "details",
      { className: "menu export-menu" },
      el("summary", { text: "Export / share" }),
      el(
        "div",
        { className: "menu-body" },
        el("p", { className: "muted", text: "The current view as:" }),
        this.list,
        this.note,
        png,
        copy,
        this.status,
      ),
    );
    this.element.addEventListener("toggle", () => {
      if (this.element.open) this.refresh();
    });
  }

  setFormats(formats: ExportFormat[]): void {
    this.links.clear();
    this.list.replaceChildren(
      ...formats.map((format) => {
        const link = el("a", {
          className: "button",
          attrs: { href: "#", title: format.description, "data-export": format.id, download: "" },
          text: format.label,
        });
        // Recomputed on every click too: the view may have changed while the menu stayed open.
        link.addEventListener("click", () => (link.href = this.actions.urlFor(format.id)));
        this.links.set(format.id, link);
        return link;
      }),
    );
    if (this.element.open) this.refresh();
  }

  /** Brings every link up to date with the view (called when the menu opens or the view changes). */
  refresh(): void {
    if (!this.element.open) return;
    for (const [format, link] of this.links) link.href = this.actions.urlFor(format);
    this.note.textContent = this.actions.describe();
  }
}
