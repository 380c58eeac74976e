/**
 * A sentence seen as names on tokens: which mention covers each token, the lists names form ("Turkey,
 * the US, the EU, and Russia"), whether a list sits in a prepositional phrase, and the arguments
 * built from them. The function words here are English grammar, not extraction rules.
 */
import { referentOf, type Referent } from "./discourse.ts";
import type { Mention, Token } from "./types.ts";

export interface Argument {
  referents: Referent[];
  /** Tokens that name the argument in this sentence (the quote must cover them). */
  first: number;
  last: number;
  how: "named" | "reference";
}

export interface SentenceView {
  tokens: readonly Token[];
  mentions: readonly Mention[];
  /** The mention covering each token, if any. */
  covering: (Mention | undefined)[];
  /** A headline: its verbs are often tagged as nouns ("Armenia and Azerbaijan Release Joint Statement"). */
  headline: boolean;
}

export type Accepts = (referent: Referent) => boolean;

export const PREPOSITIONS = new Set([
  "of",
  "in",
  "to",
  "from",
  "with",
  "by",
  "for",
  "against",
  "on",
  "at",
  "near",
  "between",
  "among",
  "amongst",
  "over",
  "into",
  "about",
  "during",
  "under",
  "after",
  "before",
  "since",
  "through",
  "across",
  "along",
  "towards",
  "toward",
  "within",
  "without",
  "despite",
  "upon",
  "via",
  "beyond",
  "around",
  "like",
  "including",
  "than",
  "per",
  "amid",
  "behind",
]);

export const LIST_SKIPPABLE = new Set(["the", "both", "also", "its", "their"]);

export function viewOf(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  headline = false,
): SentenceView {
  const covering: (Mention | undefined)[] = new Array(tokens.length).fill(undefined);
  for (const mention of mentions) for (let i = mention.first; i <= mention.last; i++) covering[i] = mention;
  return { tokens, mentions, covering, headline };
}

/** A mention that can be an argument: not a demonym modifying a noun, not a possessor. */
export function isArgument(mention: Mention | undefined): mention is Mention {
  return mention !== undefined && !mention.modifier && !mention.possessor;
}

/** A mention that is there but cannot be an argument (the guard above narrows the other way). */
export const isAside = (mention: Mention | undefined) =>
  mention !== undefined && (mention.modifier || mention.possessor);

/** Words that join the items of a list; "as well as", "along with", "together with" read as one. */
const CONJUNCTIONS = new Set(["and", "or", "&", "nor"]);

const TWO_WORD_JOINERS = new Set(["as well", "along with", "together with", "well as"]);

/** How many tokens from `at` form a joiner (0 when none), reading in `direction`. */
function joinerAt(
  tokens: readonly Token[],
  at: number,
  direction: 1 | -1,
): { length: number; conjunction: boolean } {
  const norm = tokens[at]?.norm ?? "";
  if (norm === ",") return { length: 1, conjunction: false };
  if (CONJUNCTIONS.has(norm)) return { length: 1, conjunction: true };
  const pair =
    direction === 1 ? `${norm} ${tokens[at + 1]?.norm ?? ""}` : `${tokens[at - 1]?.norm ?? ""} ${norm}`;
  if (pair === "as well" || pair === "well as") {
    const third = direction === 1 ? tokens[at + 2]?.norm : tokens[at - 2]?.norm;
    return third === "as" ? { length: 3, conjunction: true } : { length: 0, conjunction: false };
  }
  return TWO_WORD_JOINERS.has(pair) ? { length: 2, conjunction: true } : { length: 0, conjunction: false };
}

/**
 * The coordinated list around a mention: "Turkey, the US, the EU, and Russia". Commas alone make an
 * apposition ("the breakaway Republic of Artsakh, Arayik Harutyunyan"), not a list: a list needs a
 * conjunction somewhere.
 */
export function listAround(view: SentenceView, mention: Mention): Mention[] {
  const { tokens, covering } = view;
  let conjunction = false;
  const step = (from: number, direction: 1 | -1): number => {
    let at = from + direction;
    let joined = false;
    let sawConjunction = false;
    while (at >= 0 && at < tokens.length) {
      const here = covering[at];
      // A name may begin with a skippable word ("the US"): stop where a name starts (or ends).
      if (joined && here && (direction === 1 ? here.first === at : here.last === at)) break;
      const joiner = joinerAt(tokens, at, direction);
      if (joiner.length > 0) {
        joined = true;
        sawConjunction ||= joiner.conjunction;
        at += joiner.length * direction;
        continue;
      }
      if (!LIST_SKIPPABLE.has(tokens[at]!.norm)) break;
      at += direction;
    }
    if (joined && sawConjunction) conjunction = true;
    return joined ? at : -1;
  };
  const after: Mention[] = [];
  for (let at = step(mention.last, 1); at >= 0;) {
    const next = covering[at];
    if (!isArgument(next) || next.first !== at || next.kind !== mention.kind) break;
    after.push(next);
    at = step(next.last, 1);
  }
  const before: Mention[] = [];
  for (let at = step(mention.first, -1); at >= 0;) {
    const previous = covering[at];
    if (!isArgument(previous) || previous.last !== at || previous.kind !== mention.kind) break;
    before.unshift(previous);
    at = step(previous.first, -1);
  }
  return conjunction ? [...before, mention, ...after] : [mention];
}

/** Whether the token before a list (past "the", "both") is a preposition. */
export function inPrepositionalPhrase(
  tokens: readonly Token[],
  first: number,
  covering?: readonly (Mention | undefined)[],
): boolean {
  let at = first - 1;
  for (;;) {
    while (at >= 0 && LIST_SKIPPABLE.has(tokens[at]!.norm)) at--;
    // "with Azerbaijani President Aliyev": the state that titles the person is part of the phrase.
    const modifier = covering?.[at];
    if (!modifier?.modifier) break;
    at = modifier.first - 1;
  }
  const before = tokens[at];
  return before !== undefined && (PREPOSITIONS.has(before.norm) || before.pos === "ADP");
}

export function named(list: readonly Mention[], accepts: Accepts): Argument | undefined {
  const referents = dedupe(list.map(referentOf).filter(accepts));
  if (referents.length === 0) return undefined;
  return { referents, first: list[0]!.first, last: list.at(-1)!.last, how: "named" };
}

export function dedupe(referents: Referent[]): Referent[] {
  const seen = new Set<string>();
  return referents.filter((referent) => !seen.has(referent.entity) && seen.add(referent.entity));
}

export function byReference(
  referents: readonly (Referent | null)[],
  at: number,
  last: number,
  accepts: Accepts,
): Argument | undefined {
  const found = dedupe(referents.filter((r): r is Referent => r !== null).filter(accepts));
  return found.length > 0 ? { referents: found, first: at, last, how: "reference" } : undefined;
}
