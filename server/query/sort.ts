import type { NodeAttributes, Relation } from "../graph/types.ts";

export type SortOrder = "ASC" | "DESC";
export type EntitySortField = "LABEL" | "DEGREE" | "DATE";
export type RelationSortField = "ID" | "DATE" | "CORROBORATION" | "CONFIDENCE" | "TYPE";

type Compare<T> = (a: T, b: T) => number;

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Undated items go last whatever the order: they have no place on a time axis. */
function withOrder<T>(
  compare: Compare<T>,
  order: SortOrder,
  tieBreak: Compare<T>,
  undated?: (item: T) => boolean,
): Compare<T> {
  const sign = order === "DESC" ? -1 : 1;
  return (a, b) => {
    if (undated) {
      const missing = Number(undated(a)) - Number(undated(b));
      if (missing !== 0) return missing;
    }
    return sign * compare(a, b) || tieBreak(a, b);
  };
}

export function compareEntities(
  field: EntitySortField,
  order: SortOrder,
  degree: (id: string) => number,
): Compare<NodeAttributes> {
  const byId: Compare<NodeAttributes> = (a, b) => byText(a.id, b.id);
  switch (field) {
    case "LABEL":
      return withOrder((a, b) => a.label.localeCompare(b.label), order, byId);
    case "DEGREE":
      return withOrder((a, b) => degree(a.id) - degree(b.id), order, byId);
    case "DATE":
      return withOrder(
        (a, b) => byText(a.date?.start ?? "", b.date?.start ?? ""),
        order,
        byId,
        (n) => !n.date,
      );
  }
}

export function compareRelations(field: RelationSortField, order: SortOrder): Compare<Relation> {
  const byId: Compare<Relation> = (a, b) => byText(a.id, b.id);
  switch (field) {
    case "ID":
      return withOrder(byId, order, byId);
    case "DATE":
      return withOrder(
        (a, b) => byText(a.date?.start ?? "", b.date?.start ?? ""),
        order,
        byId,
        (r) => !r.date,
      );
    case "CORROBORATION":
      return withOrder((a, b) => a.corroboration - b.corroboration, order, byId);
    case "CONFIDENCE":
      return withOrder((a, b) => a.confidence - b.confidence, order, byId);
    case "TYPE":
      return withOrder((a, b) => byText(a.type, b.type), order, byId);
  }
}
