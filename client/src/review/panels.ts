import { el } from "../dom.ts";
import type { EntityRef, QueueSource } from "./documents.ts";

/** The page's side panels: the queue of sources, the proposed entities, and the paste-an-article form. */

export function sourceQueue(
  queue: QueueSource[],
  openId: string | null,
  onOpen: (id: string) => void,
): HTMLElement {
  const list = el("ul", { className: "source-queue" });
  for (const entry of queue) {
    const button = el(
      "button",
      {
        className: entry.source.id === openId ? "current" : "",
        attrs: { type: "button", "data-source": entry.source.id },
      },
      el("span", { className: "title", text: entry.source.title }),
      el("span", { className: "count", text: `${entry.pendingCount} to review` }),
    );
    button.addEventListener("click", () => onOpen(entry.source.id));
    list.append(el("li", {}, button));
  }
  return el(
    "section",
    { className: "panel" },
    el("h2", { text: "Sources to review" }),
    queue.length
      ? list
      : el("p", { className: "muted", text: "Nothing awaits review. Paste an article to read one." }),
  );
}

export interface EntityActions {
  merge(entity: EntityRef): void;
  accept(entity: EntityRef): void;
  reject(entity: EntityRef): void;
}

export function proposedEntities(entities: EntityRef[], actions: EntityActions): HTMLElement {
  const list = el("ul", { className: "proposed" });
  for (const entity of entities) {
    const button = (label: string, action: keyof EntityActions) => {
      const element = el("button", { text: label, attrs: { type: "button", "data-action": action } });
      element.addEventListener("click", () => actions[action](entity));
      return element;
    };
    list.append(
      el(
        "li",
        { attrs: { "data-entity": entity.id } },
        el("span", { className: "label", text: entity.label }),
        el("small", { text: ` ${entity.typeLabel}` }),
        el(
          "span",
          { className: "buttons" },
          button("Merge into…", "merge"),
          button("Accept", "accept"),
          button("Reject", "reject"),
        ),
      ),
    );
  }
  return el(
    "section",
    { className: "panel" },
    el("h2", { text: `Proposed entities (${entities.length})` }),
    entities.length ? list : el("p", { className: "muted", text: "None." }),
  );
}

export interface ArticleInput {
  text: string;
  url: string | null;
  title: string | null;
  outlet: string | null;
  author: string | null;
  published: string | null;
}

/** Paste an article and its metadata; what the extractor found is shown after saving. */
export function ingestForm(maxChars: number, onSubmit: (input: ArticleInput) => void): HTMLElement {
  const field = (name: string, label: string, type = "text") =>
    el("label", { className: "field" }, el("span", { text: label }), el("input", { attrs: { name, type } }));
  const text = el("textarea", {
    attrs: { name: "text", rows: "8", required: "", maxlength: String(maxChars) },
  });
  const form = el(
    "form",
    { className: "ingest" },
    el(
      "label",
      { className: "field" },
      el("span", { text: `Article text, verbatim (at most ${maxChars.toLocaleString("en")} characters)` }),
      text,
    ),
    field("title", "Headline"),
    field("url", "Address", "url"),
    field("outlet", "Outlet"),
    field("author", "Author"),
    field("published", "Published (YYYY-MM-DD)"),
    el("button", { text: "Read and save", attrs: { type: "submit" } }),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = (name: string) => {
      const input = form.elements.namedItem(name) as HTMLInputElement | null;
      return input?.value.trim() || null;
    };
    onSubmit({
      text: text.value,
      url: value("url"),
      title: value("title"),
      outlet: value("outlet"),
      author: value("author"),
      published: value("published"),
    });
  });
  return el(
    "details",
    { className: "panel ingest-panel" },
    el("summary", { text: "Paste an article" }),
    form,
  );
}
