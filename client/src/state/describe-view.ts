import type { Dataset } from "../data/dataset.ts";
import type { Filters, Focus } from "./navigation.ts";

/** The filters and focus in words, for the PNG caption, the status line and the export menu. */

function listOf(
  chosen: ReadonlySet<string> | null,
  all: readonly string[],
  name: (id: string) => string,
  what: string,
): string | null {
  if (!chosen) return null;
  if (chosen.size === 0) return `${what}: none`;
  const hidden = all.filter((id) => !chosen.has(id));
  if (hidden.length > 0 && hidden.length < chosen.size)
    return `${what}: all but ${hidden.map(name).slice(0, 6).join(", ")}${hidden.length > 6 ? ` and ${hidden.length - 6} more` : ""}`;
  const shown = [...chosen].map(name);
  return `${what}: ${shown.slice(0, 6).join(", ")}${shown.length > 6 ? ` and ${shown.length - 6} more` : ""}`;
}

export function describeFilters(dataset: Dataset, filters: Filters, focus: Focus): string[] {
  const label = (id: string) => dataset.entities.get(id)?.label ?? id;
  const lines = [
    focus?.kind === "ego"
      ? `Ego view: ${label(focus.id)}, ${focus.depth} step${focus.depth > 1 ? "s" : ""}`
      : null,
    focus?.kind === "path" ? `Shortest paths: ${label(focus.from)} to ${label(focus.to)}` : null,
    listOf(
      filters.nodeKinds,
      dataset.nodeTypes.map((type) => type.kind).filter((kind, i, all) => all.indexOf(kind) === i),
      (kind) => `${kind}s`,
      "Node kinds",
    ),
    listOf(
      filters.nodeTypes,
      dataset.nodeTypes.filter((type) => type.count > 0).map((type) => type.id),
      (id) => dataset.nodeTypeById.get(id)?.label ?? id,
      "Node types",
    ),
    listOf(
      filters.relationTypes,
      dataset.relationTypes.filter((type) => type.count > 0).map((type) => type.id),
      (id) => dataset.relationTypeById.get(id)?.label ?? id,
      "Relation types",
    ),
    listOf(
      filters.sources,
      dataset.sources.map((source) => source.id),
      (id) => {
        const source = dataset.sourceById.get(id);
        return source ? (source.outlet ?? source.title) : id;
      },
      "Sources",
    ),
    filters.minCorroboration > 1 ? `At least ${filters.minCorroboration} sources per relation` : null,
    filters.dateFrom || filters.dateTo
      ? `Dates: ${filters.dateFrom ?? "start"} to ${filters.dateTo ?? "end"}${filters.keepUndated ? " (undated kept)" : " (undated hidden)"}`
      : null,
    filters.keepOrphans ? "Nodes without visible relations kept" : null,
  ];
  return lines.filter((line): line is string => line !== null);
}
