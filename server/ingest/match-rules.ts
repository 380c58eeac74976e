/**
 * Rule matching: each verb rule's phrases are looked for in a sentence; where one occurs its
 * subject and object are found (active or passive), lists are split into one claim per party, and
 * the claim is kept only when both ends fit the rule and the relation's domain and range. The noun
 * phrase rules ("talks between A and B", "Armenian Prime Minister Nikol Pashinyan", "the joint
 * statement of A and B") run beside them.
 */
import type { CompiledRules, CompiledVerbRule } from "./compiled-rules.ts";
import { referentOf, type Referent } from "./discourse.ts";
import type { LinkIndex } from "./link-index.ts";
import { modalityOf } from "./modality.ts";
import {
  agentAfter,
  isPassive,
  isReducedPassive,
  scanLeft,
  scanRight,
  type Argument,
  type RoleContext,
  type SentenceView,
} from "./roles.ts";
import type { Gazetteer } from "./gazetteer.ts";
import type { Mention, Modality, Sentence, TitleFact } from "./types.ts";

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
  const subjectFits = accepts(index, rule.relation, "domain", rule.subject);
  const objectFits = accepts(index, rule.relation, "range", rule.object);
  const eventsOnly = rule.object.every((kind) => (index.nodeKinds.get(kind) ?? kind) === "event");
  for (let at = 0; at < view.tokens.length; at++) {
    for (const phrase of compiled.phrases) {
      const match = phrase.matchAt(view.tokens, at);
      if (!match || !verbUse(view, at, phrase.words.length)) continue;
      const passive = rule.passive && (isPassive(view.tokens, at) || isReducedPassive(view.tokens, at));
      let subject: Argument | undefined;
      let object: Argument | undefined;
      if (passive) {
        subject = agentAfter(view, match.last, subjectFits, ctx);
        object = scanLeft(view, at, objectFits, ctx);
      } else if (rule.reverse) {
        // "the delegation includes A, B and C": the members are on the right.
        object = scanLeft(view, at, objectFits, ctx);
        subject = object && scanRight(view, match.last, subjectFits, ctx);
      } else {
        subject = scanLeft(view, at, subjectFits, ctx);
        object = scanRight(view, match.last, objectFits, ctx, eventsOnly);
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
          subject: s,
          object: o,
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

/** The actor mentions listed right after `at` ("between A and B", "by A, B and C"). */
function actorsAfter(view: SentenceView, at: number): Mention[] {
  const found: Mention[] = [];
  for (let next = at; next < view.tokens.length; next++) {
    const mention = view.covering[next];
    if (mention && mention.first === next && mention.kind === "actor" && !mention.modifier) {
      found.push(mention);
      next = mention.last;
    } else if (mention && mention.kind === "actor" && mention.first < next) {
      next = mention.last;
    } else if (![",", "and", "the", "both", "together", "with", "as", "well"].includes(view.tokens[next]!.norm)) break;
  }
  return found;
}

/** A candidate of a noun phrase rule, when both ends fit the relation. */
function phraseCandidate(
  index: LinkIndex,
  rule: string,
  relation: string,
  subject: Referent,
  object: Referent,
  first: number,
  last: number,
  confidence: number,
): Candidate | undefined {
  const type = index.relationTypes.get(relation);
  if (!type || subject.entity === object.entity || !fits(subject, type.domain) || !fits(object, type.range)) return undefined;
  return { rule, relation, subject, object, first, last, anchor: first, modality: "asserted", confidence, byReference: false };
}

/** "<event> between A and B", "talks between A and B". */
function matchBetween(view: SentenceView, rules: CompiledRules, index: LinkIndex, out: Candidate[]): void {
  const phrases = rules.source.phrases;
  for (let at = 1; at < view.tokens.length; at++) {
    if (view.tokens[at]!.norm !== "between") continue;
    const parties = actorsAfter(view, at + 1);
    if (parties.length < 2) continue;
    const head = view.covering[at - 1];
    const last = parties.at(-1)!.last;
    const add = (candidate: Candidate | undefined) => candidate && out.push(candidate);
    if (head && head.kind === "event" && !head.modifier) {
      const phrase = phrases.between.find((p) => p.event.includes(head.type));
      if (!phrase) continue;
      const event = referentOf(head);
      for (const [i, party] of parties.entries()) {
        const actor = referentOf(party);
        if (phrase.direction === "mutual") {
          for (const other of parties.slice(i + 1))
            add(phraseCandidate(index, "between", phrase.relation, actor, referentOf(other), head.first, last, phrase.confidence));
        } else if (phrase.direction === "actor-to-event") {
          add(phraseCandidate(index, "between", phrase.relation, actor, event, head.first, last, phrase.confidence));
        } else add(phraseCandidate(index, "between", phrase.relation, event, actor, head.first, last, phrase.confidence));
      }
      continue;
    }
    const noun = view.tokens[at - 1]!;
    const { nouns, relation, confidence } = phrases.betweenNouns;
    if (!head && nouns.some((word) => word === noun.norm || word === noun.lemma)) {
      for (const [i, party] of parties.entries())
        for (const other of parties.slice(i + 1))
          add(phraseCandidate(index, "between-nouns", relation, referentOf(party), referentOf(other), at - 1, last, confidence));
    }
  }
}

/** Title facts: "Armenian Prime Minister Nikol Pashinyan" leads Armenia; a minister belongs to it. */
function matchTitles(titles: readonly TitleFact[], rules: CompiledRules, index: LinkIndex, out: (Candidate & { role?: string })[]): void {
  const { leads, members } = rules.source.phrases;
  for (const title of titles) {
    const body = index.entities.get(title.body);
    if (!body) continue;
    const { relation, confidence } = title.head ? leads : members;
    const object: Referent = { entity: body.id, kind: body.kind, type: body.type };
    const rule = title.head ? "leads" : "members";
    const candidate = phraseCandidate(index, rule, relation, referentOf(title.person), object, title.first, title.last, confidence);
    if (candidate) out.push({ ...candidate, role: title.role });
  }
}

/** "<actor>'s <event>", "<event> by/of <actor>": who issued or launched it. */
function matchAgents(view: SentenceView, rules: CompiledRules, index: LinkIndex, out: Candidate[]): void {
  for (const event of view.mentions) {
    if (event.kind !== "event") continue;
    const phrase = rules.source.phrases.agents.find((p) => p.event.includes(event.type));
    if (!phrase) continue;
    const agents: Mention[] = [];
    const by = view.tokens[event.last + 1]?.norm;
    if (by === "of" || by === "by") agents.push(...actorsAfter(view, event.last + 2));
    // "Azerbaijan's military operation", past adjectives: the owner is the agent.
    let before = event.first - 1;
    if (view.tokens[before]?.norm === "the") before--;
    const owner = view.covering[before - 1];
    if (owner?.possessor && owner.kind === "actor" && owner.last === before - 1) agents.push(owner);
    for (const agent of agents) {
      const candidate = phraseCandidate(
        index,
        "agents",
        phrase.relation,
        referentOf(agent),
        referentOf(event),
        Math.min(event.first, agent.first),
        Math.max(event.last, agent.last),
        phrase.confidence,
      );
      if (candidate) out.push(candidate);
    }
  }
}

/** "<event> in/at/along <place>": where it happened. */
function matchPlaces(view: SentenceView, rules: CompiledRules, index: LinkIndex, out: Candidate[]): void {
  const { prepositions, event: types, relation, confidence } = rules.source.phrases.places;
  for (const event of view.mentions) {
    if (event.kind !== "event" || !types.includes(event.type)) continue;
    let at = event.last + 1;
    if (!prepositions.includes(view.tokens[at]?.norm ?? "")) continue;
    at++;
    if (view.tokens[at]?.norm === "the") at++;
    const place = view.covering[at];
    if (!place || place.kind !== "place" || place.modifier) continue;
    const candidate = phraseCandidate(index, "places", relation, referentOf(event), referentOf(place), event.first, place.last, confidence);
    if (candidate) out.push(candidate);
  }
}

/** An armed force named with its state ("Armenian Armed Forces", "contingent of the Russian Federation"). */
function matchForces(view: SentenceView, ctx: { gazetteer: Gazetteer; index: LinkIndex; rules: CompiledRules }, sentence: string, sentenceStart: number, out: Candidate[]): void {
  const { relation, confidence } = ctx.rules.source.phrases.forces;
  for (const force of view.mentions) {
    if (force.type !== "armed_force" || force.modifier) continue;
    let owner: Referent | undefined;
    // The state inside the force's own name: "Armenian Armed Forces", "Azerbaijani army".
    const from = view.tokens[force.first]!.start - sentenceStart;
    const to = view.tokens[force.last]!.end - sentenceStart;
    for (const match of ctx.gazetteer.find(sentence.slice(from, to))) {
      const target = match.forms.find((form) => form.target.kind === "known")?.target;
      const entity = target?.kind === "known" ? ctx.index.entities.get(target.entity) : undefined;
      if (entity && entity.type === "state") owner = { entity: entity.id, kind: entity.kind, type: entity.type };
    }
    // "… of the Russian Federation" right after it.
    if (!owner && view.tokens[force.last + 1]?.norm === "of") {
      const state = actorsAfter(view, force.last + 2)[0];
      if (state?.type === "state") owner = referentOf(state);
    }
    if (!owner) continue;
    const candidate = phraseCandidate(ctx.index, "forces", relation, referentOf(force), owner, force.first, force.last, confidence);
    if (candidate) out.push(candidate);
  }
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
  matchBetween(view, ctx.rules, index, found);
  matchAgents(view, ctx.rules, index, found);
  matchPlaces(view, ctx.rules, index, found);
  matchForces(view, { gazetteer, index, rules: ctx.rules }, sentence.text, sentence.start, found);
  matchTitles(titles, ctx.rules, index, found);
  return found;
}
