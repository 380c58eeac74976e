/**
 * Which date a claim takes: the date phrase of its own clause nearest its verb, resolved forward for
 * an announced act and backward otherwise. An event named with a date beside it ("this joint
 * statement, released on December 7, 2023", "the 1991 Almaty Declaration") also gets a date claim.
 */
import { openInterval, type DatePhrase } from "./date-phrases.ts";
import type { Mention, Modality, Sentence, Token } from "./types.ts";

/** A date phrase placed on the sentence's tokens. */
export interface PlacedDate {
  phrase: DatePhrase;
  first: number;
  last: number;
}

export function placeDates(
  phrases: readonly DatePhrase[],
  sentence: Sentence,
  tokens: readonly Token[],
): PlacedDate[] {
  const placed: PlacedDate[] = [];
  for (const phrase of phrases) {
    const start = sentence.start + phrase.start;
    const end = sentence.start + phrase.end;
    const first = tokens.findIndex((token) => token.end > start);
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1]!.start < end) last++;
    if (first >= 0) placed.push({ phrase, first, last });
  }
  return placed;
}

/** Words between a verb and a date that mean the date belongs to another clause. */
const CLAUSE_BREAKS = new Set([
  ";",
  "which",
  "who",
  "while",
  "whereas",
  "but",
  "after",
  "before",
  "when",
  "since",
]);

export interface ChosenDate {
  value: string;
  place: PlacedDate;
}

/** The date of a claim whose words span [first, last] around its verb `anchor`, or null. */
export function dateFor(
  dates: readonly PlacedDate[],
  tokens: readonly Token[],
  anchor: number,
  first: number,
  last: number,
  modality: Modality,
  maxDistance = Infinity,
): ChosenDate | null {
  let best: ChosenDate | null = null;
  let bestDistance = Infinity;
  for (const place of dates) {
    const distance = place.last < first ? first - place.last : place.first > last ? place.first - last : 0;
    const [from, to] = place.first > anchor ? [anchor, place.first] : [place.last, anchor];
    if (tokens.slice(from + 1, to).some((token) => CLAUSE_BREAKS.has(token.norm))) continue;
    if (distance >= bestDistance || distance > maxDistance) continue;
    const value = place.phrase.resolve(modality === "announced" ? "future" : "past");
    if (value === null) continue;
    best = { value, place };
    bestDistance = distance;
  }
  return best;
}

/** Participles that tie a date to the event before them: "a joint statement released on …". */
const PASSIVE_AUXILIARIES = new Set(["was", "were", "is", "are"]);
const EVENT_PARTICIPLES = new Set([
  "released",
  "issued",
  "signed",
  "adopted",
  "held",
  "launched",
  "reached",
  "concluded",
  "announced",
  "published",
  "agreed",
  "declared",
  "made",
  "dated",
  "began",
  "started",
  "took",
  "place",
]);

const STARTING = new Set(["began", "started", "erupted", "broke"]);
const ENDING = new Set(["concluded", "ended", "finished"]);

export interface EventDate {
  event: Mention;
  value: string;
  first: number;
  last: number;
}

/** Events named with their date right beside them. */
export function eventDates(
  mentions: readonly Mention[],
  dates: readonly PlacedDate[],
  tokens: readonly Token[],
): EventDate[] {
  const found: EventDate[] = [];
  for (const event of mentions) {
    if (event.kind !== "event" || event.modifier) continue;
    for (const place of dates) {
      // "the 1991 Almaty Declaration": the date just before the name.
      // … or "last week’s latest Brussels trilateral meeting": a possessive and adjectives between.
      const between = tokens.slice(place.last + 1, event.first);
      const before =
        place.last < event.first &&
        between.length <= 3 &&
        between.every((token) => token.pos === "ADJ" || token.norm === "'s" || token.norm === "'");
      // "the 28 May statement by the Co-Chairs": a date inside the name.
      const inside = place.first > event.first && place.last <= event.last;
      // "<event>, released on December 7, 2023" / "<event> of 10 November 2020"
      let at = event.last + 1;
      if (tokens[at]?.norm === ",") at++;
      // "<event> was issued on 7 December": a passive with no agent, so no relation dates it.
      if (
        PASSIVE_AUXILIARIES.has(tokens[at]?.norm ?? "") &&
        EVENT_PARTICIPLES.has(tokens[at + 1]?.norm ?? "")
      )
        at++;
      if (EVENT_PARTICIPLES.has(tokens[at]?.norm ?? "")) at++;
      if (tokens[at]?.norm === "place") at++;
      // chrono's phrase may or may not hold its preposition ("on 7 December").
      const preposition = ["on", "in", "of", "dated"].includes(tokens[at]?.norm ?? "");
      const after = place.first === at || (preposition && place.first === at + 1);
      if (!before && !after && !inside) continue;
      // "hostilities … began on 27 September 2020" dates the start; "concluded in 1994" the end.
      const verb = tokens[event.last + 1]?.norm ?? "";
      const open = STARTING.has(verb) ? "end" : ENDING.has(verb) ? "start" : "neither";
      const value = openInterval(place.phrase.resolve("past"), open);
      if (value === null) continue;
      found.push({
        event,
        value,
        first: Math.min(event.first, place.first),
        last: Math.max(event.last, place.last),
      });
    }
  }
  return found;
}
