import type { NodeMetric } from "../analysis/metrics.ts";
import type { NodeKind } from "../data/dataset.ts";

/**
 * Navigation state: what the analyst chose to look at. It is kept apart from the data and from
 * anything derived, and it is all that the URL holds (Retina's split).
 */

export type Selection = { kind: "node"; id: string } | { kind: "relation"; id: string } | null;

export interface Filters {
  /** Relation types to show; null shows all. */
  relationTypes: ReadonlySet<string> | null;
  /** Node kinds to show; null shows all. */
  nodeKinds: ReadonlySet<NodeKind> | null;
  /** Node types to show; null shows all. */
  nodeTypes: ReadonlySet<string> | null;
  /** Sources whose claims count; null counts all. */
  sources: ReadonlySet<string> | null;
  /** Relations need at least this many distinct sources. */
  minCorroboration: number;
  /** Earliest date shown (YYYY, YYYY-MM or YYYY-MM-DD); null is open. */
  dateFrom: string | null;
  /** Latest date shown; null is open. */
  dateTo: string | null;
  /** Whether undated relations and nodes stay visible under a date range. */
  keepUndated: boolean;
  /** Whether nodes whose relations are all filtered out stay visible. */
  keepOrphans: boolean;
}

/** The camera in sigma's normalised coordinates, so it survives layout changes. */
export interface CameraView {
  x: number;
  y: number;
  ratio: number;
}

/** Size and colour encodings, and how many labels to draw. */
export interface Appearance {
  sizeBy: Exclude<NodeMetric, "community"> | "none";
  colorBy: "type" | "kind" | NodeMetric;
  labels: LabelDensity;
}
export type LabelDensity = "few" | "normal" | "many";
export const LABEL_DENSITIES: readonly LabelDensity[] = ["few", "normal", "many"];

/**
 * Narrowing the view to part of the graph: an ego view (a node and what lies within 1 or 2 steps,
 * from the API's neighborhood) or the shortest paths between two nodes (from the API's paths).
 */
export type Focus =
  { kind: "ego"; id: string; depth: 1 | 2 } | { kind: "path"; from: string; to: string } | null;

export interface NavigationState {
  selection: Selection;
  filters: Filters;
  focus: Focus;
  appearance: Appearance;
  /** Null until the analyst moves the camera: the default view fits the whole graph. */
  camera: CameraView | null;
}

export const DEFAULT_FILTERS: Filters = {
  relationTypes: null,
  nodeKinds: null,
  nodeTypes: null,
  sources: null,
  minCorroboration: 1,
  dateFrom: null,
  dateTo: null,
  keepUndated: true,
  keepOrphans: false,
};

export const DEFAULT_APPEARANCE: Appearance = { sizeBy: "degree", colorBy: "type", labels: "normal" };

export const DEFAULT_NAVIGATION: NavigationState = {
  selection: null,
  filters: DEFAULT_FILTERS,
  focus: null,
  appearance: DEFAULT_APPEARANCE,
  camera: null,
};

export const sameSelection = (a: Selection, b: Selection) =>
  a === b || (a !== null && b !== null && a.kind === b.kind && a.id === b.id);

/** Whether any filter narrows the graph. */
export function isFiltered(filters: Filters): boolean {
  return (
    filters.relationTypes !== null ||
    filters.nodeKinds !== null ||
    filters.nodeTypes !== null ||
    filters.sources !== null ||
    filters.minCorroboration > 1 ||
    filters.dateFrom !== null ||
    filters.dateTo !== null
  );
}

/** Toggles one member of an optional set; a set holding every member collapses back to null (all). */
export function toggleMember<T>(
  current: ReadonlySet<T> | null,
  all: readonly T[],
  member: T,
  on: boolean,
): ReadonlySet<T> | null {
  const next = new Set(current ?? all);
  if (on) next.add(member);
  else next.delete(member);
  return all.every((item) => next.has(item)) ? null : next;
}

export const sameFocus = (a: Focus, b: Focus) =>
  a === b || (a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b));
