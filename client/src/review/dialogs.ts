import { el } from "../dom.ts";
import { Autocomplete, type Suggestion } from "./autocomplete.ts";
import type { EntityRef, ReviewClaim } from "./documents.ts";
import { REJECT_REASONS } from "./reasons.ts";

/**
 * The page's dialogs: a reason for a rejection, a correction, a merge. Each is a native <dialog>
 * (Escape closes it, focus stays inside) holding a form; each resolves with what was asked for,
 * or null when cancelled.
 */

export interface Suggesters {
  entities(text: string, kind?: EntityRef["kind"]): Promise<Suggestion[]>;
  relationTypes(text: string): Promise<Suggestion[]>;
}

function open<T>(title: string, body: HTMLElement[], read: () => T | null): Promise<T | null> {
  const dialog = el("dialog", { className: "review-dialog", attrs: { "aria-label": title } });
  const form = el(
    "form",
    { attrs: { method: "dialog" } },
    el("h3", { text: title }),
    ...body,
    el(
      "p",
      { className: "actions" },
      el("button", { text: "Cancel", attrs: { type: "button", value: "cancel", "data-action": "cancel" } }),
      el("button", { text: "Save", attrs: { type: "submit", value: "save", "data-action": "save" } }),
    ),
  );
  dialog.append(form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    let result: T | null = null;
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      result = read();
      if (result !== null) dialog.close();
    });
    form.querySelector('[data-action="cancel"]')!.addEventListener("click", () => dialog.close());
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(result);
    });
    dialog.showModal();
    dialog.querySelector<HTMLElement>("input, textarea, select")?.focus();
  });
}

/** A reason to reject: a digit picks a typed reason, or free text. */
export function askRejectReason(): Promise<string | null> {
  const text = el("input", {
    attrs: { name: "note", type: "text", placeholder: "or say why in your own words" },
  });
  const choices = REJECT_REASONS.map((reason) =>
    el(
      "label",
      { className: "reason" },
      el("input", { attrs: { type: "radio", name: "reason", value: reason.note } }),
      ` ${reason.key} ${reason.note}`,
    ),
  );
  const body = [
    el("label", { className: "field" }, el("span", { text: "Reason" }), text),
    el("div", { className: "reasons" }, ...choices),
  ];
  const picked = () => choices.map((choice) => choice.querySelector("input")!).find((input) => input.checked);
  const promise = open("Reject: why?", body, () => text.value.trim() || picked()?.value || "");
  // Digits pick a reason and submit at once: one more keystroke after r.
  text.form!.addEventListener("keydown", (event) => {
    const reason =
      text.value === "" ? REJECT_REASONS.find((candidate) => candidate.key === event.key) : undefined;
    if (!reason) return;
    event.preventDefault();
    text.value = reason.note;
    text.form!.requestSubmit();
  });
  return promise;
}

export interface EditResult {
  subject?: string;
  relation?: string;
  object?: string;
  quoteStart?: number;
  quoteEnd?: number;
  qualifiers?: Record<string, string | number>;
}

const entitySuggestion = (entity: EntityRef | null): Suggestion | null =>
  entity ? { value: entity.id, label: entity.label, detail: entity.typeLabel } : null;

/** A correction: autocomplete over entities and relation types, the quote as a span of the text. */
export function askEdit(claim: ReviewClaim, suggesters: Suggesters): Promise<EditResult | null> {
  const subject = new Autocomplete(
    "subject",
    "Subject",
    (text) => suggesters.entities(text),
    entitySuggestion(claim.subject),
  );
  const relation = new Autocomplete(
    "relation",
    "Relation",
    (text) => suggesters.relationTypes(text),
    claim.relationType
      ? { value: claim.relationType.id, label: claim.relationType.id, detail: claim.relationType.label }
      : null,
  );
  const object = new Autocomplete(
    "object",
    "Object",
    (text) => suggesters.entities(text),
    entitySuggestion(claim.object),
  );
  const number = (name: string, value: number) =>
    el("input", { attrs: { name, type: "number", min: "0", value: String(value) } });
  const start = number("quoteStart", claim.quoteStart);
  const end = number("quoteEnd", claim.quoteEnd);
  const useSelection = el("button", { text: "Use the text selected on the page", attrs: { type: "button" } });
  useSelection.addEventListener("click", () => {
    const span = selectedSpan();
    if (span) [start.value, end.value] = [String(span.start), String(span.end)];
  });
  const q = claim.qualifiers;
  const textField = (name: string, label: string, value: string) =>
    el(
      "label",
      { className: "field" },
      el("span", { text: label }),
      el("input", { attrs: { name, type: "text", value } }),
    );
  const qualifierFields = el(
    "fieldset",
    {},
    el("legend", { text: "Qualifiers (replace the claim's)" }),
    textField("date", "Date", q?.date?.text ?? ""),
    textField("count", "Count", q?.count === null || q?.count === undefined ? "" : String(q.count)),
    textField("role", "Role", q?.role ?? ""),
    textField("note", "Note", q?.note ?? ""),
  );
  const relationFields = claim.property ? [] : [relation.element, object.element, qualifierFields];
  const body = [
    subject.element,
    ...relationFields,
    el(
      "fieldset",
      {},
      el("legend", { text: "Quote span (offsets in the source text)" }),
      start,
      end,
      useSelection,
    ),
  ];
  return open("Edit claim", body, () => {
    const edit: EditResult = {};
    if (subject.value() !== claim.subject.id) edit.subject = subject.value();
    if (!claim.property) {
      if (relation.value() !== claim.relationType?.id) edit.relation = relation.value();
      if (object.value() !== claim.object?.id) edit.object = object.value();
      const qualifiers: Record<string, string | number> = {};
      for (const input of qualifierFields.querySelectorAll("input")) {
        const value = input.value.trim();
        if (value) qualifiers[input.name] = input.name === "count" ? Number(value) : value;
      }
      const before = JSON.stringify({
        ...(q?.date ? { date: q.date.text } : {}),
        ...(q?.count !== null && q?.count !== undefined ? { count: q.count } : {}),
        ...(q?.role ? { role: q.role } : {}),
        ...(q?.note ? { note: q.note } : {}),
      });
      if (JSON.stringify(qualifiers) !== before)
        edit.qualifiers = {
          ...qualifiers,
          ...(q?.place ? { place: q.place.id } : {}),
          ...(q?.event ? { event: q.event.id } : {}),
        };
    }
    if (Number(start.value) !== claim.quoteStart || Number(end.value) !== claim.quoteEnd) {
      edit.quoteStart = Number(start.value);
      edit.quoteEnd = Number(end.value);
    }
    return edit;
  });
}

/** Offsets of the text selected inside the passage, in the source text's terms. */
function selectedSpan(): { start: number; end: number } | null {
  const selection = document.getSelection();
  const passage = document.querySelector<HTMLElement>(".passage");
  if (!selection || selection.rangeCount === 0 || !passage) return null;
  const range = selection.getRangeAt(0);
  if (!passage.contains(range.startContainer) || !passage.contains(range.endContainer)) return null;
  const offsetOf = (node: Node, offset: number) => {
    const before = document.createRange();
    before.setStart(passage, 0);
    before.setEnd(node, offset);
    return before.toString().length;
  };
  const base = Number(passage.dataset.start ?? 0);
  const start = base + offsetOf(range.startContainer, range.startOffset);
  const end = base + offsetOf(range.endContainer, range.endOffset);
  return end > start ? { start, end } : null;
}

/** Which existing entity a proposal is the same as. */
export function askMergeTarget(entity: EntityRef, suggesters: Suggesters): Promise<string | null> {
  const target = new Autocomplete("into", `Merge "${entity.label}" into`, (text) =>
    suggesters.entities(text, entity.kind),
  );
  return open(`Merge ${entity.label}`, [target.element], () => target.value() || null);
}
