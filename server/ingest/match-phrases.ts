/**
 * The noun phrase rules: relations stated without a verb. "talks between A and B", "the joint
 * statement by A and B", "Azerbaijan's military operation", "the summit in Granada", "Armenian
 * Prime Minister Nikol Pashinyan", "the Armenian Armed Forces". Each rule's relation, event types
 * and confidence are data (extraction-rules.yaml, `phrases`).
 */
import type { CompiledRules } from "./compiled-rules.ts";
import { referentOf, type Referent } from "./discourse.ts";
import type { Gazetteer } from "./gazetteer.ts";
import type { LinkIndex } from "./link-index.ts";
import { fits, type Candidate } from "./match-rules.ts";
import type { SentenceView } from "./roles.ts";
import type { Mention, TitleFact, Token } from "./types.ts";

/** The actor mentions listed right after `at` ("between A and B", "by A, B and C"). */
function actorsAfter(view: SentenceView, at: number, rules?: CompiledRules): Mention[] {
  const found: Mention[] = [];
  for (let next = at; next < view.tokens.length; next++) {
    // "by the Foreign Ministers of Armenia and Azerbaijan": the office words stand for their states.
    const office = rules && !view.covering[next] ? rules.offices.matchAt(view.tokens, next) : -1;
    if (office >= 0 && view.tokens[office + 1]?.norm === "of") {
      next = office + 1;
      continue;
    }
    // "between President Aliyev and Prime Minister Pashinyan": a title before a person.
    const title =
      rules && !view.covering[next]
        ? Math.max(rules.headTitles.matchAt(view.tokens, next), rules.titles.matchAt(view.tokens, next))
        : -1;
    if (title >= 0 && view.covering[title + 1]?.type === "person") {
      next = title;
      continue;
    }
    const mention = view.covering[next];
    if (mention && mention.first === next && mention.kind === "actor" && !mention.modifier) {
      found.push(mention);
      next = mention.last;
    } else if (mention && mention.kind === "actor" && mention.first < next) {
      next = mention.last;
    } else if (
      ![",", "and", "the", "both", "together", "with", "as", "well"].includes(view.tokens[next]!.norm)
    )
      break;
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
  if (!type || subject.entity === object.entity || !fits(subject, type.domain) || !fits(object, type.range))
    return undefined;
  return {
    rule,
    relation,
    subject,
    object,
    first,
    last,
    anchor: first,
    modality: "asserted",
    confidence,
    byReference: false,
  };
}

/** "<event> between A and B", "talks between A and B". */
export function matchBetween(
  view: SentenceView,
  rules: CompiledRules,
  index: LinkIndex,
  out: Candidate[],
): void {
  const phrases = rules.source.phrases;
  for (let at = 1; at < view.tokens.length; at++) {
    if (view.tokens[at]!.norm !== "between") continue;
    const parties = actorsAfter(view, at + 1, rules);
    if (parties.length < 2) continue;
    // The head noun may carry its date first: "An agreement on 7 December between A and B".
    let headAt = at - 1;
    while (
      headAt > at - 5 &&
      !view.covering[headAt] &&
      /^(?:on|of|in|\d+|\p{Lu}\p{Ll}+)$/u.test(view.tokens[headAt]!.text)
    )
      headAt--;
    const head = view.covering[headAt]?.kind === "event" ? view.covering[headAt] : view.covering[at - 1];
    const last = parties.at(-1)!.last;
    const add = (candidate: Candidate | undefined) => candidate && out.push(candidate);
    const noun = view.tokens[at - 1]!;
    const { nouns, relation, confidence } = phrases.betweenNouns;
    // "talks between A and B", "the meeting between A and B": the parties negotiated, whether or
    // not the talks are an event the graph knows.
    if (nouns.some((word) => word === noun.norm || word === noun.lemma)) {
      for (const [i, party] of parties.entries())
        for (const other of parties.slice(i + 1))
          add(
            phraseCandidate(
              index,
              "between-nouns",
              relation,
              referentOf(party),
              referentOf(other),
              at - 1,
              last,
              confidence,
            ),
          );
    }
    if (head && head.kind === "event" && !head.modifier) {
      const phrase = phrases.between.find((p) => p.event.includes(head.type));
      if (!phrase) continue;
      const event = referentOf(head);
      for (const [i, party] of parties.entries()) {
        const actor = referentOf(party);
        if (phrase.direction === "mutual") {
          for (const other of parties.slice(i + 1))
            add(
              phraseCandidate(
                index,
                "between",
                phrase.relation,
                actor,
                referentOf(other),
                head.first,
                last,
                phrase.confidence,
              ),
            );
        } else if (phrase.direction === "actor-to-event") {
          add(
            phraseCandidate(
              index,
              "between",
              phrase.relation,
              actor,
              event,
              head.first,
              last,
              phrase.confidence,
            ),
          );
        } else
          add(
            phraseCandidate(
              index,
              "between",
              phrase.relation,
              event,
              actor,
              head.first,
              last,
              phrase.confidence,
            ),
          );
      }
    }
  }
}

/** Title facts: "Armenian Prime Minister Nikol Pashinyan" leads Armenia; a minister belongs to it. */
export function matchTitles(
  titles: readonly TitleFact[],
  rules: CompiledRules,
  index: LinkIndex,
  out: (Candidate & { role?: string })[],
): void {
  const { leads, members } = rules.source.phrases;
  for (const title of titles) {
    const body = index.entities.get(title.body);
    if (!body) continue;
    const { relation, confidence } = title.head ? leads : members;
    const object: Referent = { entity: body.id, kind: body.kind, type: body.type };
    const rule = title.head ? "leads" : "members";
    const candidate = phraseCandidate(
      index,
      rule,
      relation,
      referentOf(title.person),
      object,
      title.first,
      title.last,
      confidence,
    );
    if (candidate) out.push({ ...candidate, role: title.role });
  }
}

const MONTH_WORDS =
  /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

/**
 * The token after an event's name, past what may sit between the name and its agent or place: a
 * participle ("the joint statement issued by …", "the summit held in …") and a date ("the statement
 * on 28 May by the Co-Chairs", "the Declaration of 10 November 2020 by …").
 */
function pastEventTail(view: SentenceView, at: number): number {
  const tokens = view.tokens;
  if (/(?:ed|en)$/.test(tokens[at]?.norm ?? "") && tokens[at]!.pos === "VERB") at++;
  if (["on", "of", "dated"].includes(tokens[at]?.norm ?? "") && !view.covering[at + 1]) {
    let end = at + 1;
    while (
      end < tokens.length &&
      end <= at + 5 &&
      (tokens[end]!.pos === "NUM" || MONTH_WORDS.test(tokens[end]!.norm) || tokens[end]!.norm === ",")
    )
      end++;
    const spansDate = tokens
      .slice(at + 1, end)
      .some((t) => MONTH_WORDS.test(t.norm) || /^\d{4}$/.test(t.norm));
    if (spansDate) {
      at = end;
      if (tokens[at]?.norm === ",") at++;
      if (/(?:ed|en)$/.test(tokens[at]?.norm ?? "") && tokens[at]!.pos === "VERB") at++;
    }
  }
  return at;
}

/** "<actor>'s <event>", "<event> by/of <actor>": who issued or launched it. */
export function matchAgents(
  view: SentenceView,
  rules: CompiledRules,
  index: LinkIndex,
  out: Candidate[],
): void {
  for (const event of view.mentions) {
    if (event.kind !== "event") continue;
    const phrase = rules.source.phrases.agents.find((p) => p.event.includes(event.type));
    if (!phrase) continue;
    const agents: Mention[] = [];
    const involves = phrase.direction === "event-to-actor";
    const byAt = involves ? event.last + 1 : pastEventTail(view, event.last + 1);
    const by = view.tokens[byAt]?.norm;
    const markers: readonly string[] = involves ? ["of"] : phrase.markers;
    if (markers.includes(by ?? "")) agents.push(...actorsAfter(view, byAt + 1, rules));
    // "Azerbaijan's military operation", past adjectives: the owner is the agent.
    let before = event.first - 1;
    if (view.tokens[before]?.norm === "the") before--;
    const owner = view.covering[before - 1];
    if (!involves && owner?.possessor && owner.kind === "actor" && owner.last === before - 1)
      agents.push(owner);
    for (const agent of agents) {
      const [subject, object] = involves
        ? [referentOf(event), referentOf(agent)]
        : [referentOf(agent), referentOf(event)];
      const candidate = phraseCandidate(
        index,
        "agents",
        phrase.relation,
        subject,
        object,
        Math.min(event.first, agent.first),
        Math.max(event.last, agent.last),
        phrase.confidence,
      );
      if (candidate) out.push(candidate);
    }
  }
}

const FRAME_DETERMINERS = new Set(["a", "an", "the", "their", "its", "this", "his", "her"]);
/** How far after the statement's name the speakers' comma may be ("released on December 8, 2023,"). */
const FRAME_REACH = 15;

/**
 * "In a joint statement released on December 8, 2023, Armenia and Azerbaijan announced …": the
 * actors who speak right after a statement named as the sentence's frame issued it.
 */
export function matchStatementFrame(
  view: SentenceView,
  rules: CompiledRules,
  index: LinkIndex,
  out: Candidate[],
): void {
  const { event: types, relation, confidence } = rules.source.phrases.statementFrame;
  const { tokens, covering } = view;
  for (const event of view.mentions) {
    if (event.kind !== "event" || !types.includes(event.type)) continue;
    let before = event.first - 1;
    if (FRAME_DETERMINERS.has(tokens[before]?.norm ?? "")) before--;
    if (tokens[before]?.norm !== "in") continue;
    for (let at = event.last + 1; at < tokens.length && at <= event.last + FRAME_REACH; at++) {
      if (covering[at]) break;
      if (tokens[at]!.norm !== ",") continue;
      const speakers = actorsAfter(view, at + 1, rules);
      if (speakers.length === 0) continue;
      let verb = speakers.at(-1)!.last + 1;
      while (tokens[verb]?.pos === "ADV") verb++;
      if (tokens[verb]?.pos !== "VERB" && tokens[verb]?.pos !== "AUX") break;
      for (const speaker of speakers) {
        const candidate = phraseCandidate(
          index,
          "statement-frame",
          relation,
          referentOf(speaker),
          referentOf(event),
          before,
          verb,
          confidence,
        );
        if (candidate) out.push(candidate);
      }
      break;
    }
  }
}

/** Words that name what a place is: "the disputed region of Nagorno-Karabakh". */
const PLACE_NOUNS = new Set([
  "region",
  "area",
  "territory",
  "town",
  "city",
  "village",
  "province",
  "district",
  "state",
  "republic",
  "enclave",
  "zone",
]);

/**
 * Past the words before a place's name: adjectives and participles ("the disputed Nagorno-Karabakh
 * region", "the self-declared breakaway state of Artsakh") and "<place noun> of".
 */
function pastPlaceWords(view: SentenceView, at: number): number {
  const { tokens, covering } = view;
  const describing = (token: Token) =>
    token.pos === "ADJ" || (token.pos === "VERB" && /(?:ed|en)$/.test(token.norm)) || token.pos === "ADV";
  while (tokens[at] && describing(tokens[at]!) && !covering[at]) at++;
  while (tokens[at] && !covering[at] && tokens[at]!.pos === "NOUN" && !PLACE_NOUNS.has(tokens[at]!.norm)) {
    // "the breakaway state of": a noun used as an adjective before the place noun.
    if (!PLACE_NOUNS.has(tokens[at + 1]?.norm ?? "")) break;
    at++;
  }
  if (PLACE_NOUNS.has(tokens[at]?.norm ?? "") && !covering[at] && tokens[at + 1]?.norm === "of") {
    at += 2;
    if (tokens[at]?.norm === "the") at++;
  }
  return at;
}

const LEADER_NOUNS = new Set(["leader", "leaders", "head", "heads"]);

/**
 * "The leaders of Armenia, Prime Minister Nikol Pashinyan and President Armen Sarkissian": the
 * people named after "the leaders of <state>," lead it.
 */
export function matchLeadersOf(
  view: SentenceView,
  rules: CompiledRules,
  index: LinkIndex,
  out: Candidate[],
): void {
  const { relation, confidence } = rules.source.phrases.leads;
  const { tokens, covering } = view;
  for (let at = 0; at + 3 < tokens.length; at++) {
    if (!LEADER_NOUNS.has(tokens[at]!.norm) || tokens[at + 1]!.norm !== "of") continue;
    const from = tokens[at + 2]!.norm === "the" ? at + 3 : at + 2;
    const body = covering[from];
    if (!body || body.kind !== "actor" || body.type === "person") continue;
    if (tokens[body.last + 1]?.norm !== ",") continue;
    for (const person of actorsAfter(view, body.last + 2, rules)) {
      if (person.type !== "person") break;
      const candidate = phraseCandidate(
        index,
        "leads",
        relation,
        referentOf(person),
        referentOf(body),
        at,
        person.last,
        confidence,
      );
      if (candidate) out.push(candidate);
    }
  }
}

/** "<event> in/at/along <place>": where it happened. */
export function matchPlaces(
  view: SentenceView,
  rules: CompiledRules,
  index: LinkIndex,
  out: Candidate[],
): void {
  matchEventPrepositions(view, rules.source.phrases.places, "places", ["place"], index, out);
  matchPlaceBefore(view, rules, index, out);
  matchEventPrepositions(view, rules.source.phrases.targets, "targets", ["place", "actor"], index, out);
}

/** "the Brussels trilateral meeting", "the Granada summit": a place naming where the event was. */
function matchPlaceBefore(
  view: SentenceView,
  rules: CompiledRules,
  index: LinkIndex,
  out: Candidate[],
): void {
  const { event: types, relation, confidence } = rules.source.phrases.places;
  for (const event of view.mentions) {
    if (event.kind !== "event" || !types.includes(event.type)) continue;
    const place = view.covering[event.first - 1];
    if (!place || place.kind !== "place" || place.last !== event.first - 1) continue;
    const candidate = phraseCandidate(
      index,
      "places",
      relation,
      referentOf(event),
      referentOf(place),
      place.first,
      event.last,
      confidence,
    );
    if (candidate) out.push(candidate);
  }
}

interface EventPrepositionRule {
  prepositions: string[];
  event: string[];
  relation: string;
  confidence: number;
}

/** "<event> <preposition> <name>": the place it happened in, the actor it was aimed at. */
function matchEventPrepositions(
  view: SentenceView,
  rule: EventPrepositionRule,
  ruleId: string,
  kinds: readonly string[],
  index: LinkIndex,
  out: Candidate[],
): void {
  const { prepositions, event: types, relation, confidence } = rule;
  for (const event of view.mentions) {
    if (event.kind !== "event" || !types.includes(event.type)) continue;
    // "the summit held in Washington", "an offensive in the disputed Nagorno-Karabakh region"
    let at = pastEventTail(view, event.last + 1);
    if (!prepositions.includes(view.tokens[at]?.norm ?? "")) continue;
    at++;
    if (view.tokens[at]?.norm === "the") at++;
    at = pastPlaceWords(view, at);
    const place = view.covering[at];
    if (!place || !kinds.includes(place.kind) || place.modifier) continue;
    const candidate = phraseCandidate(
      index,
      ruleId,
      relation,
      referentOf(event),
      referentOf(place),
      event.first,
      place.last,
      confidence,
    );
    if (candidate) out.push(candidate);
  }
}

/** An armed force named with its state ("Armenian Armed Forces", "contingent of the Russian Federation"). */
export function matchForces(
  view: SentenceView,
  ctx: { gazetteer: Gazetteer; index: LinkIndex; rules: CompiledRules },
  sentence: string,
  sentenceStart: number,
  out: Candidate[],
): void {
  const { relation, confidence } = ctx.rules.source.phrases.forces;
  for (const force of view.mentions) {
    if (force.type !== "armed_force" || force.modifier) continue;
    let owner: Referent | undefined;
    // The state inside the force's own name ("Armenian Armed Forces", "Azerbaijani army"): the name
    // less its last word, since the whole name is the force itself.
    const from = view.tokens[force.first]!.start - sentenceStart;
    const to = view.tokens[Math.max(force.first, force.last - 1)]!.end - sentenceStart;
    for (const match of force.last > force.first ? ctx.gazetteer.find(sentence.slice(from, to)) : []) {
      const target = match.forms.find((form) => form.target.kind === "known")?.target;
      const entity = target?.kind === "known" ? ctx.index.entities.get(target.entity) : undefined;
      if (entity && entity.type === "state")
        owner = { entity: entity.id, kind: entity.kind, type: entity.type };
    }
    // "… of the Russian Federation" right after it.
    if (!owner && view.tokens[force.last + 1]?.norm === "of") {
      const state = actorsAfter(view, force.last + 2)[0];
      if (state?.type === "state") owner = referentOf(state);
    }
    if (!owner) continue;
    const candidate = phraseCandidate(
      ctx.index,
      "forces",
      relation,
      referentOf(force),
      owner,
      force.first,
      force.last,
      confidence,
    );
    if (candidate) out.push(candidate);
  }
}
