import type { ConflictInfo, RelationInfo } from "../api/details.ts";
import type { Dataset } from "../data/dataset.ts";
import { el } from "../dom.ts";

/**
 * Dates as the panel shows them: a disputed date is never shown as if it were settled, and a
 * relation's date says whether its own claims give it or it is inherited from an event.
 */

export interface DateOrigin {
  origin: "claim" | "event" | "none";
  /** The event whose date the relation took. */
  from: { id: string; label: string } | null;
}

/**
 * Where a relation's date comes from. The v2 model says so (dateOrigin, dateInheritedFrom); before
 * it, the claims tell: a date qualifier on any claim makes the date the relation's own, otherwise it
 * came from the event at one end (the end whose date is the relation's).
 */
export function dateOrigin(relation: RelationInfo, dataset: Dataset | null): DateOrigin {
  if (relation.dateOrigin)
    return {
      origin: relation.dateOrigin.toLowerCase() as DateOrigin["origin"],
      from: relation.dateInheritedFrom ?? null,
    };
  if (!relation.date) return { origin: "none", from: null };
  if (relation.claims.some((claim) => claim.qualifiers?.date)) return { origin: "claim", from: null };
  const own = dataset?.relations.get(relation.id)?.date;
  const ends = [relation.subject, relation.object];
  const event =
    ends.find((end) => {
      const entity = dataset?.entities.get(end.id);
      return (
        entity?.kind === "event" &&
        entity.date &&
        own &&
        entity.date.start === own.start &&
        entity.date.end === own.end
      );
    }) ?? ends.find((end) => dataset?.entities.get(end.id)?.kind === "event");
  return { origin: "event", from: event ?? null };
}

/** The disputes about a date: the relation's own, or those of the event it inherits its date from. */
export function dateConflicts(
  relation: RelationInfo,
  origin: DateOrigin,
  dataset: Dataset | null,
): { value: string; sources: string[] }[] | null {
  const own = (relation.conflicts ?? []).find((conflict) => conflict.property === "date");
  if (own)
    return own.values.map((value) => ({ value: value.value, sources: value.claims.map((c) => c.source.id) }));
  if (origin.origin !== "event" || !origin.from) return null;
  const inherited = dataset?.conflictsByTarget
    .get(origin.from.id)
    ?.find((conflict) => conflict.property === "date");
  return inherited ? inherited.sides : null;
}

/** "disputed" with the values and who gives each, instead of one silent date. */
export function disputedChip(
  sides: { value: string; sources: string[] }[],
  sourceName: (id: string) => string,
) {
  const text = sides.map((side) => `${side.value} (${side.sources.map(sourceName).join(", ")})`).join(" vs ");
  return el(
    "span",
    {
      className: "chip chip-disputed",
      attrs: { "data-disputed": "date", title: `Sources disagree: ${text}` },
    },
    `disputed: ${text}`,
  );
}

/** A relation's date with its provenance: own, inherited from an event, disputed, or undated. */
export function relationDate(
  relation: RelationInfo,
  dataset: Dataset | null,
  sourceName: (id: string) => string,
): HTMLElement {
  const origin = dateOrigin(relation, dataset);
  if (!relation.date) return el("span", { className: "muted", text: "undated" });
  const disputed = dateConflicts(relation, origin, dataset);
  const provenance =
    origin.origin === "event"
      ? el("span", {
          className: "date-origin",
          attrs: { "data-date-origin": "event" },
          text: ` inherited from ${origin.from?.label ?? "an event"}`,
        })
      : el("span", {
          className: "date-origin",
          attrs: { "data-date-origin": "claim" },
          text: " (its claims')",
        });
  return el(
    "span",
    { className: "relation-date" },
    disputed ? disputedChip(disputed, sourceName) : el("span", { text: relation.date.text }),
    provenance,
  );
}

/** A node's date, or the dispute about it. */
export function nodeDate(
  date: { text: string } | null,
  conflicts: ConflictInfo[],
  sourceName: (id: string) => string,
): HTMLElement | string | null {
  const disputed = conflicts.find((conflict) => conflict.property === "date");
  if (disputed)
    return disputedChip(
      disputed.values.map((value) => ({
        value: value.value,
        sources: value.claims.map((claim) => claim.source.id),
      })),
      sourceName,
    );
  return date ? date.text : null;
}
