import type { DateValue } from "../model/dates.ts";
import type { DurationValue } from "../model/durations.ts";
import type { ExtentValue } from "../model/extents.ts";
import type { AttributeProperty, RelationClaim, RelationType } from "../model/types.ts";
import { bestValue } from "./best-value.ts";
import { propertyValues, typedValue, valueSpan } from "./conflicts.ts";
import { strongestModality } from "./modality.ts";
import type { Conflict, ConflictingValue, DateOrigin, NodeAttributes, Relation } from "./types.ts";

/** The best-supported value of a property among grouped values, typed; null when none is given. */
export function bestOf<T>(property: AttributeProperty, values: ConflictingValue[]): T | null {
  const best = bestValue(values, (group) => valueSpan(property, group));
  return best ? ((typedValue(best.claims[0]!, property) as T | undefined) ?? null) : null;
}

/** The date of a node when it is a dated event. */
type EventDateOf = (id: string | null | undefined) => DateValue | undefined;

export function eventDateReader(node: (id: string) => NodeAttributes | undefined): EventDateOf {
  return (id) => {
    if (!id) return undefined;
    const attributes = node(id);
    return attributes?.kind === "event" && attributes.date ? attributes.date : undefined;
  };
}

/**
 * Where an undated relation may take a date from, in order: the event its claims say it was part of,
 * then the end its type names (ISSUED takes the date of the statement issued). Never an end the type
 * does not name: a welcome is not dated by what it welcomes.
 */
function inheritedDate(
  first: RelationClaim,
  ends: { subject: string; object: string },
  type: RelationType | undefined,
  eventDate: EventDateOf,
): { date: DateValue; from: string } | undefined {
  const candidates = [first.qualifiers.event, type?.dateFrom ? ends[type.dateFrom] : undefined];
  for (const id of candidates) {
    const date = eventDate(id);
    if (id && date) return { date, from: id };
  }
  return undefined;
}

/**
 * One relation from its claims, with the conflicts among them. Values (date, count, duration,
 * extent) come from the claims at the relation's own modality: an announced date does not date what
 * a source says happened, and a denial gives no count.
 */
export function deriveRelation(
  id: string,
  ends: { subject: string; object: string },
  claims: RelationClaim[],
  type: RelationType | undefined,
  eventDate: EventDateOf,
  conflicts: Conflict[],
): Relation {
  const first = claims[0]!;
  const modality = claims.length === 1 ? first.modality : strongestModality(claims);
  const own = claims.length === 1 ? claims : claims.filter((claim) => claim.modality === modality);
  let sources: string[];
  let corroboration: number;
  let confidence = first.confidence;
  if (claims.length === 1) {
    sources = [first.source];
    corroboration = 1;
  } else {
    const distinct = new Set<string>();
    const ownSources = new Set<string>();
    for (const claim of claims) {
      distinct.add(claim.source);
      if (claim.modality === modality) ownSources.add(claim.source);
      if (claim.confidence > confidence) confidence = claim.confidence;
    }
    sources = [...distinct];
    corroboration = ownSources.size;
  }

  const target = { kind: "relation" as const, id };
  const { dates, counts, durations, extents } = propertyValues(target, own, conflicts);

  let date = bestOf<DateValue>("date", dates);
  let dateOrigin: DateOrigin = date ? "claim" : "none";
  let dateInheritedFrom: string | null = null;
  if (!date) {
    const inherited = inheritedDate(first, ends, type, eventDate);
    if (inherited) {
      date = inherited.date;
      dateOrigin = "event";
      dateInheritedFrom = inherited.from;
    }
  }
  const count = bestOf<number>("count", counts);
  return {
    id,
    type: first.relation,
    subject: ends.subject,
    object: ends.object,
    claims,
    modality,
    sources,
    corroboration,
    confidence,
    date,
    dateOrigin,
    dateInheritedFrom,
    count: count === null ? null : Number(count),
    duration: bestOf<DurationValue>("duration", durations),
    extent: bestOf<ExtentValue>("extent", extents),
  };
}
