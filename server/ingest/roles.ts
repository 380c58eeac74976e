/**
 * Clause and role finding without a parser. From a verb, the subject is the nearest list of names
 * to its left that is not inside a prepositional phrase, an apposition or a possessive, in the same
 * clause; the object the first such list to its right. Relative pronouns point to their antecedent
 * ("Azerbaijan, which in turn backed …"); "both sides", "they", "we" and "the agreement" are
 * resolved through the discourse. The function words below are English grammar, not extraction
 * rules, so they live here rather than in the rules file.
 */
import type { CompiledRules } from "./compiled-rules.ts";
import { referentOf, type Discourse, type Referent } from "./discourse.ts";
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

export interface RoleContext {
  rules: CompiledRules;
  discourse: Discourse;
}

export type Accepts = (referent: Referent) => boolean;

const PREPOSITIONS = new Set([
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
/** Participles between an abstract noun and its owner: "the assistance offered by". */
const OFFERING = new Set([
  "offered",
  "provided",
  "given",
  "extended",
  "rendered",
  "made",
  "shown",
  "undertaken",
]);
/** Words that open a new clause: the subject of a verb after them is not found before them. */
const CLAUSE_OPENERS = new Set([
  "while",
  "whereas",
  "although",
  "though",
  "because",
  "after",
  "before",
  "when",
  "whenever",
  "if",
  "unless",
  "since",
  "but",
  "however",
  "whether",
  "so",
  "yet",
  "whereby",
  "until",
]);
const RELATIVES = new Set(["which", "who", "whom", "whose"]);
const HARD_STOPS = new Set([";", ":", "(", ")", "[", "]", "—", "“", "”", '"', "?", "!"]);
const LIST_SKIPPABLE = new Set(["the", "both", "also", "its", "their"]);
/** Pronouns that can be a subject or object; possessives ("its candidacy") cannot. */
const PLURAL_PRONOUNS = new Set(["they", "them"]);
const PERSON_PRONOUNS = new Set(["he", "she", "him"]);
const SCAN_LIMIT = 30;
/** How far right an object may be: past that, a name belongs to another phrase. */
const OBJECT_REACH = 16;

export function viewOf(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  headline = false,
): SentenceView {
  const covering: (Mention | undefined)[] = new Array(tokens.length).fill(undefined);
  for (const mention of mentions) for (let i = mention.first; i <= mention.last; i++) covering[i] = mention;
  return { tokens, mentions, covering, headline };
}

/** "that" after a verb opens a reported clause; after a noun it is a relative pronoun. */
function isComplementiser(tokens: readonly Token[], at: number): boolean {
  const before = tokens[at - 1];
  return (
    tokens[at]?.norm === "that" && before !== undefined && (before.pos === "VERB" || before.pos === "AUX")
  );
}

function isRelative(tokens: readonly Token[], at: number): boolean {
  const token = tokens[at];
  if (!token) return false;
  if (RELATIVES.has(token.norm)) return true;
  return token.norm === "that" && !isComplementiser(tokens, at) && tokens[at - 1]?.pos !== "ADP";
}

/** A mention that can be an argument: not a demonym modifying a noun, not a possessor. */
function isArgument(mention: Mention | undefined): mention is Mention {
  return mention !== undefined && !mention.modifier && !mention.possessor;
}
/** A mention that is there but cannot be an argument (the guard above narrows the other way). */
const isAside = (mention: Mention | undefined) =>
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
function listAround(view: SentenceView, mention: Mention): Mention[] {
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
function inPrepositionalPhrase(tokens: readonly Token[], first: number): boolean {
  let at = first - 1;
  while (at >= 0 && LIST_SKIPPABLE.has(tokens[at]!.norm)) at--;
  const before = tokens[at];
  return before !== undefined && (PREPOSITIONS.has(before.norm) || before.pos === "ADP");
}

function named(list: readonly Mention[], accepts: Accepts): Argument | undefined {
  const referents = dedupe(list.map(referentOf).filter(accepts));
  if (referents.length === 0) return undefined;
  return { referents, first: list[0]!.first, last: list.at(-1)!.last, how: "named" };
}

function dedupe(referents: Referent[]): Referent[] {
  const seen = new Set<string>();
  return referents.filter((referent) => !seen.has(referent.entity) && seen.add(referent.entity));
}

function byReference(
  referents: readonly (Referent | null)[],
  at: number,
  last: number,
  accepts: Accepts,
): Argument | undefined {
  const found = dedupe(referents.filter((r): r is Referent => r !== null).filter(accepts));
  return found.length > 0 ? { referents: found, first: at, last, how: "reference" } : undefined;
}

/** "both sides", "they", "we", "it" at `at` (ending there when scanning left). */
function pronounAt(
  view: SentenceView,
  at: number,
  accepts: Accepts,
  ctx: RoleContext,
  leftward: boolean,
): Argument | undefined {
  const { tokens } = view;
  const norm = tokens[at]!.norm;
  // "the two leaders": the last two people named, when there are two; else the two parties.
  const leadersFirst = leftward ? ctx.rules.leaderPhrases.matchEndingAt(tokens, at) : at;
  const leadersLast = leftward ? at : ctx.rules.leaderPhrases.matchAt(tokens, at);
  if (leadersFirst >= 0 && leadersLast >= 0 && ctx.discourse.leaders().length === 2)
    return byReference(ctx.discourse.leaders(), leadersFirst, leadersLast, accepts);
  const pairFirst = leftward ? ctx.rules.pairPhrases.matchEndingAt(tokens, at) : at;
  const pairLast = leftward ? at : ctx.rules.pairPhrases.matchAt(tokens, at);
  if (pairFirst >= 0 && pairLast >= 0) return byReference(ctx.discourse.pair(), pairFirst, pairLast, accepts);
  if (ctx.rules.firstPerson.has(norm) && norm !== "our")
    return byReference([ctx.discourse.speaker], at, at, accepts);
  if (PLURAL_PRONOUNS.has(norm)) return byReference(ctx.discourse.plural(), at, at, accepts);
  if (PERSON_PRONOUNS.has(norm)) return byReference([ctx.discourse.person()], at, at, accepts);
  if (norm === "it") {
    // "It was signed by …": a thing; "It also urges …": the state or organisation speaking.
    const actor = byReference([ctx.discourse.singular()], at, at, accepts);
    if (actor) return actor;
    const thing = ctx.discourse.lastEvent((type) => accepts({ entity: "", kind: "event", type }));
    return byReference([thing], at, at, accepts);
  }
  return undefined;
}

/**
 * The subject of a verb at `from` (or the patient of a passive one): scanning left within the clause.
 */
export function scanLeft(
  view: SentenceView,
  from: number,
  accepts: Accepts,
  ctx: RoleContext,
): Argument | undefined {
  const { tokens, covering } = view;
  // "the offer from the Co-Chairs to assist in facilitating": past an infinitive's "to", a name
  // after "from" or "by" is the agent of the noun the infinitive completes.
  let pastInfinitive = false;
  for (let at = from - 1; at >= 0 && from - at <= SCAN_LIMIT; at--) {
    const token = tokens[at]!;
    if (HARD_STOPS.has(token.norm) || CLAUSE_OPENERS.has(token.norm) || isComplementiser(tokens, at))
      return undefined;
    if (isRelative(tokens, at)) {
      // The antecedent sits just before the relative pronoun, maybe past a comma.
      let before = at - 1;
      if (tokens[before]?.norm === ",") before--;
      const antecedent = covering[before];
      return isArgument(antecedent) ? named(listAround(view, antecedent), accepts) : undefined;
    }
    const mention = covering[at];
    if (isArgument(mention)) {
      const list = listAround(view, mention);
      const before = tokens[list[0]!.first - 1]?.norm === "the" ? list[0]!.first - 2 : list[0]!.first - 1;
      const agentOfNoun = pastInfinitive && ["from", "by"].includes(tokens[before]?.norm ?? "");
      if (!inPrepositionalPhrase(tokens, list[0]!.first) || agentOfNoun) {
        const argument = named(list, accepts);
        if (argument) return argument;
      }
      at = list[0]!.first;
      continue;
    }
    if (token.norm === "to" && tokens[at + 1]?.pos === "VERB" && at + 1 < from) pastInfinitive = true;
    if (isAside(mention)) {
      at = mention!.first;
      continue;
    }
    const pronoun = pronounAt(view, at, accepts, ctx, true);
    if (pronoun) return pronoun;
  }
  return undefined;
}

/**
 * "the efforts of the Co-Chairs", "the territorial integrity of Azerbaijan and Armenia": an
 * abstract noun whose owner is the real object of a welcome or support. Returns the owners.
 */
function ownerAfterNoun(
  view: SentenceView,
  at: number,
  accepts: Accepts,
  ctx: RoleContext,
): Argument | undefined {
  const end = ctx.rules.actorNouns.matchAt(view.tokens, at);
  if (end < 0) return undefined;
  let next = end + 1;
  // "the assistance offered by the Co-Chairs", "the efforts of France", "support from the EU"
  if (OFFERING.has(view.tokens[next]?.norm ?? "")) next++;
  if (!["of", "by", "from"].includes(view.tokens[next]?.norm ?? "")) return undefined;
  next++;
  if (view.tokens[next]?.norm === "the") next++;
  const owner = view.covering[next];
  if (!isArgument(owner)) return undefined;
  return named(
    listAround(view, owner).filter((m) => m.first >= owner.first),
    accepts,
  );
}

/** "Russia's efforts", "Armenia and Azerbaijan's courage": possessors of an abstract noun. */
function possessorOfNoun(
  view: SentenceView,
  mention: Mention,
  accepts: Accepts,
  ctx: RoleContext,
): Argument | undefined {
  let at = mention.last + 2; // past "'s"
  while (view.tokens[at]?.pos === "ADJ") at++;
  if (ctx.rules.actorNouns.matchAt(view.tokens, at) < 0) return undefined;
  return named(
    listAround(view, mention).filter((m) => m.first <= mention.first),
    accepts,
  );
}

/** The object of a verb whose phrase ends at `from`: the first fitting list to its right in the clause. */
export function scanRight(
  view: SentenceView,
  from: number,
  accepts: Accepts,
  ctx: RoleContext,
  eventsInPhrases = false,
  until = from + OBJECT_REACH,
  partiesOfBetween = false,
  ownersOnly = false,
): Argument | undefined {
  const { tokens, covering } = view;
  let inPhrase = false;
  let preposition = "";
  let start = from + 1;
  // "supports and welcomes the efforts": coordinated verbs share the object.
  if ((tokens[start]?.norm === "and" || tokens[start]?.norm === "or") && tokens[start + 1]?.pos === "VERB")
    start += 2;
  for (let at = start; at < tokens.length && at <= until; at++) {
    const token = tokens[at]!;
    if (
      HARD_STOPS.has(token.norm) ||
      token.norm === "." ||
      CLAUSE_OPENERS.has(token.norm) ||
      isRelative(tokens, at)
    )
      return undefined;
    // "encourage collaboration between Armenia, Azerbaijan and the OSCE": the parties.
    if (partiesOfBetween && token.norm === "between" && !inPhrase) {
      const first = covering[at + 1] ?? covering[at + 2];
      if (isArgument(first)) {
        const argument = named(
          listAround(view, first).filter((m) => m.first >= first.first),
          accepts,
        );
        if (argument) return argument;
      }
    }
    if (isComplementiser(tokens, at)) return undefined;
    // A finite verb starts the next clause; a participle ("issued by") only qualifies the object.
    if ((token.pos === "VERB" || token.pos === "AUX") && at > start && !/(?:ed|en|ing)$/.test(token.norm))
      return undefined;
    const mention = covering[at];
    if (mention) {
      if (mention.possessor && !inPhrase) {
        const owner = possessorOfNoun(view, mention, accepts, ctx);
        if (owner) return owner;
      }
      // In a prepositional phrase only two readings hold: "call for Azerbaijan to stop" (the
      // addressee of an appeal) and, for a rule that takes events only, "concern at the increase in
      // incidents" (the event the noun is about).
      const forTo = preposition === "for" && tokens[mention.last + 1]?.norm === "to";
      const eventInPhrase =
        eventsInPhrases &&
        mention.kind === "event" &&
        ["of", "in", "at", "over", "about", "on"].includes(preposition);
      if (isArgument(mention) && (!inPhrase || forTo || eventInPhrase) && !ownersOnly) {
        const list = listAround(view, mention).filter((m) => m.first >= mention.first);
        const argument = named(list, accepts);
        if (argument) return argument;
      }
      at = mention.last;
      continue;
    }
    if (!inPhrase) {
      const owner = ownerAfterNoun(view, at, accepts, ctx);
      if (owner) return owner;
    }
    if (token.pos === "ADP" || PREPOSITIONS.has(token.norm)) {
      inPhrase = true;
      preposition = token.norm;
      continue;
    }
    if (token.pos === "NOUN" || token.pos === "PROPN") {
      inPhrase = false;
      continue;
    }
    if (!inPhrase && !ownersOnly) {
      const pronoun = pronounAt(view, at, accepts, ctx, false);
      if (pronoun) return pronoun;
    }
  }
  return undefined;
}

/**
 * The list of names right before `at` (a comma aside), in a prepositional phrase or not: what a
 * phrase without a verb ("… in their capacity as Co-Chairs") is attached to.
 */
export function listEndingBefore(view: SentenceView, at: number, accepts: Accepts): Argument | undefined {
  let before = at - 1;
  if (view.tokens[before]?.norm === ",") before--;
  const mention = view.covering[before];
  return isArgument(mention) ? named(listAround(view, mention), accepts) : undefined;
}

/** "… by X": the agent of a passive verb, in the few words after it. */
export function agentAfter(
  view: SentenceView,
  from: number,
  accepts: Accepts,
  ctx: RoleContext,
): Argument | undefined {
  const { tokens } = view;
  for (let at = from + 1; at < tokens.length && at <= from + 4; at++) {
    const norm = tokens[at]!.norm;
    if (norm === "by") {
      const after = at + 1;
      const skip = tokens[after]?.norm === "both" ? after + 1 : after;
      const mention = view.covering[skip] ?? view.covering[skip + 1];
      if (isArgument(mention)) {
        const list = listAround(view, mention).filter((m) => m.first >= mention.first);
        // "welcomed by global powers such as Turkey, the US …": the examples are the agents.
        const examples = suchAs(view, list.at(-1)!.last);
        return named(examples ?? list, accepts) ?? (examples ? undefined : undefined);
      }
      const pronoun = pronounAt(view, skip, accepts, ctx, false);
      if (pronoun) return pronoun;
      // "by global powers such as Turkey": a common noun, then the examples.
      for (let next = skip; next < tokens.length && next <= skip + 3; next++) {
        const examples = suchAs(view, next);
        if (examples) return named(examples, accepts);
      }
      return undefined;
    }
    if (HARD_STOPS.has(norm) || norm === ",") return undefined;
  }
  return undefined;
}

/** "… such as A, B and C" / "including A and B" right after `at`: the list of examples. */
function suchAs(view: SentenceView, at: number): Mention[] | undefined {
  const { tokens, covering } = view;
  let next = at + 1;
  if (tokens[next]?.norm === ",") next++;
  if (tokens[next]?.norm === "such" && tokens[next + 1]?.norm === "as") next += 2;
  else if (tokens[next]?.norm === "including" || tokens[next]?.norm === "namely") next += 1;
  else return undefined;
  if (tokens[next]?.norm === "the") next++;
  const first = covering[next];
  return isArgument(first) ? listAround(view, first).filter((m) => m.first >= first.first) : undefined;
}

/** Whether the verb at `at` is passive: a form of "be" or "get" before it, adverbs and "not" aside. */
export function isPassive(tokens: readonly Token[], at: number): boolean {
  const verb = tokens[at];
  if (!verb || !/(?:ed|en|wn|ne|t)$/.test(verb.norm)) return false;
  for (let before = at - 1; before >= 0 && before >= at - 4; before--) {
    const token = tokens[before]!;
    if (
      token.lemma === "be" ||
      token.lemma === "get" ||
      ["is", "are", "was", "were", "been", "being", "be"].includes(token.norm)
    )
      return true;
    if (token.pos !== "ADV" && token.pos !== "PART" && token.norm !== "also") return false;
  }
  return false;
}

/** A participle right after a noun and followed by "by": "the statement issued by Armenia". */
export function isReducedPassive(tokens: readonly Token[], at: number): boolean {
  const verb = tokens[at];
  if (!verb || !/(?:ed|en|wn|ne|t)$/.test(verb.norm)) return false;
  const before = tokens[at - 1];
  if (!before || !(before.pos === "NOUN" || before.pos === "PROPN" || before.norm === ",")) return false;
  for (let after = at + 1; after < tokens.length && after <= at + 3; after++)
    if (tokens[after]!.norm === "by") return true;
  return false;
}
