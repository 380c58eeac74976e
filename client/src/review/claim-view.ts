import { el, externalLink, safeHref } from "../dom.ts";
import type { ReviewClaim, ReviewSourceData } from "./documents.ts";
import { passage, type Item, type ReviewState } from "./state.ts";

/** The open source: its claims as a list, and the current claim in full, evidence first. */

const entityLabel = (entity: { label: string; id: string } | null) => (entity ? entity.label : "?");

/** What the claim says, in the graph's terms: subject, relation and object, or a property's value. */
export function triple(claim: ReviewClaim): HTMLElement {
  if (claim.property) {
    return el(
      "span",
      { className: "triple" },
      el("span", { className: "entity", text: claim.subject.label }),
      el("span", { className: "relation", text: claim.property }),
      el("span", { className: "value", text: claim.value ?? "" }),
    );
  }
  return el(
    "span",
    { className: "triple" },
    el("span", { className: "entity", text: entityLabel(claim.subject), attrs: { title: claim.subject.id } }),
    el("span", { className: "relation", text: claim.relationType?.id ?? "?" }),
    el("span", {
      className: "entity",
      text: entityLabel(claim.object),
      attrs: { title: claim.object?.id ?? "" },
    }),
  );
}

function qualifierList(claim: ReviewClaim): HTMLElement | null {
  const q = claim.qualifiers;
  if (!q) return null;
  const parts: string[] = [];
  if (q.date) parts.push(`date ${q.date.text}`);
  if (q.count !== null) parts.push(`count ${q.count}`);
  if (q.place) parts.push(`at ${q.place.label}`);
  if (q.event) parts.push(`part of ${q.event.label}`);
  if (q.role) parts.push(`as ${q.role}`);
  if (q.note) parts.push(`note: ${q.note}`);
  return parts.length ? el("p", { className: "qualifiers", text: parts.join(" · ") }) : null;
}

/** What accepting the claim would confirm, and what it contradicts. */
function effects(claim: ReviewClaim, sourceId: string): HTMLElement {
  const list = el("ul", { className: "effects" });
  const others = new Map<string, string>();
  // The relation's distinct sources, not its claims: a hub relation may rest on thousands of claims.
  for (const source of claim.relation?.sources ?? [])
    if (source.id !== sourceId) others.set(source.id, source.title);
  if (claim.relation) {
    list.append(
      others.size > 0
        ? el(
            "li",
            { className: "corroborates" },
            `Corroborates this relation, also given by: ${[...others.values()].join("; ")}`,
          )
        : el("li", { className: "new-relation" }, "A relation no other source gives yet"),
    );
  }
  for (const conflict of claim.conflicts) {
    const values = conflict.values.map((value) => {
      const mine = value.claims.some((other) => other.id === claim.id);
      return `${value.value} (${mine ? "this claim" : value.sources.map((source) => source.title).join("; ")})`;
    });
    list.append(
      el("li", { className: "contradicts" }, `Contradicts on ${conflict.property}: ${values.join(" vs ")}`),
    );
  }
  if (list.childElementCount === 0)
    list.append(el("li", { text: "No relation or conflict: an attribute of its subject." }));
  return list;
}

export function claimCard(item: Item, source: ReviewSourceData): HTMLElement {
  const claim = item.claim ?? item.last;
  const { from, before, quote, after, cutBefore, cutAfter } = passage(
    source.text,
    claim.quoteStart,
    claim.quoteEnd,
  );
  const cut = `${cutBefore ? " cut-before" : ""}${cutAfter ? " cut-after" : ""}`;
  return el(
    "article",
    {
      className: `claim-card ${item.claim ? claim.status.toLowerCase() : "gone"}`,
      attrs: { "data-claim": claim.id, "aria-live": "polite" },
    },
    el(
      "blockquote",
      { className: `passage${cut}`, attrs: { "data-start": String(from) } },
      before,
      el("mark", { text: quote }),
      after,
    ),
    el(
      "p",
      { className: "proposal" },
      triple(claim),
      el("span", { className: "confidence", text: `confidence ${claim.confidence}` }),
    ),
    qualifierList(claim),
    effects(claim, source.id),
    item.claim
      ? null
      : el("p", { className: "decided", text: "Rejected: it has left the graph (u undoes)." }),
    item.claim && claim.review
      ? el("p", {
          className: "decided",
          text: `${claim.review.decision === "ACCEPT" ? "Accepted" : "Rejected"} by ${claim.review.author}${claim.review.note ? `: ${claim.review.note}` : ""}`,
        })
      : null,
  );
}

const STATE_LABEL: Record<string, string> = {
  accepted: "accepted",
  rejected: "rejected",
  edited: "edited",
  skipped: "skipped",
};

export function claimList(state: ReviewState): HTMLElement {
  const list = el("ol", { className: "claim-list", attrs: { "aria-label": "Claims of this source" } });
  state.items.forEach((item, index) => {
    const status = item.claim ? (item.claim.status === "CURATED" ? "curated" : "pending") : "rejected";
    const row = el(
      "li",
      {
        className: `claim-row ${status}${index === state.cursor ? " current" : ""}`,
        attrs: { "data-claim": item.id, "data-index": String(index) },
      },
      triple(item.last),
      el("span", { className: "badge", text: item.done ? STATE_LABEL[item.done]! : status }),
    );
    if (index === state.cursor) row.setAttribute("aria-current", "true");
    list.append(row);
  });
  return list;
}

export function sourceHeader(source: ReviewSourceData, reviewed: number, total: number): HTMLElement {
  const url = safeHref(source.url);
  return el(
    "header",
    { className: "source-header" },
    el("h2", { text: source.title }),
    el(
      "p",
      { className: "meta" },
      [source.outlet, source.published?.text].filter(Boolean).join(" · "),
      url ? " · " : null,
      url ? externalLink(url, "original") : null,
    ),
    el(
      "p",
      { className: "progress", attrs: { role: "status" } },
      el("progress", { attrs: { max: String(Math.max(total, 1)), value: String(reviewed) } }),
      ` ${reviewed} of ${total} reviewed`,
    ),
  );
}
