import { datesAgree, parseDate } from "../model/dates.ts";
import type { AttributeProperty, Claim } from "../model/types.ts";
import type { Conflict, ConflictingValue } from "./types.ts";

/** Whether the distinct values given for one property contradict each other. */
export function valuesDisagree(property: AttributeProperty, values: readonly ConflictingValue[]): boolean {
  if (values.length < 2) return false;
  if (property === "count") return true;
  const dates = values.map((value) => parseDate(value.value));
  return dates.some((a, i) =>
    dates.slice(i + 1).some((b) => typeof a !== "string" && typeof b !== "string" && !datesAgree(a, b)),
  );
}

export function makeConflict(
  target: Conflict["target"],
  property: AttributeProperty,
  values: ConflictingValue[],
): Conflict | undefined {
  if (!valuesDisagree(property, values)) return undefined;
  return { id: `${target.id}#${property}`, target, property, values };
}

/** The value a claim gives for `property`, as text: from an attribute claim or a relation's qualifier. */
export function claimValue(claim: Claim, property: AttributeProperty): string | undefined {
  if (claim.form === "attribute") {
    if (claim.property !== property) return undefined;
    return claim.property === "date" ? claim.value.text : String(claim.value);
  }
  if (property === "date") return claim.qualifiers.date?.text;
  return claim.qualifiers.count === undefined ? undefined : String(claim.qualifiers.count);
}
