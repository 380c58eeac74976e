import type { ClaimInfo, SourceInfo } from "../api/details.ts";
import { el, externalLink, safeHref } from "../dom.ts";
import { passageView, type SourceTexts } from "./passage.ts";

/** One source, named the same way everywhere; missing outlets and links say "unknown", never guess. */
export function sourceLine(source: SourceInfo): HTMLElement {
  const href = safeHref(source.url);
  return el(
    "span",
    { className: "source" },
    href ? externalLink(href, source.title) : el("span", { className: "source-title", text: source.title }),
    el("span", { className: "source-outlet", text: ` · ${source.outlet ?? "outlet unknown"}` }),
    href ? null : el("span", { className: "source-url", text: " · URL unknown" }),
  );
}

/** A chip for how firmly a claim or relation is stated, when it is not plainly asserted. */
export function modalityChip(modality: string | null | undefined): HTMLElement | null {
  const value = modality?.toLowerCase();
  if (!value || value === "asserted") return null;
  return el("span", {
    className: `chip chip-modality chip-${value}`,
    text: value,
    attrs: { "data-modality": value },
  });
}

function claimNotes(claim: ClaimInfo): string {
  const qualifiers = claim.qualifiers;
  return [
    qualifiers?.date ? `date ${qualifiers.date.text}` : null,
    qualifiers?.count !== null && qualifiers?.count !== undefined
      ? `count ${qualifiers.approximate ? "≈" : ""}${qualifiers.count}`
      : null,
    qualifiers?.role ? `role: ${qualifiers.role}` : null,
    qualifiers?.framing ? `framed as “${qualifiers.framing}”` : null,
    claim.property && claim.value ? `${claim.property}: ${claim.value}` : null,
    `confidence ${claim.confidence}`,
    claim.status === "EXTRACTED" ? "machine-extracted, unchecked" : null,
  ]
    .filter((note): note is string => note !== null)
    .join(" · ");
}

/** A claim under its source: the quote in its passage, who it is attributed to, and its qualifiers. */
function claimItem(claim: ClaimInfo, texts: SourceTexts): HTMLElement {
  return el(
    "li",
    { className: "claim", attrs: { "data-claim": claim.id } },
    passageView(texts, claim.source.id, claim.quote, claim.quoteStart, claim.quoteEnd),
    el(
      "div",
      { className: "claim-notes" },
      modalityChip(claim.modality),
      claim.attributedTo ? `Attributed to ${claim.attributedTo.label} · ` : "",
      claimNotes(claim),
    ),
    claim.qualifiers?.note
      ? el("div", { className: "claim-notes", text: `Note: ${claim.qualifiers.note}` })
      : null,
  );
}

/** Claims grouped by their source: each source named once, its quotes under it. */
export function claimList(claims: ClaimInfo[], texts: SourceTexts): HTMLElement {
  const bySource = new Map<string, ClaimInfo[]>();
  for (const claim of claims)
    bySource.set(claim.source.id, [...(bySource.get(claim.source.id) ?? []), claim]);
  return el(
    "ul",
    { className: "claims-by-source" },
    ...[...bySource.values()].map((group) =>
      el(
        "li",
        { className: "claim-source", attrs: { "data-source": group[0]!.source.id } },
        sourceLine(group[0]!.source),
        el("ul", { className: "claims" }, ...group.map((claim) => claimItem(claim, texts))),
      ),
    ),
  );
}
