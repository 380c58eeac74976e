/**
 * Dates in a sentence, resolved against the publication date. chrono-node finds most phrases; it
 * resolves a bare weekday or month to the nearest one, so those are resolved here instead: for a
 * past event, the latest such day or month on or before publication ("released on Thursday" in a
 * Wednesday article is last Thursday), for an announced one the next. Day-first numeric dates
 * ("10.11.2020"), day ranges and bare years ("in 2020") are read here too. A phrase that cannot be
 * resolved (no publication date for "last week") gives no date: never the article's own date.
 */
// The English parser alone: the full package loads every locale (over a second on these machines).
import * as chrono from "chrono-node/en";
import type { Component } from "chrono-node";
import { parseDate } from "../model/dates.ts";

export interface DatePhrase {
  /** Offsets in the sentence text. */
  start: number;
  end: number;
  /** The resolved date (YYYY, YYYY-MM, YYYY-MM-DD or an interval), or null when it cannot be. */
  resolve(direction: "past" | "future"): string | null;
  /** The date as written needs the publication date (a weekday, "last week", a month alone). */
  relative: boolean;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (date: Date) =>
  `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
const MONTH_PATTERN =
  "(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?";
const monthNumber = (name: string) =>
  MONTHS.findIndex((month) => month.startsWith(name.toLowerCase().slice(0, 3))) + 1;

function validDay(year: number, month: number, day: number): string | null {
  const text = `${year}-${pad(month)}-${pad(day)}`;
  return typeof parseDate(text) === "string" ? null : text;
}

/** The latest (past) or earliest (future) date with this month and day around the publication date. */
function dayOfYearAround(
  month: number,
  day: number,
  published: Date,
  direction: "past" | "future",
): string | null {
  const year = published.getUTCFullYear();
  for (const candidate of direction === "past" ? [year, year - 1] : [year, year + 1]) {
    const text = validDay(candidate, month, day);
    if (!text) continue;
    if (direction === "past" ? text <= iso(published) : text >= iso(published)) return text;
  }
  return null;
}

function monthAround(month: number, published: Date, direction: "past" | "future"): string {
  const year = published.getUTCFullYear();
  const current = published.getUTCMonth() + 1;
  const resolvedYear =
    direction === "past" ? (month <= current ? year : year - 1) : month >= current ? year : year + 1;
  return `${resolvedYear}-${pad(month)}`;
}

function weekdayAround(weekday: number, published: Date, direction: "past" | "future"): string {
  const today = published.getUTCDay();
  const shift = direction === "past" ? -((today - weekday + 7) % 7) : (weekday - today + 7) % 7;
  return iso(new Date(published.getTime() + shift * 86_400_000));
}

/** Monday to Sunday of the week before the publication date's week. */
function lastWeek(published: Date): string {
  const sinceMonday = (published.getUTCDay() + 6) % 7;
  const monday = new Date(published.getTime() - (sinceMonday + 7) * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return `${iso(monday)}/${iso(sunday)}`;
}

/** Every date phrase of a sentence; `published` is the article's date (YYYY-MM-DD) or null. */
export function findDates(text: string, published: string | null): DatePhrase[] {
  const reference =
    published && /^\d{4}-\d{2}-\d{2}$/.test(published) ? new Date(`${published}T12:00:00Z`) : null;
  const phrases: DatePhrase[] = [];
  const taken: [number, number][] = [];
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
  const add = (phrase: DatePhrase) => {
    if (!free(phrase.start, phrase.end)) return;
    phrases.push(phrase);
    taken.push([phrase.start, phrase.end]);
  };
  const fixed = (start: number, end: number, value: string | null) =>
    value && add({ start, end, relative: false, resolve: () => value });

  // "10.11.2020": day first, as official texts outside the US write it.
  for (const match of text.matchAll(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g))
    fixed(
      match.index,
      match.index + match[0].length,
      validDay(Number(match[3]), Number(match[2]), Number(match[1])),
    );
  // "9November" (a lost space): the day and month, the year from the sentence or the publication.
  const glued = new RegExp(`\\b(\\d{1,2})${MONTH_PATTERN}(?:\\s+(\\d{4}))?\\b`, "g");
  for (const match of text.matchAll(glued)) {
    const month = monthNumber(match[2]!);
    const day = Number(match[1]);
    const year = match[3] ?? /\b(?:19|20)\d\d\b/.exec(text.slice(match.index))?.[0];
    const end = match.index + match[0].length;
    if (year) fixed(match.index, end, validDay(Number(year), month, day));
    else if (reference)
      add({
        start: match.index,
        end,
        relative: true,
        resolve: (d) => dayOfYearAround(month, day, reference, d),
      });
  }
  // "spoke overnight" in a readout: the night before publication.
  if (reference) {
    for (const match of text.matchAll(/\bovernight\b/gi)) {
      const before = iso(new Date(reference.getTime() - 86_400_000));
      add({
        start: match.index,
        end: match.index + match[0].length,
        relative: true,
        resolve: () => `${before}/${iso(reference)}`,
      });
    }
  }
  // "as 2023 draws to a close", "at the end of 2023", "late 2023": that year's December.
  for (const match of text.matchAll(
    /\b(?:as (\d{4}) draws to a close|(?:at )?the end of (\d{4})|late (\d{4}))\b/gi,
  )) {
    const year = match[1] ?? match[2] ?? match[3];
    fixed(match.index, match.index + match[0].length, `${year}-12`);
  }
  // "Between 19 and 20 September 2023", "7–8 December 2023": an interval of days.
  const range = new RegExp(
    `\\b(\\d{1,2})\\s*(?:and|to|–|-)\\s*(\\d{1,2})\\s+${MONTH_PATTERN}\\s+(\\d{4})\\b`,
    "g",
  );
  for (const match of text.matchAll(range)) {
    const month = monthNumber(match[3]!);
    const from = validDay(Number(match[4]), month, Number(match[1]));
    const to = validDay(Number(match[4]), month, Number(match[2]));
    if (from && to && from < to) fixed(match.index, match.index + match[0].length, `${from}/${to}`);
  }
  for (const result of chrono.parse(text, reference ?? new Date(0), { forwardDate: false })) {
    const start = result.index;
    const end = start + result.text.length;
    const known = (unit: Component) => result.start.isCertain(unit);
    const value = (unit: Component) => result.start.get(unit) ?? 0;
    const lower = result.text.toLowerCase();
    if (known("year") && known("month") && known("day")) {
      if (/\b(?:yesterday|today|ago|last|next|this)\b/.test(lower) && !reference) continue;
      if (/\blast\s+week\b/.test(lower)) {
        if (reference) add({ start, end, relative: true, resolve: () => lastWeek(reference) });
        continue;
      }
      if (/\bago\b/.test(lower)) continue; // "several weeks ago" is too vague to be a date
      fixed(start, end, validDay(value("year"), value("month"), value("day")));
    } else if (known("month") && known("day")) {
      const [month, day] = [value("month"), value("day")];
      if (reference)
        add({ start, end, relative: true, resolve: (d) => dayOfYearAround(month, day, reference, d) });
    } else if (known("month") && known("year")) {
      fixed(start, end, `${value("year")}-${pad(value("month"))}`);
    } else if (known("month")) {
      const month = value("month");
      if (/\blast\s+month\b/.test(lower) && reference) {
        const previous = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth() - 1, 1));
        add({
          start,
          end,
          relative: true,
          resolve: () => `${previous.getUTCFullYear()}-${pad(previous.getUTCMonth() + 1)}`,
        });
      } else if (reference && !/\b(?:last|next)\b/.test(lower)) {
        add({ start, end, relative: true, resolve: (d) => monthAround(month, reference, d) });
      }
    } else if (known("weekday") && !known("day")) {
      const weekday = value("weekday");
      if (reference)
        add({ start, end, relative: true, resolve: (d) => weekdayAround(weekday, reference, d) });
    }
  }
  // "in 2020", "since 1991", "the 1991 Almaty Declaration": a year.
  for (const match of text.matchAll(
    /\b(?:(in|since|by|of|until|from|during|the|early|late|mid-?)\s+)?((?:1[89]|20)\d\d)\b(?![.,]?\d)/gi,
  )) {
    if (!match[1]) continue;
    const start = match.index + match[0].length - 4;
    fixed(start, start + 4, match[2]!);
  }
  return phrases.sort((a, b) => a.start - b.start).map((phrase) => openEnded(phrase, text));
}

/** Whether the model reads open intervals ("../2020-11-20", "2020-09-27/.."). */
const OPEN_INTERVALS = typeof parseDate("../2000") !== "string";

/**
 * "by 20 November 2020" is a deadline, `../2020-11-20`; "since 2020" a start, `2020/..`. Only when
 * the model reads open intervals; otherwise the date stands as written.
 */
function openEnded(phrase: DatePhrase, text: string): DatePhrase {
  if (!OPEN_INTERVALS) return phrase;
  const before = text.slice(Math.max(0, phrase.start - 16), phrase.start).toLowerCase();
  const open = /\b(?:by|until|till|no later than)\s+$/.test(before)
    ? "start"
    : /\bsince\s+$/.test(before)
      ? "end"
      : null;
  if (!open) return phrase;
  return { ...phrase, resolve: (direction) => openInterval(phrase.resolve(direction), open) };
}

/** A date made open at one end; an interval already is left as it is. */
export function openInterval(value: string | null, open: "start" | "end" | "neither"): string | null {
  if (value === null || open === "neither" || value.includes("/") || !OPEN_INTERVALS) return value;
  return open === "start" ? `../${value}` : `${value}/..`;
}
