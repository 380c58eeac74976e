/**
 * Rule matching: each verb rule's phrases are looked for in a sentence; where one occurs its
 * subject and object are found (active or passive), lists are split into one claim per party, and
 * the claim is kept only when both ends fit the rule and the relation's domain and range. The noun
 * phrase rules ("talks between A and B", "Armenian Prime Minister Nikol Pashinyan", "the joint
 * statement of A and B") run beside them.
 */
import type { CompiledVerbRule } from "./compiled-rules.ts";
import { referentOf, type Referent } from "./discourse.ts";
import type { LinkIndex } from "./link-index.ts";
import { modalityOf } from "./modality.ts";
import {
  agentAfter,
  isPassive,
  isReducedPassive,
  listEndingBefore,
  scanLeft,
  scanRight,
  type Argument,
  type RoleContext,
  type SentenceView,
} from "./roles.ts";
import type { Gazetteer } from "./gazetteer.ts";
import { innerViews } from "./inner-mentions.ts";
import { matchNominals } from "./match-nominals.ts";
import { matchObligations } from "./match-obligations.ts";
import {
  matchAgents,
  matchBetween,
  matchForces,
  matchLeadersOf,
  matchPlaces,
  matchStatementFrame,
  matchTitles,
} from "./match-phrases.ts";
import type { Modality, Sentence, TitleFact } from "./types.ts";

/** A relation found in a sentence, before dates, counts, attribution and confidence are added. */
export interface Candidate {
  rule: string;
  relation: string;
  subject: Referent;
  object: Referent;
  /** Token span the quote must cover. */
  first: number;
  last: number;
  /** The verb (or head word) of the claim. */
  anchor: number;
  modality: Modality;
  /** The rule's calibrated confidence, lowered for arguments found by reference. */
  confidence: number;
  /** Arguments found through the discourse ("both sides", "they") rather than named. */
  byReference: boolean;
}

/** Whether a referent may stand at one end of a relation: the rule's kinds and the vocabulary's. */
export function fits(referent: Referent, allowed: readonly string[]): boolean {
  return allowed.includes(referent.kind) || allowed.includes(referent.type);
}

function accepts(index: LinkIndex, relation: string, side: "domain" | "range", ruleKinds: readonly string[]) {
  const vocabulary = index.relationTypes.get(relation)?.[side] ?? [];
  return (referent: Referent) => fits(referent, ruleKinds) && fits(referent, vocabulary);
}

const REFERENCE_PENALTY = 0.85;

/** A verb phrase reads as a verb there: tagged a verb, or a participle or gerund, or several words. */
function verbUse(view: SentenceView, at: number, words: number): boolean {
  const token = view.tokens[at]!;
  if (view.covering[at]) return false;
  // "a negotiated process", "the agreed text": a participle between a determiner and a noun is an adjective.
  const before = view.tokens[at - 1];
  const after = view.tokens[at + 1];
  if (
    words === 1 &&
    /ed$/.test(token.norm) &&
    before &&
    ["DET", "ADJ"].includes(before.pos) &&
    after?.pos === "NOUN"
  )
    return false;
  if (token.pos === "VERB" || token.pos === "AUX") return true;
  if (view.headline) return token.pos === "NOUN" || token.pos === "PROPN";
  if (words > 1 && token.pos !== "ADP") return true;
  return /(?:ed|ing)$/.test(token.norm) && token.pos !== "ADJ";
}

function pairs(subject: Argument, object: Argument | undefined, mutual: boolean): [Referent, Referent][] {
  const found: [Referent, Referent][] = [];
  if (object) {
    for (const s of subject.referents)
      for (const o of object.referents) if (s.entity !== o.entity) found.push([s, o]);
    return found;
  }
  if (!mutual) return found;
  const parties = subject.referents;
  for (let i = 0; i < parties.length; i++)
    for (let j = i + 1; j < parties.length; j++) found.push([parties[i]!, parties[j]!]);
  return found;
}

function matchVerbRule(
  view: SentenceView,
  compiled: CompiledVerbRule,
  index: LinkIndex,
  ctx: RoleContext,
  out: Candidate[],
): void {
  const { rule } = compiled;
  // An inverse rule's grammatical subject is the claim's object.
  const subjectFits = accepts(index, rule.relation, rule.inverse ? "range" : "domain", rule.subject);
  const objectFits = accepts(index, rule.relation, rule.inverse ? "domain" : "range", rule.object);
  const eventsOnly = rule.object.every((kind) => (index.nodeKinds.get(kind) ?? kind) === "event");
  for (let at = 0; at < view.tokens.length; at++) {
    for (const phrase of compiled.phrases) {
      const match = phrase.matchAt(view.tokens, at);
      if (!match || (!rule.anyWord && !verbUse(view, at, phrase.words.length))) continue;
      const passive = rule.passive && (isPassive(view.tokens, at) || isReducedPassive(view.tokens, at));
      let subject: Argument | undefined;
      let object: Argument | undefined;
      if (rule.reverse && /ing$/.test(view.tokens[at]!.norm)) continue; // "actors including UN agencies"
      if (passive) {
        subject = agentAfter(view, match.last, subjectFits, ctx);
        object = scanLeft(view, at, objectFits, ctx);
      } else if (rule.reverse && !/ing$/.test(view.tokens[at]!.norm)) {
        // "the delegation includes A, B and C": the members are on the right.
        object = scanLeft(view, at, objectFits, ctx);
        subject = object && scanRight(view, match.last, subjectFits, ctx);
      } else if (rule.anyWord) {
        object = scanRight(view, match.last, objectFits, ctx, eventsOnly);
        subject =
          listEndingBefore(view, at, subjectFits) ??
          (object && rule.inverse ? eventOfMainClause(view, object.last, subjectFits) : undefined);
      } else {
        subject = scanLeft(view, at, subjectFits, ctx);
        const between = rule.partiesOfBetween;
        const owners = rule.ownersOnly;
        object = match.slot
          ? scanRight(view, match.slot[0] - 1, objectFits, ctx, eventsOnly, match.slot[1], between, owners)
          : scanRight(view, match.last, objectFits, ctx, eventsOnly, undefined, between, owners);
      }
      if (!subject) continue;
      const found = pairs(subject, object, rule.mutual);
      if (found.length === 0) continue;
      ctx.discourse.observeList(subject.referents);
      const subjectEnd = subject.last < at ? subject.last + 1 : 0;
      const modality = modalityOf(view.tokens, at, subjectEnd, ctx.rules);
      if (!rule.modalities.includes(modality)) continue;
      const spans = [subject, object ?? subject, match];
      const byReference = subject.how === "reference" || object?.how === "reference";
      for (const [s, o] of found) {
        out.push({
          rule: rule.id,
          relation: rule.relation,
          subject: rule.inverse ? o : s,
          object: rule.inverse ? s : o,
          first: Math.min(...spans.map((span) => span.first)),
          last: Math.max(...spans.map((span) => span.last)),
          anchor: at,
          modality,
          confidence: rule.confidence * (byReference ? REFERENCE_PENALTY : 1),
          byReference,
        });
      }
      break; // one phrase per position: "express support for" and "support" are one verb
    }
  }
}

/**
 * "urges Armenia and Azerbaijan to reengage in substantive negotiations": the act asked for is the
 * appeal's content, not something that happened; the URGED claim states it.
 */
function dropAppealedActs(view: SentenceView, found: Candidate[]): void {
  const appeals = found.filter((candidate) => candidate.relation === "URGED");
  const asked = (candidate: Candidate) =>
    appeals.some((appeal) => {
      if (candidate === appeal || appeal.last >= candidate.anchor) return false;
      const between = view.tokens.slice(appeal.last + 1, candidate.anchor);
      // "to continue negotiations" says they are negotiating: that act stands.
      const continued = [...between, view.tokens[candidate.anchor]!];
      if (continued.some((token) => token.lemma === "continue")) return false;
      const infinitive =
        between.some((token) => token.norm === "to") &&
        between.every((token) => token.norm === "to" || token.pos === "ADV");
      // "urges A and B to reengage … to negotiate a settlement": a later infinitive of the same parties.
      const later = candidate.first > appeal.anchor && view.tokens[candidate.anchor - 1]?.norm === "to";
      return infinitive || later;
    });
  const kept = found.filter((candidate) => candidate.relation === "URGED" || !asked(candidate));
  found.splice(0, found.length, ...kept);
}

/** Who started an event aimed at X (INITIATED, then TARGETED) attacked X. */
function attackersOf(
  found: readonly Candidate[],
  index: LinkIndex,
  rules: RoleContext["rules"],
): Candidate[] {
  const { relation, confidence } = rules.source.phrases.attackers;
  const type = index.relationTypes.get(relation);
  if (!type) return [];
  const attacks: Candidate[] = [];
  for (const started of found) {
    if (started.relation !== "INITIATED") continue;
    for (const aimed of found) {
      if (aimed.rule !== "targets" || aimed.subject.entity !== started.object.entity) continue;
      const [subject, object] = [started.subject, aimed.object];
      if (subject.entity === object.entity || !fits(subject, type.domain) || !fits(object, type.range))
        continue;
      attacks.push({
        ...started,
        rule: "attackers",
        relation,
        object,
        first: Math.min(started.first, aimed.first),
        last: Math.max(started.last, aimed.last),
        confidence: Math.min(started.confidence, confidence),
      });
    }
  }
  return attacks;
}

/**
 * "In 2020, following intermittent clashes, Azerbaijan initiated a campaign": a phrase that opens
 * the sentence is about the first event of the main clause after its comma.
 */
function eventOfMainClause(
  view: SentenceView,
  from: number,
  accepts: (referent: Referent) => boolean,
): Argument | undefined {
  let at = from + 1;
  while (at < view.tokens.length && view.tokens[at]!.norm !== ",") {
    if (view.tokens[at]!.pos === "VERB") return undefined;
    at++;
  }
  for (at++; at < view.tokens.length && view.tokens[at]!.norm !== "."; at++) {
    const mention = view.covering[at];
    if (mention?.kind !== "event") continue;
    const referent = referentOf(mention);
    if (!accepts(referent)) return undefined;
    return { referents: [referent], first: mention.first, last: mention.last, how: "named" };
  }
  return undefined;
}

/** Every candidate relation of one sentence. */
export function matchSentence(
  sentence: Sentence,
  view: SentenceView,
  titles: readonly TitleFact[],
  index: LinkIndex,
  gazetteer: Gazetteer,
  ctx: RoleContext,
): (Candidate & { role?: string })[] {
  const found: (Candidate & { role?: string })[] = [];
  for (const compiled of ctx.rules.verbRules) matchVerbRule(view, compiled, index, ctx, found);
  dropAppealedActs(view, found);
  // Long names hold phrases of their own: "the Ministerial Council meeting in Tirana".
  const inner = innerViews(sentence, view, index, gazetteer);
  // A verb inside a name ("ceasefire facilitated by Russia") states a relation of its own.
  for (const phrases of inner) {
    const within: Candidate[] = [];
    for (const compiled of ctx.rules.verbRules) matchVerbRule(phrases, compiled, index, ctx, within);
    found.push(...within.filter((candidate) => view.covering[candidate.anchor]?.kind === "event"));
  }
  for (const phrases of [view, ...inner]) {
    matchBetween(phrases, ctx.rules, index, found);
    matchAgents(phrases, ctx.rules, index, found);
    matchPlaces(phrases, ctx.rules, index, found);
    matchNominals(phrases, ctx.rules, index, found);
  }
  found.push(...attackersOf(found, index, ctx.rules));
  matchStatementFrame(view, ctx.rules, index, found);
  matchLeadersOf(view, ctx.rules, index, found);
  matchObligations(view, index, ctx, found);
  matchForces(view, { gazetteer, index, rules: ctx.rules }, sentence.text, sentence.start, found);
  matchTitles(titles, ctx.rules, index, found);
  return found;
}
