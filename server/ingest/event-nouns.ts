/**
 * Events named by a common noun: "the statement on 28 May by the Co-Chairs", "this development",
 * "the military escalation". A noun of the rules' `eventAnaphora` list becomes a mention of the
 * event it refers to: the known event of that type with the date written beside it; else, after
 * "the", "this" or a possessive, the event of that type last named in the article; else, for an
 * article's first mention, the known event of that type dated closest before publication (within
 * a few weeks). "a statement" introduces something new and links to nothing.
 */
import { datesAgree, parseDate, type DateValue } from "../model/dates.ts";
import type { CompiledRules } from "./compiled-rules.ts";
import type { Discourse, Referent } from "./discourse.ts";
import type { PlacedDate } from "./dating.ts";
import type { LinkIndex } from "./link-index.ts";
import type { Mention, Token } from "./types.ts";

/** How long before publication a first "the escalation" may have happened. */
const RECENT_DAYS = 45;
const DEFINITE = new Set(["the", "this", "that", "these", "those", "its", "their", "our", "his", "her"]);

export interface DatedEvent {
  entity: string;
  type: string;
  /** Every date known for it: sources may disagree (7 or 8 December). */
  dates: DateValue[];
}

/**
 * Known events with a known date, one type at a time, each type read when first asked for: the date
 * its claims give, else a date its label spells out in full ("Minsk Group co-chairs' statement of
 * 28 May 2021", "Brussels trilateral meeting, July 2023").
 */
export class DatedEvents {
  private readonly byType = new Map<string, DatedEvent[]>();

  constructor(private readonly index: LinkIndex) {}

  get(type: string): DatedEvent[] {
    let list = this.byType.get(type);
    if (list) return list;
    list = [];
    for (const entity of this.index.entitiesOfType(type)) {
      const labelled = this.index.eventDates.has(entity.id) ? null : dateInLabel(entity.label);
      const texts = this.index.eventDates.get(entity.id) ?? (labelled ? [labelled] : []);
      const dates = texts
        .map((text) => parseDate(text))
        .filter((date): date is DateValue => typeof date !== "string");
      if (dates.length > 0) list.push({ entity: entity.id, type, dates });
    }
    this.byType.set(type, list);
    return list;
  }
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const LABEL_DATE =
  /\b(?:(\d{1,2})\s+)?(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{4})\b|\b((?:1[89]|20)\d\d)\b/;

/**
 * The date a label spells out: "… of 28 May 2021", "…, July 2023", "(2020)". A plain pattern, not
 * chrono: a million-claim graph has tens of thousands of event labels to read.
 */
export function dateInLabel(label: string): string | null {
  const match = LABEL_DATE.exec(label);
  if (!match) return null;
  if (match[4]) return match[4];
  const month = String(MONTHS.indexOf(match[2]!.slice(0, 3).toLowerCase()) + 1).padStart(2, "0");
  const text = match[1] ? `${match[3]}-${month}-${match[1].padStart(2, "0")}` : `${match[3]}-${month}`;
  return typeof parseDate(text) === "string" ? null : text;
}

export interface EventNounContext {
  rules: CompiledRules;
  index: LinkIndex;
  discourse: Discourse;
  datedEvents: DatedEvents;
  published: string | null;
}

function referentMention(referent: Referent, first: number, last: number): Mention {
  return {
    first,
    last,
    entity: referent.entity,
    kind: referent.kind,
    type: referent.type,
    via: "reference",
    modifier: false,
    possessor: false,
  };
}

function byDate(types: readonly string[], date: DateValue, ctx: EventNounContext): Referent | null {
  for (const type of types)
    for (const event of ctx.datedEvents.get(type))
      if (event.dates.some((known) => datesAgree(known, date)))
        return { entity: event.entity, kind: "event", type };
  return null;
}

/**
 * The known event of these types dated closest before publication, within RECENT_DAYS; an event
 * known only to the year or month ranks after one known to the day.
 */
function recentBefore(types: readonly string[], ctx: EventNounContext): Referent | null {
  const published = ctx.published === null ? undefined : parseDate(ctx.published);
  if (!published || typeof published === "string") return null;
  const day = Date.parse(published.start);
  // The types in order: "the announcement" is a statement before it is a release.
  for (const type of types) {
    let best: { referent: Referent; rank: number } | null = null;
    for (const event of ctx.datedEvents.get(type)) {
      const date = event.dates[0]!;
      // A year alone says too little to pick "the escalation" of a given month.
      if (date.precision === "year") continue;
      const start = Date.parse(date.start);
      const end = Date.parse(date.end);
      if (start > day) continue;
      const distance = end < day ? (day - end) / 86_400_000 : 0;
      if (distance > RECENT_DAYS) continue;
      const rank = distance + (date.precision === "day" ? 0 : 30);
      if (best && best.rank <= rank) continue;
      best = { referent: { entity: event.entity, kind: "event", type }, rank };
    }
    if (best) return best.referent;
  }
  return null;
}

/** Participles after an event noun that carry its date: "the joint statement signed … on November 9". */
const DATING_PARTICIPLES = new Set([
  "signed",
  "issued",
  "adopted",
  "released",
  "reached",
  "held",
  "concluded",
  "agreed",
  "announced",
  "published",
  "circulated",
  "made",
  "launched",
]);
const DATE_REACH_AFTER_PARTICIPLE = 12;

/** Mentions for the event nouns of a sentence, added to `mentions` (kept in token order). */
export function eventNounMentions(
  tokens: readonly Token[],
  mentions: readonly Mention[],
  dates: readonly PlacedDate[],
  ctx: EventNounContext,
): Mention[] {
  const covered = new Set<number>();
  for (const mention of mentions) for (let i = mention.first; i <= mention.last; i++) covered.add(i);
  const found: Mention[] = [];
  const dropped = new Set<Mention>();
  // "the dissolution of the Soviet Union in 1991": past an "of" phrase, its date.
  const pastOf = (at: number) => {
    if (tokens[at + 1]?.norm !== "of") return at;
    const owner = mentions.find(
      (m) => m.first === at + 2 || (m.first === at + 3 && tokens[at + 2]!.norm === "the"),
    );
    return owner ? owner.last : at;
  };
  const dateNear = (first: number, at: number) =>
    dates.find(
      (place) =>
        (place.first > at && place.first <= pastOf(at) + 3) || (place.first >= first && place.last < at),
    ) ??
    (DATING_PARTICIPLES.has(tokens[at + 1]?.norm ?? "")
      ? dates.find((place) => place.first > at && place.first <= at + DATE_REACH_AFTER_PARTICIPLE)
      : undefined);
  // A name that matched only later events ("the joint statement" in 2020): find the one meant.
  const kept = mentions.map((mention) => {
    if (!mention.datedOut) return mention;
    const types = ctx.rules.eventAnaphora.get(tokens[mention.last]!.norm) ?? [mention.type];
    const date = dateNear(mention.first, mention.last);
    const value = date ? parseDate(date.phrase.resolve("past") ?? "") : undefined;
    const referent =
      value && typeof value !== "string"
        ? byDate(types, value, ctx)
        : (ctx.discourse.event(types) ?? recentBefore(types, ctx));
    return referent ? referentMention(referent, mention.first, mention.last) : mention;
  });
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (covered.has(at) || (token.pos !== "NOUN" && token.pos !== "PROPN")) continue;
    const types = ctx.rules.eventAnaphora.get(token.norm) ?? ctx.rules.eventAnaphora.get(token.lemma);
    if (!types) continue;
    // The noun's own words before it: "the military escalation", "the 28 May statement".
    let first = at;
    const swallowed: Mention[] = [];
    for (;;) {
      const before = first - 1;
      if (before < 0) break;
      // A place or a demonym inside the phrase: "the 2020 Nagorno-Karabakh ceasefire agreement".
      const inner = mentions.find((mention) => mention.last === before);
      if (inner && (inner.kind === "place" || inner.modifier) && !found.some((f) => f.last === before)) {
        swallowed.push(inner);
        first = inner.first;
        continue;
      }
      if (covered.has(before) || !["ADJ", "NUM", "PROPN", "NOUN"].includes(tokens[before]!.pos)) break;
      first = before;
    }
    const determiner = tokens[first - 1];
    const owner = mentions.find((mention) => mention.possessor && mention.last === first - 2);
    const definite = (determiner && DEFINITE.has(determiner.norm)) || owner !== undefined;
    // A date written beside the noun names the event: "the statement on 28 May", "the 28 May statement".
    const date = dateNear(first, at);
    const dateValue = date ? parseDate(date.phrase.resolve("past") ?? "") : undefined;
    let referent: Referent | null = null;
    if (dateValue && typeof dateValue !== "string") referent = byDate(types, dateValue, ctx);
    else if (definite) referent = ctx.discourse.event(types) ?? recentBefore(types, ctx);
    else if (
      (token.norm === token.lemma || ctx.rules.eventAnaphora.has(token.norm)) &&
      (!determiner || !["DET", "NUM"].includes(determiner.pos))
    )
      // A bare singular ("sparking conflict between …") is the one the article is about, if it named
      // one; a bare plural ("previous meetings") is any, unless the plural is the name ("hostilities").
      referent = ctx.discourse.event(types);
    else if (dates.length === 1) {
      // "On 19–20 September 2023 Azerbaijan initiated a military offensive": the sentence's one date
      // names the event a first "a …" introduces, when the graph knows an event of that type then.
      const only = parseDate(dates[0]!.phrase.resolve("past") ?? "");
      if (typeof only !== "string" && only.precision === "day") referent = byDate(types, only, ctx);
    }
    if (!referent) continue;
    found.push(referentMention(referent, first, at));
    for (const inner of swallowed) dropped.add(inner);
    for (let i = first; i <= at; i++) covered.add(i);
  }
  return [...kept.filter((mention) => !dropped.has(mention)), ...found].sort((a, b) => a.first - b.first);
}
