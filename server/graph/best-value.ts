import type { Claim } from "../model/types.ts";
import type { ConflictingValue } from "./types.ts";

/** Groups the claims by the value they give (as text), each with the sources behind it. */
export function groupByValue<C extends Claim>(
  claims: readonly C[],
  valueOf: (claim: C) => string | undefined,
): ConflictingValue[] {
  let groups: Map<string, Claim[]> | undefined;
  for (const claim of claims) {
    const value = valueOf(claim);
    if (value === undefined) continue;
    groups ??= new Map();
    const group = groups.get(value);
    if (group) group.push(claim);
    else groups.set(value, [claim]);
  }
  if (!groups) return [];
  return [...groups].map(([value, group]) => ({
    value,
    claims: group,
    sources: [...new Set(group.map((claim) => claim.source))],
  }));
}

/**
 * The value to show when claims give several: most sources first, then the narrowest (a day beats
 * the month that contains it), then highest confidence, then the smallest value so the choice is
 * stable. A disagreement itself is kept as a Conflict, never hidden by this choice.
 */
export function bestValue(
  values: readonly ConflictingValue[],
  span: (value: ConflictingValue) => number = () => 0,
): ConflictingValue | undefined {
  if (values.length < 2) return values[0];
  const maxConfidence = (value: ConflictingValue) =>
    Math.max(...value.claims.map((claim) => claim.confidence));
  return [...values].sort(
    (a, b) =>
      b.sources.length - a.sources.length ||
      span(a) - span(b) ||
      maxConfidence(b) - maxConfidence(a) ||
      (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
  )[0];
}
