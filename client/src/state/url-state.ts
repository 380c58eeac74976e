import { NODE_KINDS, type NodeKind } from "../data/dataset.ts";
import { isDateText } from "../data/dates.ts";
import { NODE_METRICS } from "../analysis/metrics.ts";
import {
  DEFAULT_APPEARANCE,
  DEFAULT_FILTERS,
  LABEL_DENSITIES,
  type Appearance,
  type CameraView,
  type Filters,
  type Focus,
  type NavigationState,
  type Selection,
} from "./navigation.ts";

/**
 * The navigation state as a query string, so a copied URL reopens the same view. Parameter names
 * match the export endpoint's (types, kinds, sources, from, to), and lists are comma-separated.
 * Anything unreadable falls back to its default rather than breaking the page.
 */

const list = (value: string | null) =>
  value === null ? null : value.split(",").filter((item) => item.length > 0);

const sorted = (set: ReadonlySet<string>) => [...set].sort().join(",");

export function serializeNavigation(state: NavigationState): string {
  const params = new URLSearchParams();
  const { selection, filters, camera, focus, appearance } = state;
  if (selection) params.set(selection.kind, selection.id);
  if (focus?.kind === "ego") params.set("ego", `${focus.id},${focus.depth}`);
  if (focus?.kind === "path") params.set("path", `${focus.from},${focus.to}`);
  if (filters.relationTypes) params.set("types", sorted(filters.relationTypes));
  if (filters.nodeKinds) params.set("kinds", sorted(filters.nodeKinds));
  if (filters.nodeTypes) params.set("nodeTypes", sorted(filters.nodeTypes));
  if (filters.sources) params.set("sources", sorted(filters.sources));
  if (filters.minCorroboration > 1) params.set("minCorroboration", String(filters.minCorroboration));
  if (filters.dateFrom) params.set("from", filters.dateFrom);
  if (filters.dateTo) params.set("to", filters.dateTo);
  if (!filters.keepUndated) params.set("undated", "hide");
  if (filters.keepOrphans) params.set("orphans", "show");
  if (appearance.sizeBy !== DEFAULT_APPEARANCE.sizeBy) params.set("size", appearance.sizeBy);
  if (appearance.colorBy !== DEFAULT_APPEARANCE.colorBy) params.set("color", appearance.colorBy);
  if (appearance.labels !== DEFAULT_APPEARANCE.labels) params.set("labels", appearance.labels);
  if (camera)
    params.set("camera", [camera.x.toFixed(4), camera.y.toFixed(4), camera.ratio.toFixed(4)].join(","));
  // URLSearchParams escapes commas; they are safe in a query and far easier to read.
  return params.toString().replace(/%2C/gi, ",");
}

function parseSelection(params: URLSearchParams): Selection {
  const node = params.get("node");
  if (node) return { kind: "node", id: node };
  const relation = params.get("relation");
  if (relation) return { kind: "relation", id: relation };
  return null;
}

function parseCamera(value: string | null): CameraView | null {
  const parts = list(value)?.map(Number);
  if (!parts || parts.length !== 3 || !parts.every(Number.isFinite) || parts[2]! <= 0) return null;
  return { x: parts[0]!, y: parts[1]!, ratio: parts[2]! };
}

function parseFilters(params: URLSearchParams): Filters {
  const types = list(params.get("types"));
  const kinds = list(params.get("kinds"))?.filter((kind): kind is NodeKind =>
    (NODE_KINDS as readonly string[]).includes(kind),
  );
  const sources = list(params.get("sources"));
  const nodeTypes = list(params.get("nodeTypes"));
  const minCorroboration = Number(params.get("minCorroboration") ?? 1);
  const from = params.get("from");
  const to = params.get("to");
  return {
    relationTypes: types ? new Set(types) : DEFAULT_FILTERS.relationTypes,
    nodeKinds: kinds && kinds.length < NODE_KINDS.length ? new Set(kinds) : DEFAULT_FILTERS.nodeKinds,
    nodeTypes: nodeTypes ? new Set(nodeTypes) : DEFAULT_FILTERS.nodeTypes,
    sources: sources ? new Set(sources) : DEFAULT_FILTERS.sources,
    minCorroboration:
      Number.isInteger(minCorroboration) && minCorroboration >= 1
        ? minCorroboration
        : DEFAULT_FILTERS.minCorroboration,
    dateFrom: from && isDateText(from) ? from : null,
    dateTo: to && isDateText(to) ? to : null,
    keepUndated: params.get("undated") !== "hide",
    keepOrphans: params.get("orphans") === "show",
  };
}

function parseFocus(params: URLSearchParams): Focus {
  const ego = list(params.get("ego"));
  if (ego && ego.length === 2 && (ego[1] === "1" || ego[1] === "2"))
    return { kind: "ego", id: ego[0]!, depth: Number(ego[1]) as 1 | 2 };
  const path = list(params.get("path"));
  if (path && path.length === 2 && path[0] !== path[1]) return { kind: "path", from: path[0]!, to: path[1]! };
  return null;
}

function parseAppearance(params: URLSearchParams): Appearance {
  const oneOf = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
    value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
  return {
    sizeBy: oneOf(
      params.get("size"),
      ["degree", "pagerank", "betweenness", "none"],
      DEFAULT_APPEARANCE.sizeBy,
    ),
    colorBy: oneOf(params.get("color"), ["type", "kind", ...NODE_METRICS], DEFAULT_APPEARANCE.colorBy),
    labels: oneOf(params.get("labels"), LABEL_DENSITIES, DEFAULT_APPEARANCE.labels),
  };
}

export function parseNavigation(search: string): NavigationState {
  const params = new URLSearchParams(search);
  return {
    selection: parseSelection(params),
    filters: parseFilters(params),
    focus: parseFocus(params),
    appearance: parseAppearance(params),
    camera: parseCamera(params.get("camera")),
  };
}
