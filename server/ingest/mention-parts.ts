/**
 * The small pieces mention finding is made of: the context, what a token is (a possessive, a
 * capitalised word, initials), a mention of an entity or of a proposal, a name after a title, and
 * the title phrase at a token.
 */
import type { CompiledRules } from "./compiled-rules.ts";
import { foldInPlace } from "./fold.ts";
import type { Gazetteer, SurfaceForm, Target } from "./gazetteer.ts";
import type { LinkIndex } from "./link-index.ts";
import type { Mention, Token } from "./types.ts";

export interface MentionContext {
  gazetteer: Gazetteer;
  index: LinkIndex;
  rules: CompiledRules;
  /** The article's publication date, YYYY-MM-DD or shorter; null when unknown. */
  published: string | null;
}

/** "’s", or a lone apostrophe right after a word ending in s ("the Co-Chairs’ statement"). */
export const isPossessive = (token: Token | undefined, before?: Token) =>
  token !== undefined &&
  (token.norm === "'s" || token.norm === "'") &&
  (token.pos === "PART" || (before !== undefined && before.end === token.start && /s$/i.test(before.text)));

export const isCapitalised = (token: Token | undefined) => token !== undefined && /^\p{Lu}/u.test(token.text);

/** Initials such as "N.V." or "J." before a surname. */
export const isInitials = (token: Token | undefined) =>
  token !== undefined && /^(?:\p{Lu}\.)+$/u.test(token.text);

export function mentionOf(
  target: Target,
  first: number,
  last: number,
  ctx: MentionContext,
  via: Mention["via"],
): Mention | undefined {
  if (target.kind === "known") {
    const entity = ctx.index.entities.get(target.entity);
    if (!entity) return undefined;
    return {
      first,
      last,
      entity: entity.id,
      kind: entity.kind,
      type: entity.type,
      via,
      modifier: false,
      possessor: false,
    };
  }
  const kind = ctx.index.nodeKinds.get(target.type);
  if (!kind) return undefined;
  return {
    first,
    last,
    entity: target.id,
    kind,
    type: target.type,
    via: "proposed",
    modifier: false,
    possessor: false,
    proposal: { label: target.label, type: target.type, aliases: target.aliases },
  };
}

export function proposed(
  first: number,
  last: number,
  label: string,
  type: string,
  ctx: MentionContext,
  aliases: string[] = [],
): Mention | undefined {
  const id = slugOf(label);
  const known = ctx.index.entities.get(id);
  if (known) return mentionOf({ kind: "known", entity: id }, first, last, ctx, "label");
  return mentionOf({ kind: "proposal", id, label, type, aliases }, first, last, ctx, "proposed");
}

export const slugOf = (label: string) =>
  foldInPlace(label)
    .replace(/'s\b/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join("-");

export const PLACE_PREPOSITIONS = new Set([
  "in",
  "at",
  "to",
  "into",
  "from",
  "near",
  "along",
  "inside",
  "within",
  "across",
  "towards",
  "toward",
]);

/** The form of a name that is a place the graph knows, when there is one. */
export function placeForm(forms: readonly SurfaceForm[], ctx: { index: LinkIndex }): SurfaceForm | undefined {
  return forms.find(
    (form) => form.target.kind === "known" && ctx.index.entities.get(form.target.entity)?.kind === "place",
  );
}

/** After `at`: initials and a capitalised name of one to three words that no mention covers. */
export function unknownNameAfter(tokens: readonly Token[], at: number, taken: ReadonlySet<number>): number {
  let end = at;
  let words = 0;
  while (end + 1 < tokens.length && words < 3) {
    const next = tokens[end + 1]!;
    if (taken.has(end + 1) || !(isCapitalised(next) || isInitials(next)) || !/^\p{L}/u.test(next.text)) break;
    if (!isInitials(next)) words++;
    end++;
  }
  return words > 0 ? end : -1;
}

/** Past initials and honorifics before a name ("N.V.", "H.E. Mr."), from `at`. */
export function pastNamePrefixes(
  tokens: readonly Token[],
  at: number,
  rules: CompiledRules,
  stopAt?: ReadonlyMap<number, Mention>,
): number {
  let next = at;
  for (;;) {
    if (stopAt?.has(next)) return next;
    if (isInitials(tokens[next])) next++;
    else {
      const honorific = rules.honorifics.matchAt(tokens, next);
      if (honorific < 0) return next;
      next = honorific + 1;
    }
  }
}

/** The title phrase (head title or other) at `at`: [last token, role, head?] or undefined. */
export function titleAt(
  tokens: readonly Token[],
  at: number,
  rules: CompiledRules,
): [number, string, boolean] | undefined {
  const head = rules.headTitles.matchAt(tokens, at);
  if (head >= 0) {
    const role = tokens
      .slice(at, head + 1)
      .map((t) => t.text)
      .join(" ");
    return [head, rules.headTitleRoles.get(foldInPlace(role)) ?? role, true];
  }
  const other = rules.titles.matchAt(tokens, at);
  return other >= 0
    ? [
        other,
        tokens
          .slice(at, other + 1)
          .map((t) => t.text)
          .join(" "),
        false,
      ]
    : undefined;
}
