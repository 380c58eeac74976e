/**
 * Dates as sources give them: a day, a month, a year, or an interval of those ("1988/1994"). An
 * interval may leave one side open with ".." when the source gives only a start or an end
 * ("originated in 1991" is "1991/..", "concluded in 1994" is "../1994"), as EDTF writes it.
 * The precision follows from the written form, so it is never stored separately.
 */
export type DatePrecision = "day" | "month" | "year";

export interface DateValue {
  /** As written in graph-data, e.g. "2023-09", "1988/1994" or "1991/..". */
  text: string;
  /** The precision of the known side (the start, unless only the end is given). */
  precision: DatePrecision;
  /**
   * First day covered, YYYY-MM-DD. With an open side, the days of the known side only, so an open
   * interval never stretches a range or a timeline to the year 9999.
   */
  start: string;
  /** Last day covered, YYYY-MM-DD (see start for open intervals). */
  end: string;
  /** Whether the source gives only one side: "1991/.." has an open end, "../1994" an open start. */
  open?: "start" | "end";
}

/** The marker of an open side of an interval. */
const OPEN = "..";

const SINGLE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function parseSingle(text: string): Omit<DateValue, "text"> | string {
  const match = SINGLE.exec(text);
  if (!match) return `"${text}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD`;
  const year = Number(match[1]);
  if (year < 1) return `"${text}" has year 0, which does not exist`;
  if (match[2] === undefined)
    return { precision: "year", start: `${match[1]}-01-01`, end: `${match[1]}-12-31` };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return `"${text}" has month ${match[2]}, which does not exist`;
  const lastDay = daysInMonth(year, month);
  if (match[3] === undefined) {
    return {
      precision: "month",
      start: `${match[1]}-${match[2]}-01`,
      end: `${match[1]}-${match[2]}-${pad(lastDay)}`,
    };
  }
  const day = Number(match[3]);
  if (day < 1 || day > lastDay) return `"${text}" is impossible: ${year}-${match[2]} has ${lastDay} days`;
  return { precision: "day", start: text, end: text };
}

/**
 * Parsed dates by their text. A million claims name a few thousand distinct dates, so each parse
 * happens once and the claims share one frozen DateValue: less memory, and no re-parsing when the
 * graph is built. Cleared when full, so hostile input cannot grow it without bound.
 */
const parsed = new Map<string, Readonly<DateValue> | string>();
const MAX_PARSED = 100_000;

/** Parses a date or interval; returns the reason as a string when it is malformed or impossible. */
export function parseDate(input: string | number): DateValue | string {
  const text = String(input).trim();
  let result = parsed.get(text);
  if (result === undefined) {
    result = parseUncached(text);
    if (typeof result !== "string") Object.freeze(result);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(text, result);
  }
  return result;
}

function parseUncached(text: string): DateValue | string {
  const parts = text.split("/");
  if (parts.length > 2) return `"${text}" has more than one "/": an interval is two dates, START/END`;
  const [startText = "", endText] = parts;
  if (endText === undefined) {
    const single = parseSingle(startText);
    return typeof single === "string" ? single : dateValue(text, single.precision, single.start, single.end);
  }
  if (startText === OPEN && endText === OPEN) return `"${text}" has no date at all: give a start or an end`;
  if (startText === OPEN || endText === OPEN) {
    const known = parseSingle(startText === OPEN ? endText : startText);
    if (typeof known === "string") return known;
    return dateValue(text, known.precision, known.start, known.end, startText === OPEN ? "start" : "end");
  }
  const first = parseSingle(startText);
  if (typeof first === "string") return first;
  const last = parseSingle(endText);
  if (typeof last === "string") return last;
  if (last.end < first.start) return `"${text}" ends before it starts`;
  return dateValue(text, first.precision, first.start, last.end);
}

/**
 * Every date value is built here with the same fields in the same order, so all share one hidden
 * class: spread-built ones each had their own, and reading `date.end` across thousands of shapes
 * made every date filter about ten times slower.
 */
function dateValue(
  text: string,
  precision: DatePrecision,
  start: string,
  end: string,
  open?: "start" | "end",
): DateValue {
  return { text, precision, start, end, open };
}

/** The days in which an interval's start, or its end, may lie; null for an open side. */
function sideSpan(date: DateValue, side: "start" | "end"): { start: string; end: string } | null {
  if (date.open === side) return null;
  if (date.open) return { start: date.start, end: date.end };
  const [startText = "", endText = startText] = date.text.split("/");
  const single = parseSingle(side === "start" ? startText : endText);
  return typeof single === "string" ? null : single;
}

const overlap = (a: { start: string; end: string } | null, b: { start: string; end: string } | null) =>
  !a || !b || (a.start <= b.end && b.start <= a.end);

const isInterval = (date: DateValue) => date.text.includes("/");

/**
 * Whether two dates given for one thing can both be true. Two single dates agree when one lies
 * within the other ("2023-12" and "2023-12-07"). Two intervals agree when their starts can
 * coincide and their ends can too ("1988/.." and "1991/.." do not: the thing cannot begin in both
 * years). A single date and an interval agree when the single date can fall within the interval.
 */
export function datesAgree(a: DateValue, b: DateValue): boolean {
  if (isInterval(a) && isInterval(b))
    return (
      overlap(sideSpan(a, "start"), sideSpan(b, "start")) && overlap(sideSpan(a, "end"), sideSpan(b, "end"))
    );
  if (isInterval(a) || isInterval(b)) {
    const [single, interval] = isInterval(a) ? [b, a] : [a, b];
    const from = interval.open === "start" ? "0001-01-01" : interval.start;
    const to = interval.open === "end" ? "9999-12-31" : interval.end;
    return single.end >= from && single.start <= to;
  }
  const aWithinB = a.start >= b.start && a.end <= b.end;
  const bWithinA = b.start >= a.start && b.end <= a.end;
  return aWithinB || bWithinA;
}

/**
 * The fewest and most days a dated thing can have lasted, or null when a side is open. A thing
 * that runs from one day to another lasts at least their difference (27 September to 10 November is
 * 44 days) and at most that plus one; coarser dates widen the range; a single date bounds it by its
 * own span.
 */
export function dayRange(date: DateValue): { min: number; max: number } | null {
  if (date.open) return null;
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  if (!isInterval(date)) return { min: 0, max: days(date.start, date.end) + 1 };
  const start = sideSpan(date, "start");
  const end = sideSpan(date, "end");
  if (!start || !end) return null;
  return { min: Math.max(0, days(start.end, end.start)), max: days(start.start, end.end) + 1 };
}

/** Today's date as YYYY-MM-DD, in UTC. */
export function isoToday(now = new Date()): string {
  return `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
}
