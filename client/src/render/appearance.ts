import type { Dataset } from "../data/dataset.ts";
import type { NodeMetric } from "../analysis/metrics.ts";
import type { Appearance } from "../state/navigation.ts";
import { CATEGORICAL, OTHER_COLOR, sequentialColor } from "./palettes.ts";

/**
 * Node size and colour, derived from the data, the analyst's choice (size by / colour by) and the
 * metrics computed so far. Sizes are scaled to the graph: the largest node is capped, and the cap
 * shrinks as the graph grows, so ten thousand nodes do not melt into one disc.
 */

export interface NodeLook {
  size: number;
  color: string;
}

/** What the legend shows for the current colouring. */
export type ColorLegend =
  | { kind: "types" }
  | { kind: "categories"; title: string; entries: { label: string; color: string; count: number }[] }
  | { kind: "scale"; title: string; min: number; max: number; colors: string[] };

/** The smallest and largest node sizes (pixels at zoom 1) for a graph of `order` nodes. */
export function sizeRange(order: number): { min: number; max: number } {
  if (order <= 300) return { min: 3, max: 15 };
  if (order <= 3_000) return { min: 2, max: 11 };
  return { min: 1.5, max: 8 };
}

export type MetricValues = ReadonlyMap<string, number>;

/** Square-root scaling of a non-negative value into [min, max]. */
function scaleSizes(dataset: Dataset, values: MetricValues): Map<string, number> {
  const { min, max } = sizeRange(dataset.entities.size);
  let peak = 0;
  for (const value of values.values()) peak = Math.max(peak, value);
  const sizes = new Map<string, number>();
  for (const id of dataset.entities.keys()) {
    const value = values.get(id) ?? 0;
    sizes.set(id, peak > 0 ? min + (max - min) * Math.sqrt(Math.max(0, value) / peak) : min);
  }
  return sizes;
}

/** Ranks turned into colours, so one outlier does not wash out every other shade. */
function scaleColors(dataset: Dataset, values: MetricValues): Map<string, string> {
  const ids = [...dataset.entities.keys()].sort((a, b) => (values.get(a) ?? 0) - (values.get(b) ?? 0));
  const colors = new Map<string, string>();
  ids.forEach((id, rank) => colors.set(id, sequentialColor(ids.length > 1 ? rank / (ids.length - 1) : 0)));
  return colors;
}

function categoryColors(
  dataset: Dataset,
  categoryOf: (id: string) => string,
  labelOf: (category: string) => string,
  title: string,
): { colors: Map<string, string>; legend: ColorLegend } {
  const counts = new Map<string, number>();
  for (const id of dataset.entities.keys()) {
    const category = categoryOf(id);
    counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const colorOf = new Map(ranked.map(([category], i) => [category, CATEGORICAL[i] ?? OTHER_COLOR]));
  const colors = new Map<string, string>();
  for (const id of dataset.entities.keys()) colors.set(id, colorOf.get(categoryOf(id))!);
  const shown = ranked.slice(0, CATEGORICAL.length);
  const rest = ranked.slice(CATEGORICAL.length).reduce((sum, [, count]) => sum + count, 0);
  const entries = shown.map(([category, count]) => ({
    label: labelOf(category),
    color: colorOf.get(category)!,
    count,
  }));
  if (rest > 0) entries.push({ label: "other", color: OTHER_COLOR, count: rest });
  return { colors, legend: { kind: "categories", title, entries } };
}

export const METRIC_LABELS: Record<NodeMetric, string> = {
  degree: "degree",
  pagerank: "PageRank",
  betweenness: "betweenness",
  community: "community (Louvain)",
};

/**
 * Sizes and colours for every node. `metrics` holds the metrics computed so far; a metric that is
 * still being computed falls back to degree (size) or type (colour) until it arrives.
 */
export function computeLooks(
  dataset: Dataset,
  appearance: Appearance,
  metrics: ReadonlyMap<NodeMetric, MetricValues>,
): { looks: Map<string, NodeLook>; legend: ColorLegend } {
  const sizeValues =
    appearance.sizeBy === "none"
      ? new Map<string, number>()
      : (metrics.get(appearance.sizeBy) ?? dataset.degree);
  const sizes =
    appearance.sizeBy === "none"
      ? new Map([...dataset.entities.keys()].map((id) => [id, sizeRange(dataset.entities.size).min + 1]))
      : scaleSizes(dataset, sizeValues);

  let colors: Map<string, string>;
  let legend: ColorLegend = { kind: "types" };
  const typeColor = (id: string) =>
    dataset.nodeTypeById.get(dataset.entities.get(id)!.type)?.color ?? OTHER_COLOR;
  const colorBy = appearance.colorBy;
  if (colorBy === "kind") {
    const kindColor = new Map(dataset.nodeTypes.map((type) => [type.kind, type.color]));
    ({ colors, legend } = categoryColors(
      dataset,
      (id) => dataset.entities.get(id)!.kind,
      (kind) => kind,
      "kind",
    ));
    // Kinds keep their own hues (blue, orange, green), as the rest of the viewer uses them.
    for (const id of dataset.entities.keys())
      colors.set(id, kindColor.get(dataset.entities.get(id)!.kind) ?? OTHER_COLOR);
    if (legend.kind === "categories")
      for (const entry of legend.entries) entry.color = kindColor.get(entry.label as never) ?? OTHER_COLOR;
  } else if (colorBy === "community") {
    const communities = metrics.get("community");
    if (communities)
      ({ colors, legend } = categoryColors(
        dataset,
        (id) => String(communities.get(id) ?? -1),
        (community) => `community ${Number(community) + 1}`,
        METRIC_LABELS.community,
      ));
    else colors = new Map([...dataset.entities.keys()].map((id) => [id, typeColor(id)]));
  } else if (colorBy === "type") {
    colors = new Map([...dataset.entities.keys()].map((id) => [id, typeColor(id)]));
  } else {
    const values = colorBy === "degree" ? dataset.degree : metrics.get(colorBy);
    if (values) {
      colors = scaleColors(dataset, values);
      let min = Infinity;
      let max = -Infinity;
      for (const id of dataset.entities.keys()) {
        const value = values.get(id) ?? 0;
        min = Math.min(min, value);
        max = Math.max(max, value);
      }
      legend = {
        kind: "scale",
        title: METRIC_LABELS[colorBy],
        min,
        max,
        colors: [0, 0.25, 0.5, 0.75, 1].map(sequentialColor),
      };
    } else colors = new Map([...dataset.entities.keys()].map((id) => [id, typeColor(id)]));
  }
  const looks = new Map<string, NodeLook>();
  for (const id of dataset.entities.keys())
    looks.set(id, { size: sizes.get(id) ?? 2, color: colors.get(id) ?? OTHER_COLOR });
  return { looks, legend };
}
