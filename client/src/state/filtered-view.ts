import type { Dataset, DayRange } from "../data/dataset.ts";
import { dateBound, overlaps } from "../data/dates.ts";
import type { Filters } from "./navigation.ts";

/** The second link of the chain: which nodes and relations pass the filters. Rendering only reads it. */
export interface FilteredView {
  nodes: ReadonlySet<string>;
  relations: ReadonlySet<string>;
  /** Visible relations per type, for the filter panel's counts and the test hooks. */
  relationsByType: ReadonlyMap<string, number>;
}

/**
 * One linear pass over the dataset. A relation shows when its type, sources, corroboration and date
 * pass and both its ends show; a node shows when its kind and date pass and, unless orphans are
 * kept, at least one of its relations shows (or it never had any).
 */
export function filterDataset(dataset: Dataset, filters: Filters): FilteredView {
  const from = filters.dateFrom ? (dateBound(filters.dateFrom, "start") ?? -Infinity) : -Infinity;
  const to = filters.dateTo ? (dateBound(filters.dateTo, "end") ?? Infinity) : Infinity;
  const dateActive = from !== -Infinity || to !== Infinity;
  const passesDate = (date: DayRange | null, datedThing: boolean) =>
    date ? overlaps(date, from, to) : !dateActive || !datedThing || filters.keepUndated;

  const candidates = new Set<string>();
  for (const entity of dataset.entities.values()) {
    if (filters.nodeKinds && !filters.nodeKinds.has(entity.kind)) continue;
    // Actors and places are not dated things: only a date they do have can rule them out.
    if (!passesDate(entity.date, entity.kind === "event")) continue;
    candidates.add(entity.id);
  }

  const relations = new Set<string>();
  const relationsByType = new Map<string, number>();
  const withVisibleRelation = new Set<string>();
  const withAnyRelation = new Set<string>();
  for (const relation of dataset.relations.values()) {
    withAnyRelation.add(relation.subject).add(relation.object);
    if (filters.relationTypes && !filters.relationTypes.has(relation.type)) continue;
    if (relation.corroboration < filters.minCorroboration) continue;
    if (filters.sources && !relation.sources.some((source) => filters.sources!.has(source))) continue;
    if (!passesDate(relation.date, true)) continue;
    if (!candidates.has(relation.subject) || !candidates.has(relation.object)) continue;
    relations.add(relation.id);
    relationsByType.set(relation.type, (relationsByType.get(relation.type) ?? 0) + 1);
    withVisibleRelation.add(relation.subject).add(relation.object);
  }

  const nodes = new Set<string>();
  for (const id of candidates) {
    if (filters.keepOrphans || withVisibleRelation.has(id) || !withAnyRelation.has(id)) nodes.add(id);
  }
  return { nodes, relations, relationsByType };
}
