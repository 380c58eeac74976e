import type { ClaimInfo, SourceInfo } from "../api/details.ts";
import { el, externalLink, safeHref } from "../dom.ts";

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

/** A claim: the verbatim quote, who it is attributed to, and the source that says it. */
export function claimView(claim: ClaimInfo): HTMLElement {
  const qualifiers = claim.qualifiers;
  const notes = [
    qualifiers?.date ? `date ${qualifiers.date.text}` : null,
    qualifiers?.count !== null && qualifiers?.count !== undefined
      ? `count ${qualifiers.approximate ? "≈" : ""}${qualifiers.count}`
      : null,
    qualifiers?.role ? `role: ${qualifiers.role}` : null,
    qualifiers?.framing ? `framed as “${qualifiers.framing}”` : null,
    claim.property && claim.value ? `${claim.property}: ${claim.value}` : null,
    `confidence ${claim.confidence}`,
    claim.status === "EXTRACTED" ? "machine-extracted, unchecked" : null,
  ].filter((note): note is string => note !== null);
  return el(
    "li",
    { className: "claim" },
    el("blockquote", { text: claim.quote }),
    el(
      "div",
      { className: "claim-meta" },
      claim.attributedTo ? el("span", { text: `Attributed to ${claim.attributedTo.label} · ` }) : null,
      sourceLine(claim.source),
    ),
    el("div", { className: "claim-notes", text: notes.join(" · ") }),
    qualifiers?.note ? el("div", { className: "claim-notes", text: `Note: ${qualifiers.note}` }) : null,
  );
}

export const claimList = (claims: ClaimInfo[]) => el("ul", { className: "claims" }, ...claims.map(claimView));
