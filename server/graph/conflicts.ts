import { dayRange, datesAgree, parseDate, type DateValue } from "../model/dates.ts";
import { durationsAgree, parseDuration, type DurationValue } from "../model/durations.ts";
import type { ExtentValue } from "../model/extents.ts";
import { extentsAgree } from "../model/extents.ts";
import type { AttributeProperty, Claim } from "../model/types.ts";
import { groupByValue } from "./best-value.ts";
import type { Conflict, ConflictingValue } from "./types.ts";

/**
 * Counts a source marks as approximate ("approximately 2,000") agree with another count within this
 * share of the larger one: 1,900 and 2,000 agree, 1,500 and 2,000 do not. Exact counts must be equal.
 */
export const APPROXIMATE_COUNT_TOLERANCE = 0.1;

/** The value a claim gives for `property`, as text: from an attribute claim or a relation's qualifier. */
export function claimValue(claim: Claim, property: AttributeProperty): string | undefined {
  if (claim.form === "attribute") {
    if (claim.property !== property) return undefined;
    return typeof claim.value === "object" ? claim.value.text : String(claim.value);
  }
  const qualifier = claim.qualifiers[property];
  if (qualifier === undefined) return undefined;
  return typeof qualifier === "object" ? qualifier.text : String(qualifier);
}

/** The typed value behind a claim's text, for the agreement checks. */
export function typedValue(claim: Claim, property: AttributeProperty) {
  if (claim.form === "attribute") return claim.property === property ? claim.value : undefined;
  return claim.qualifiers[property];
}

const isApproximate = (value: ConflictingValue) =>
  value.claims.some((claim) => claim.form === "relation" && claim.qualifiers.approximate === true);

function countsAgree(a: ConflictingValue, b: ConflictingValue): boolean {
  const x = Number(a.value);
  const y = Number(b.value);
  if (x === y) return true;
  if (!isApproximate(a) && !isApproximate(b)) return false;
  return Math.abs(x - y) <= APPROXIMATE_COUNT_TOLERANCE * Math.max(x, y);
}

/** Whether two of the values given for one property cannot both be true. */
function pairDisagrees(property: AttributeProperty, a: ConflictingValue, b: ConflictingValue): boolean {
  switch (property) {
    case "count":
      return !countsAgree(a, b);
    case "date": {
      const x = parseDate(a.value);
      const y = parseDate(b.value);
      return typeof x !== "string" && typeof y !== "string" && !datesAgree(x, y);
    }
    case "duration": {
      const x = parseDuration(a.value);
      const y = parseDuration(b.value);
      return typeof x !== "string" && typeof y !== "string" && !durationsAgree(x, y);
    }
    case "extent": {
      const x = typedValue(a.claims[0]!, "extent") as ExtentValue | undefined;
      const y = typedValue(b.claims[0]!, "extent") as ExtentValue | undefined;
      return x !== undefined && y !== undefined && !extentsAgree(x, y);
    }
  }
}

/** Whether the distinct values given for one property contradict each other. */
export function valuesDisagree(property: AttributeProperty, values: readonly ConflictingValue[]): boolean {
  if (values.length < 2) return false;
  return values.some((a, i) => values.slice(i + 1).some((b) => pairDisagrees(property, a, b)));
}

export function makeConflict(
  target: Conflict["target"],
  property: AttributeProperty,
  values: ConflictingValue[],
): Conflict | undefined {
  if (!valuesDisagree(property, values)) return undefined;
  return { id: `${target.id}#${property}`, kind: property, target, property, values };
}

/**
 * Durations against the dates of the same thing: "a single day" cannot hold for something dated
 * 2020-09-27/2020-11-10. Reported as a DURATION conflict listing the durations and the dates they
 * contradict, or, when the durations already disagree among themselves, those with the dates added.
 */
export function durationConflict(
  target: Conflict["target"],
  durations: ConflictingValue[],
  dates: ConflictingValue[],
): Conflict | undefined {
  const among = makeConflict(target, "duration", durations);
  const contradicted = dates.filter((date) => {
    const parsed = parseDate(date.value);
    const range = typeof parsed === "string" ? null : dayRange(parsed);
    if (!range) return false;
    return durations.some((duration) => {
      const value = parseDuration(duration.value);
      return typeof value !== "string" && (value.maxDays < range.min || value.minDays > range.max);
    });
  });
  if (contradicted.length === 0) return among;
  return {
    id: `${target.id}#duration`,
    kind: "duration",
    target,
    property: "duration",
    values: [...durations, ...contradicted],
  };
}

/** The values of one property among some claims, grouped, with the typed value of each group. */
export function valuesOf(claims: readonly Claim[], property: AttributeProperty): ConflictingValue[] {
  return groupByValue(claims, (claim) => claimValue(claim, property));
}

/** How wide a value is, so the narrower of two agreeing values is preferred (a day beats its month). */
export function valueSpan(property: AttributeProperty, group: ConflictingValue): number {
  const value = typedValue(group.claims[0]!, property);
  if (value === undefined || typeof value === "number") return 0;
  if ("precision" in value && "start" in value) {
    const date = value as DateValue;
    return Date.parse(date.end) - Date.parse(date.start);
  }
  if ("minDays" in value) return (value as DurationValue).maxDays - (value as DurationValue).minDays;
  const extent = value as ExtentValue;
  return extent.max - extent.min;
}

/**
 * The values `claims` give a node or relation for each property, their conflicts pushed onto
 * `conflicts`: one derivation for nodes and relations alike.
 */
export function propertyValues(
  target: Conflict["target"],
  claims: readonly Claim[],
  conflicts: Conflict[],
): {
  dates: ConflictingValue[];
  counts: ConflictingValue[];
  durations: ConflictingValue[];
  extents: ConflictingValue[];
} {
  const dates = valuesOf(claims, "date");
  const counts = valuesOf(claims, "count");
  const durations = valuesOf(claims, "duration");
  const extents = valuesOf(claims, "extent");
  for (const conflict of [
    makeConflict(target, "date", dates),
    makeConflict(target, "count", counts),
    durations.length > 0 ? durationConflict(target, durations, dates) : undefined,
    makeConflict(target, "extent", extents),
  ]) {
    if (conflict) conflicts.push(conflict);
  }
  return { dates, counts, durations, extents };
}
