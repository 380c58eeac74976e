import { el } from "../dom.ts";
import type { SearchIndex, SearchSuggestion } from "../data/search-index.ts";

/**
 * Autocomplete over labels and aliases (WAI-ARIA combobox). Arrow keys move through suggestions,
 * Enter picks, Escape closes the list; `/` anywhere on the page focuses the box (see keyboard.ts).
 */
export class SearchBox {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private suggestions: SearchSuggestion[] = [];
  private active = -1;

  constructor(
    private readonly index: () => SearchIndex | null,
    private readonly maxSuggestions: number,
    private readonly describe: (id: string) => string,
    private readonly onPick: (id: string) => void,
  ) {
    this.input = el("input", {
      className: "search-input",
      attrs: {
        type: "search",
        role: "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": "search-suggestions",
        "aria-label": "Search nodes by name or alias (press / to focus)",
        placeholder: "Search nodes…  /",
        autocomplete: "off",
        spellcheck: "false",
      },
    });
    this.list = el("ul", {
      className: "search-suggestions",
      attrs: { id: "search-suggestions", role: "listbox", "aria-label": "Suggestions" },
    });
    this.list.hidden = true;
    this.element = el("div", { className: "search", attrs: { role: "search" } }, this.input, this.list);

    this.input.addEventListener("input", () => this.refresh());
    this.input.addEventListener("focus", () => this.refresh());
    this.input.addEventListener("blur", () => setTimeout(() => this.close(), 150));
    this.input.addEventListener("keydown", (event) => this.onKey(event));
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  private refresh(): void {
    const index = this.index();
    this.suggestions = index ? index.search(this.input.value, this.maxSuggestions) : [];
    this.active = this.suggestions.length > 0 ? 0 : -1;
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.suggestions.map((suggestion, i) => {
        const option = el(
          "li",
          {
            className: "search-option",
            attrs: {
              id: `search-option-${i}`,
              role: "option",
              "aria-selected": String(i === this.active),
              "data-node": suggestion.id,
            },
          },
          el("span", { className: "option-label", text: suggestion.label }),
          suggestion.matchedAlias
            ? el("span", { className: "option-alias", text: ` (${suggestion.matchedAlias})` })
            : null,
          el("span", { className: "option-kind", text: this.describe(suggestion.id) }),
        );
        // mousedown, not click: the input's blur would close the list before a click lands.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          this.pick(i);
        });
        return option;
      }),
    );
    const open = this.suggestions.length > 0 && document.activeElement === this.input;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
    if (this.active >= 0) this.input.setAttribute("aria-activedescendant", `search-option-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  private onKey(event: KeyboardEvent): void {
    const open = !this.list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (this.suggestions.length === 0) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.suggestions.length) % this.suggestions.length;
      this.render();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (this.active >= 0) this.pick(this.active);
    } else if (event.key === "Escape" && open) {
      // Closing the list is this Escape's whole job; the page's Escape (clear selection) waits.
      event.stopPropagation();
      this.close();
    }
  }

  private pick(i: number): void {
    const suggestion = this.suggestions[i];
    if (!suggestion) return;
    this.input.value = suggestion.label;
    this.close();
    this.onPick(suggestion.id);
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  }
}
