/**
 * Dates as sources give them: a day, a month, a year, or an interval of those ("1988/1994").
 * The precision follows from the written form, so it is never stored separately.
 */
export type DatePrecision = "day" | "month" | "year";

export interface DateValue {
  /** As written in graph-data, e.g. "2023-09" or "1988/1994". */
  text: string;
  precision: DatePrecision;
  /** First day covered, YYYY-MM-DD. */
  start: string;
  /** Last day covered, YYYY-MM-DD. */
  end: string;
}

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
  const first = parseSingle(parts[0] ?? "");
  if (typeof first === "string") return first;
  if (parts.length === 1) return { text, ...first };
  const last = parseSingle(parts[1] ?? "");
  if (typeof last === "string") return last;
  if (last.end < first.start) return `"${text}" ends before it starts`;
  return { text, precision: first.precision, start: first.start, end: last.end };
}

/** Two dates agree when one lies within the other: "2023-12" and "2023-12-07" do not conflict. */
export function datesAgree(a: DateValue, b: DateValue): boolean {
  const aWithinB = a.start >= b.start && a.end <= b.end;
  const bWithinA = b.start >= a.start && b.end <= a.end;
  return aWithinB || bWithinA;
}

/** Today's date as YYYY-MM-DD, in UTC. */
export function isoToday(now = new Date()): string {
  return `${now.getUTCFullYear()}-${pad(now.getUTCMonth() + 1)}-${pad(now.getUTCDate())}`;
}
