/** Dates as day numbers and month indexes, so the timeline compares integers, never strings. */

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayNumber(isoDay: string): number {
  const [year, month, day] = isoDay.split("-").map(Number);
  return Math.floor(Date.UTC(year!, (month ?? 1) - 1, day ?? 1) / DAY_MS);
}

export const isDateText = (text: string) => DATE_PATTERN.test(text);

/**
 * The first or last day a YYYY, YYYY-MM or YYYY-MM-DD date covers, or null if the text is not a date.
 * "2023" as an upper bound means the end of 2023.
 */
export function dateBound(text: string, side: "start" | "end"): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? null : Number(match[2]);
  const day = match[3] === undefined ? null : Number(match[3]);
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  if (side === "start") return Math.floor(Date.UTC(year, (month ?? 1) - 1, day ?? 1) / DAY_MS);
  if (day !== null) return Math.floor(Date.UTC(year, month! - 1, day) / DAY_MS);
  // Day 0 of the next month is the last day of this one.
  return Math.floor(Date.UTC(year, month ?? 12, 0) / DAY_MS);
}

/**
 * Months since January 1970 of a day number, in integer arithmetic (the civil-from-days method):
 * the timeline bins tens of thousands of dates per filter change, and a Date each costs far more.
 */
export function monthIndex(day: number): number {
  const shifted = day + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return (year - 1970) * 12 + month - 1;
}

/** YYYY-MM of a month index. */
export function monthText(index: number): string {
  const year = 1970 + Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** A month index from YYYY or YYYY-MM(-DD) text, taking the first or last month a year covers. */
export function monthOfText(text: string, side: "start" | "end"): number | null {
  const day = dateBound(text, side);
  return day === null ? null : monthIndex(day);
}

export const overlaps = (a: { start: number; end: number }, start: number, end: number) =>
  a.end >= start && a.start <= end;

/** YYYY-MM-DD of a day number. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A day range as the date it stands for: 1988, 1988-03 or 1988-03-07 (or an interval). */
export function rangeText(range: { start: number; end: number }): string {
  const start = dayText(range.start);
  const end = dayText(range.end);
  if (start === end) return start;
  const nextDay = dayText(range.end + 1);
  if (start.endsWith("-01-01") && nextDay.endsWith("-01-01") && start.slice(0, 4) === end.slice(0, 4))
    return start.slice(0, 4);
  if (start.endsWith("-01") && nextDay.endsWith("-01") && start.slice(0, 7) === end.slice(0, 7))
    return start.slice(0, 7);
  return `${start}/${end}`;
}
