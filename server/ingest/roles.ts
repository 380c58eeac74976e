/**
 * Clause and role finding without a parser. From a verb, the subject is the nearest list of names
 * to its left that is not inside a prepositional phrase, an apposition or a possessive, in the same
 * clause; the object the first such list to its right. Relative pronouns point to their antecedent
 * ("Azerbaijan, which in turn backed …"); "both sides", "they", "we" and "the agreement" are
 * resolved through the discourse. The function words below are English grammar, not extraction
 * rules, so they live here rather than in the rules file.
 */
import type { CompiledRules } from "./compiled-rules.ts";
import type { Discourse } from "./discourse.ts";
import {
  byReference,
  inPrepositionalPhrase,
  isArgument,
  isAside,
  listAround,
  named,
  PREPOSITIONS,
  type Accepts,
  type Argument,
  type SentenceView,
} from "./sentence-view.ts";
import type { Mention, Token } from "./types.ts";

export type { Accepts, Argument, SentenceView } from "./sentence-view.ts";
export { viewOf } from "./sentence-view.ts";
export { isPassive, isReducedPassive } from "./voice.ts";

export interface RoleContext {
  rules: CompiledRules;
  discourse: Discourse;
}

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
/** Pronouns that can be a subject or object; possessives ("its candidacy") cannot. */
const PLURAL_PRONOUNS = new Set(["they", "them"]);
const PERSON_PRONOUNS = new Set(["he", "she", "him"]);
const SCAN_LIMIT = 30;
/** How far right an object may be: past that, a name belongs to another phrase. */
const OBJECT_REACH = 16;

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

/** The verb whose subject a verb coordinated after "and" shares, if `at` is one. */
function sharedSubjectVerb(view: SentenceView, at: number): number | undefined {
  const { tokens, covering } = view;
  const verb = tokens[at];
  if (!verb || verb.pos !== "VERB" || /ing$/.test(verb.norm)) return undefined;
  if (tokens[at - 1]?.norm !== "and") return undefined;
  for (let before = at - 2; before >= 0; before--) {
    const token = tokens[before]!;
    if (token.norm === "." || token.norm === ";") return undefined;
    if (covering[before]) continue;
    // Not a participle qualifying a noun ("the progress made towards …") nor an infinitive.
    const qualifying =
      ["NOUN", "DET", "ADJ"].includes(tokens[before - 1]?.pos ?? "") || tokens[before - 1]?.norm === "to";
    if (token.pos === "VERB" && !/ing$/.test(token.norm) && !qualifying) return before;
  }
  return undefined;
}

const COPULAS = new Set(["is", "was", "are", "were", "be", "been", "remains", "remained", "became"]);

/**
 * "The 2020 ceasefire agreement was an armistice agreement that ended the war": a relative clause
 * after a predicate noun is about the copula's subject. `at` is the predicate noun's last word.
 */
function predicateSubject(view: SentenceView, at: number): Mention | undefined {
  const { tokens, covering } = view;
  let before = at;
  while (
    before >= 0 &&
    !covering[before] &&
    ["NOUN", "ADJ", "NUM", "DET", "PROPN"].includes(tokens[before]!.pos)
  )
    before--;
  if (before === at || !COPULAS.has(tokens[before]?.norm ?? "")) return undefined;
  return covering[before - 1];
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
  // "The UK congratulates Armenia and Azerbaijan on …, and confirms its support", "calls on both
  // parties and welcomes …": a second verb joined by "and" shares the first one's subject.
  const shared = sharedSubjectVerb(view, from);
  if (shared !== undefined) return scanLeft(view, shared, accepts, ctx);
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
      const antecedent = covering[before] ?? predicateSubject(view, before);
      return isArgument(antecedent) ? named(listAround(view, antecedent), accepts) : undefined;
    }
    const mention = covering[at];
    if (isArgument(mention)) {
      const list = listAround(view, mention);
      const before = tokens[list[0]!.first - 1]?.norm === "the" ? list[0]!.first - 2 : list[0]!.first - 1;
      const agentOfNoun = pastInfinitive && ["from", "by"].includes(tokens[before]?.norm ?? "");
      if (!inPrepositionalPhrase(tokens, list[0]!.first, covering) || agentOfNoun) {
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
const SHARE_WORDS = new Set([
  "majority",
  "most",
  "part",
  "parts",
  "rest",
  "much",
  "half",
  "all",
  "remainder",
  "bulk",
]);

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
    // "the progress made in their peace process": an irregular participle after a noun qualifies it.
    const participle =
      /(?:ed|en|ing)$/.test(token.norm) ||
      (ctx.rules.irregularPast.has(token.norm) && tokens[at - 1]?.pos === "NOUN");
    if ((token.pos === "VERB" || token.pos === "AUX") && at > start && !participle) return undefined;
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
        ["of", "in", "at", "over", "about", "on", "by", "from"].includes(preposition);
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
      // "recaptured the majority of Nagorno-Karabakh": a share of the object is the object.
      if (SHARE_WORDS.has(token.norm) && tokens[at + 1]?.norm === "of") {
        at++;
        continue;
      }
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
