import { el } from "../dom.ts";
import type { SearchIndex, SearchSuggestion } from "../data/search-index.ts";
export type { SearchSuggestion };

/**
 * Autocomplete over labels and aliases (WAI-ARIA combobox). Arrow keys move through suggestions,
 * Enter picks, Escape closes the list; `/` anywhere on the page focuses the box (see keyboard.ts).
 */
export interface SearchBoxOptions {
  index: () => SearchIndex | null;
  maxSuggestions: number;
  /** How many matches the full result list may hold. */
  maxResults: number;
  /** Short type text after each suggestion. */
  describe: (id: string) => string;
  /** Disputed nodes are marked in the suggestions. */
  isDisputed: (id: string) => boolean;
  onPick: (id: string) => void;
  /** Lists every match (the last option, when there are more than the suggestions show). */
  onShowAll?: (query: string, results: SearchSuggestion[]) => void;
  /** Prefix of element ids, so that two boxes can live on one page. */
  idPrefix: string;
  label: string;
  placeholder: string;
}

export class SearchBox {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private suggestions: SearchSuggestion[] = [];
  private allResults: SearchSuggestion[] = [];
  private active = -1;

  constructor(private readonly options: SearchBoxOptions) {
    const listId = `${options.idPrefix}-suggestions`;
    this.input = el("input", {
      className: "search-input",
      attrs: {
        type: "search",
        role: "combobox",
        "aria-autocomplete": "list",
        "aria-expanded": "false",
        "aria-controls": listId,
        "aria-label": options.label,
        placeholder: options.placeholder,
        autocomplete: "off",
        spellcheck: "false",
      },
    });
    this.list = el("ul", {
      className: "search-suggestions",
      attrs: { id: listId, role: "listbox", "aria-label": "Suggestions" },
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

  /** The option past the suggestions that opens the full list, when there is more to list. */
  private get hasShowAll(): boolean {
    return this.options.onShowAll !== undefined && this.allResults.length > this.suggestions.length;
  }

  private get optionCount(): number {
    return this.suggestions.length + (this.hasShowAll ? 1 : 0);
  }

  private refresh(): void {
    const index = this.options.index();
    this.allResults = index ? index.search(this.input.value, this.options.maxResults) : [];
    this.suggestions = this.allResults.slice(0, this.options.maxSuggestions);
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
              id: `${this.options.idPrefix}-option-${i}`,
              role: "option",
              "aria-selected": String(i === this.active),
              "data-node": suggestion.id,
            },
          },
          el("span", { className: "option-label", text: suggestion.label }),
          suggestion.matchedAlias
            ? el("span", { className: "option-alias", text: ` (${suggestion.matchedAlias})` })
            : null,
          el("span", { className: "option-kind", text: this.options.describe(suggestion.id) }),
          this.options.isDisputed(suggestion.id)
            ? el("span", {
                className: "chip chip-disputed",
                text: "disputed",
                attrs: { title: "Sources disagree about it" },
              })
            : null,
        );
        // mousedown, not click: the input's blur would close the list before a click lands.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          this.pick(i);
        });
        return option;
      }),
      ...(this.hasShowAll ? [this.showAllOption()] : []),
    );
    const open = this.suggestions.length > 0 && document.activeElement === this.input;
    this.list.hidden = !open;
    this.input.setAttribute("aria-expanded", String(open));
    if (this.active >= 0)
      this.input.setAttribute("aria-activedescendant", `${this.options.idPrefix}-option-${this.active}`);
    else this.input.removeAttribute("aria-activedescendant");
  }

  private onKey(event: KeyboardEvent): void {
    const open = !this.list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (this.suggestions.length === 0) return;
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.optionCount) % this.optionCount;
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

  private showAllOption(): HTMLElement {
    const i = this.suggestions.length;
    const total = this.allResults.length;
    const option = el("li", {
      className: "search-option search-all",
      attrs: {
        id: `${this.options.idPrefix}-option-${i}`,
        role: "option",
        "aria-selected": String(i === this.active),
        "data-action": "all-results",
      },
      text: `All ${total}${total >= this.options.maxResults ? "+" : ""} results…`,
    });
    option.addEventListener("mousedown", (event) => {
      event.preventDefault();
      this.pick(i);
    });
    return option;
  }

  private pick(i: number): void {
    if (i === this.suggestions.length && this.hasShowAll) {
      this.close();
      this.options.onShowAll?.(this.input.value, this.allResults);
      return;
    }
    const suggestion = this.suggestions[i];
    if (!suggestion) return;
    this.input.value = suggestion.label;
    this.close();
    this.options.onPick(suggestion.id);
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
  }
}
