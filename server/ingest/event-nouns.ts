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
  date: DateValue;
}

/** Known events with a known date, by type (built once per extractor). */
export function datedEventsByType(index: LinkIndex): Map<string, DatedEvent[]> {
  const byType = new Map<string, DatedEvent[]>();
  for (const [entity, text] of index.eventDates) {
    const known = index.entities.get(entity);
    const date = parseDate(text);
    if (!known || known.kind !== "event" || typeof date === "string") continue;
    const list = byType.get(known.type) ?? [];
    list.push({ entity, type: known.type, date });
    byType.set(known.type, list);
  }
  return byType;
}

export interface EventNounContext {
  rules: CompiledRules;
  index: LinkIndex;
  discourse: Discourse;
  datedEvents: ReadonlyMap<string, DatedEvent[]>;
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
    for (const event of ctx.datedEvents.get(type) ?? [])
      if (datesAgree(event.date, date)) return { entity: event.entity, kind: "event", type };
  return null;
}

function recentBefore(types: readonly string[], ctx: EventNounContext): Referent | null {
  const published = ctx.published === null ? undefined : parseDate(ctx.published);
  if (!published || typeof published === "string") return null;
  const latest = Date.parse(published.end);
  let best: { referent: Referent; distance: number } | null = null;
  for (const type of types) {
    for (const event of ctx.datedEvents.get(type) ?? []) {
      const distance = (latest - Date.parse(event.date.end)) / 86_400_000;
      if (distance < 0 || distance > RECENT_DAYS || (best && best.distance <= distance)) continue;
      best = { referent: { entity: event.entity, kind: "event", type }, distance };
    }
  }
  return best?.referent ?? null;
}

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
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at]!;
    if (covered.has(at) || (token.pos !== "NOUN" && token.pos !== "PROPN")) continue;
    const types = ctx.rules.eventAnaphora.get(token.norm) ?? ctx.rules.eventAnaphora.get(token.lemma);
    if (!types) continue;
    // The noun's own words before it: "the military escalation", "the 28 May statement".
    let first = at;
    while (first > 0 && !covered.has(first - 1) && ["ADJ", "NUM", "PROPN"].includes(tokens[first - 1]!.pos)) first--;
    const determiner = tokens[first - 1];
    const owner = mentions.find((mention) => mention.possessor && mention.last === first - 2);
    const definite = (determiner && DEFINITE.has(determiner.norm)) || owner !== undefined;
    // A date written beside the noun names the event: "the statement on 28 May", "the 28 May statement".
    const date = dates.find(
      (place) => (place.first > at && place.first <= at + 3) || (place.first >= first && place.last < at),
    );
    const dateValue = date ? parseDate(date.phrase.resolve("past") ?? "") : undefined;
    let referent: Referent | null = null;
    if (dateValue && typeof dateValue !== "string") referent = byDate(types, dateValue, ctx);
    else if (definite) referent = ctx.discourse.event(types) ?? recentBefore(types, ctx);
    if (!referent) continue;
    found.push(referentMention(referent, first, at));
    for (let i = first; i <= at; i++) covered.add(i);
  }
  return [...mentions, ...found].sort((a, b) => a.first - b.first);
}
