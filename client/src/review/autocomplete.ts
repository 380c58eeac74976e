import { el } from "../dom.ts";

export interface Suggestion {
  value: string;
  label: string;
  detail: string;
}

/**
 * A text field that suggests values as one types: arrows move, Enter or a click picks. The field
 * shows the label; `value()` is the id picked, or what was typed when nothing was picked.
 */
export class Autocomplete {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private suggestions: Suggestion[] = [];
  private active = -1;
  private picked: Suggestion | null = null;
  private request = 0;

  constructor(
    name: string,
    label: string,
    private readonly suggest: (text: string) => Promise<Suggestion[]>,
    initial: Suggestion | null = null,
  ) {
    this.input = el("input", {
      attrs: {
        name,
        type: "text",
        autocomplete: "off",
        role: "combobox",
        "aria-expanded": "false",
        "aria-autocomplete": "list",
      },
    });
    this.list = el("ul", { className: "suggestions", attrs: { role: "listbox", id: `${name}-suggestions` } });
    this.input.setAttribute("aria-controls", this.list.id);
    this.element = el(
      "label",
      { className: "field autocomplete" },
      el("span", { text: label }),
      this.input,
      this.list,
    );
    if (initial) this.pick(initial);
    this.input.addEventListener("input", () => {
      this.picked = null;
      void this.refresh();
    });
    this.input.addEventListener("keydown", (event) => this.onKey(event));
  }

  value(): string {
    return this.picked?.value ?? this.input.value.trim();
  }

  private async refresh(): Promise<void> {
    const ticket = ++this.request;
    const text = this.input.value.trim();
    const found = text === "" ? [] : await this.suggest(text);
    if (ticket !== this.request) return; // an older answer arriving late
    this.suggestions = found;
    this.active = found.length > 0 ? 0 : -1;
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.suggestions.map((suggestion, index) => {
        const option = el(
          "li",
          {
            attrs: {
              role: "option",
              "data-value": suggestion.value,
              "aria-selected": String(index === this.active),
            },
          },
          el("span", { text: suggestion.label }),
          el("small", { text: ` ${suggestion.detail}` }),
        );
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          this.pick(suggestion);
        });
        return option;
      }),
    );
    this.input.setAttribute("aria-expanded", String(this.suggestions.length > 0));
  }

  private pick(suggestion: Suggestion): void {
    this.picked = suggestion;
    this.input.value = suggestion.label;
    this.suggestions = [];
    this.render();
  }

  private onKey(event: KeyboardEvent): void {
    if (this.suggestions.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      this.active = (this.active + step + this.suggestions.length) % this.suggestions.length;
      this.render();
    } else if (event.key === "Enter" && this.active >= 0) {
      event.preventDefault();
      event.stopPropagation();
      this.pick(this.suggestions[this.active]!);
    } else if (event.key === "Escape") {
      event.stopPropagation();
      this.suggestions = [];
      this.render();
    }
  }
}
