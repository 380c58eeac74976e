import type { Dataset, DayRange } from "../data/dataset.ts";
import { dateBound, overlaps } from "../data/dates.ts";
import type { Filters } from "./navigation.ts";

/** The second link of the chain: which nodes and relations pass the filters. Rendering only reads it. */
export interface FilteredView {
  nodes: ReadonlySet<string>;
  relations: ReadonlySet<string>;
  /** Visible items per facet value, for the filter panel's counts, the legend and the test hooks. */
  relationsByType: ReadonlyMap<string, number>;
  relationsBySource: ReadonlyMap<string, number>;
  nodesByType: ReadonlyMap<string, number>;
  nodesByKind: ReadonlyMap<string, number>;
  /**
   * The first day of every dated event and relation that passes every filter but the date range:
   * the timeline's histogram, which must show what lies outside the range too.
   */
  datedDays: number[];
}

/** Part of the graph the view is narrowed to (an ego view or a path), from the API. */
export interface Scope {
  nodes: ReadonlySet<string>;
  relations: ReadonlySet<string>;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/**
 * One linear pass over the dataset. A relation shows when its type, sources, corroboration and date
 * pass, it is in the scope (if any), and both its ends show; a node shows when its kind, type and
 * date pass, it is in the scope, and, unless orphans are kept, at least one of its relations shows
 * (or it never had any).
 */
export function filterDataset(dataset: Dataset, filters: Filters, scope: Scope | null = null): FilteredView {
  const from = filters.dateFrom ? (dateBound(filters.dateFrom, "start") ?? -Infinity) : -Infinity;
  const to = filters.dateTo ? (dateBound(filters.dateTo, "end") ?? Infinity) : Infinity;
  const dateActive = from !== -Infinity || to !== Infinity;
  const passesDate = (date: DayRange | null, datedThing: boolean) =>
    date ? overlaps(date, from, to) : !dateActive || !datedThing || filters.keepUndated;

  const candidates = new Set<string>();
  const candidatesAnyDate = new Set<string>();
  const datedDays: number[] = [];
  for (const entity of dataset.entities.values()) {
    if (scope && !scope.nodes.has(entity.id)) continue;
    if (filters.nodeKinds && !filters.nodeKinds.has(entity.kind)) continue;
    if (filters.nodeTypes && !filters.nodeTypes.has(entity.type)) continue;
    candidatesAnyDate.add(entity.id);
    if (entity.date && entity.kind === "event") datedDays.push(entity.date.start);
    // Actors and places are not dated things: only a date they do have can rule them out.
    if (!passesDate(entity.date, entity.kind === "event")) continue;
    candidates.add(entity.id);
  }

  const relations = new Set<string>();
  const relationsByType = new Map<string, number>();
  const relationsBySource = new Map<string, number>();
  const withVisibleRelation = new Set<string>();
  for (const relation of dataset.relations.values()) {
    if (scope && !scope.relations.has(relation.id)) continue;
    if (filters.relationTypes && !filters.relationTypes.has(relation.type)) continue;
    if (relation.corroboration < filters.minCorroboration) continue;
    if (filters.sources && !relation.sources.some((source) => filters.sources!.has(source))) continue;
    if (relation.date && candidatesAnyDate.has(relation.subject) && candidatesAnyDate.has(relation.object))
      datedDays.push(relation.date.start);
    if (!passesDate(relation.date, true)) continue;
    if (!candidates.has(relation.subject) || !candidates.has(relation.object)) continue;
    relations.add(relation.id);
    bump(relationsByType, relation.type);
    for (const source of relation.sources) bump(relationsBySource, source);
    withVisibleRelation.add(relation.subject).add(relation.object);
  }

  const nodes = new Set<string>();
  const nodesByType = new Map<string, number>();
  const nodesByKind = new Map<string, number>();
  for (const id of candidates) {
    const keep =
      filters.keepOrphans ||
      withVisibleRelation.has(id) ||
      !dataset.degree.has(id) ||
      (scope !== null && scope.relations.size === 0);
    if (!keep) continue;
    nodes.add(id);
    const entity = dataset.entities.get(id)!;
    bump(nodesByType, entity.type);
    bump(nodesByKind, entity.kind);
  }
  return { nodes, relations, relationsByType, relationsBySource, nodesByType, nodesByKind, datedDays };
}
