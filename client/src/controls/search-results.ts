import type { SearchSuggestion } from "../data/search-index.ts";
import { el } from "../dom.ts";

/** Every match of a search, in a list at the top of the sidebar; a click picks one. */
export class SearchResults {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLElement;

  constructor(
    private readonly describe: (id: string) => string,
    private readonly isDisputed: (id: string) => boolean,
    private readonly onPick: (id: string) => void,
  ) {
    this.heading = el("h2", {});
    const close = el("button", {
      className: "icon-button",
      attrs: { type: "button", "aria-label": "Close the results" },
      text: "×",
    });
    close.addEventListener("click", () => (this.element.hidden = true));
    this.list = el("ol", { className: "search-results-list" });
    this.element = el(
      "section",
      {
        className: "search-results",
        attrs: { "aria-label": "Search results", "data-testid": "search-results" },
      },
      el("div", { className: "with-close" }, this.heading, close),
      this.list,
    );
    this.element.hidden = true;
  }

  show(query: string, results: SearchSuggestion[]): void {
    this.heading.textContent = `${results.length} results for “${query}”`;
    this.list.replaceChildren(
      ...results.map((result) => {
        const button = el("button", {
          className: "link-button",
          attrs: { type: "button", "data-node": result.id },
          text: result.label,
        });
        button.addEventListener("click", () => this.onPick(result.id));
        return el(
          "li",
          {},
          button,
          result.matchedAlias ? el("span", { className: "muted", text: ` (${result.matchedAlias})` }) : null,
          el("span", { className: "muted", text: this.describe(result.id) }),
          this.isDisputed(result.id)
            ? el("span", { className: "chip chip-disputed", text: "disputed" })
            : null,
        );
      }),
    );
    this.element.hidden = false;
    this.element.scrollIntoView({ block: "nearest" });
  }
}
