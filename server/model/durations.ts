/**
 * Durations as sources give them, written as ISO 8601 durations of whole years, months, weeks and
 * days: "a single day" is P1D, "44 days" P44D, "three months" P3M, "30 years" P30Y. The precision is
 * the smallest unit written. Hours and smaller are not used: the sources count in days at best.
 */
export type DurationPrecision = "day" | "week" | "month" | "year";

export interface DurationValue {
  /** As written, e.g. "P44D". */
  text: string;
  precision: DurationPrecision;
  /** Fewest days the duration can mean (a month has 28 to 31 days, a year 365 or 366). */
  minDays: number;
  /** Most days it can mean. */
  maxDays: number;
}

const FORM = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Days per unit, fewest and most, in the order the units are written. */
const UNITS: readonly { precision: DurationPrecision; min: number; max: number }[] = [
  { precision: "year", min: 365, max: 366 },
  { precision: "month", min: 28, max: 31 },
  { precision: "week", min: 7, max: 7 },
  { precision: "day", min: 1, max: 1 },
];

/** Parses an ISO 8601 duration; returns the reason as a string when it is not one. */
export function parseDuration(input: string | number): DurationValue | string {
  const text = String(input).trim();
  const match = FORM.exec(text);
  if (!match || text === "P")
    return `"${text}" is not a duration: write P, then whole years, months, weeks or days, like P1D, P44D, P3M or P1Y6M`;
  let minDays = 0;
  let maxDays = 0;
  let precision: DurationPrecision = "year";
  UNITS.forEach((unit, index) => {
    const amount = match[index + 1];
    if (amount === undefined) return;
    minDays += Number(amount) * unit.min;
    maxDays += Number(amount) * unit.max;
    precision = unit.precision;
  });
  if (maxDays === 0) return `"${text}" lasts no time at all`;
  return { text, precision, minDays, maxDays };
}

/** Two durations agree when some number of days fits both: P3M and P90D do, P1D and P44D do not. */
export function durationsAgree(a: DurationValue, b: DurationValue): boolean {
  return a.minDays <= b.maxDays && b.minDays <= a.maxDays;
}
