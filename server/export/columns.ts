import type { ExportNode, ExportRelation } from "./document.ts";

/**
 * The flat attributes that tabular and XML formats carry, declared once so GEXF, GraphML, both CSV
 * flavours and the JSON formats name and type them alike. Each writer maps the column type to its
 * own type system; lists become JSON text where the format has no list type.
 */
export type ColumnType = "string" | "integer" | "double" | "boolean" | "date" | "list";

export type ColumnValue = string | number | boolean | readonly (string | null)[] | null;

export interface Column<T> {
  name: string;
  type: ColumnType;
  value(item: T): ColumnValue;
}

export const NODE_COLUMNS: readonly Column<ExportNode>[] = [
  { name: "label", type: "string", value: (node) => node.label },
  { name: "kind", type: "string", value: (node) => node.kind },
  { name: "type", type: "string", value: (node) => node.type },
  { name: "typeLabel", type: "string", value: (node) => node.typeLabel },
  { name: "aliases", type: "list", value: (node) => node.aliases },
  { name: "description", type: "string", value: (node) => node.description },
  { name: "wikidata", type: "string", value: (node) => node.wikidata },
  { name: "cameo", type: "string", value: (node) => node.cameo },
  { name: "date", type: "string", value: (node) => node.date?.text ?? null },
  { name: "dateStart", type: "date", value: (node) => node.date?.start ?? null },
  { name: "dateEnd", type: "date", value: (node) => node.date?.end ?? null },
  { name: "datePrecision", type: "string", value: (node) => node.date?.precision ?? null },
  { name: "count", type: "integer", value: (node) => node.count },
  { name: "duration", type: "string", value: (node) => node.duration },
  { name: "extent", type: "string", value: (node) => node.extent },
  { name: "status", type: "string", value: (node) => node.status },
  { name: "degree", type: "integer", value: (node) => node.degree },
  { name: "color", type: "string", value: (node) => node.color },
  { name: "size", type: "double", value: (node) => node.size },
  { name: "x", type: "double", value: (node) => node.x },
  { name: "y", type: "double", value: (node) => node.y },
];

export const EDGE_COLUMNS: readonly Column<ExportRelation>[] = [
  { name: "relation", type: "string", value: (edge) => edge.type },
  { name: "label", type: "string", value: (edge) => edge.typeLabel },
  { name: "symmetric", type: "boolean", value: (edge) => edge.symmetric },
  { name: "modality", type: "string", value: (edge) => edge.modality },
  { name: "cameo", type: "string", value: (edge) => edge.cameo },
  { name: "plover", type: "string", value: (edge) => edge.plover },
  { name: "goldstein", type: "double", value: (edge) => edge.goldstein },
  { name: "family", type: "string", value: (edge) => edge.family },
  { name: "color", type: "string", value: (edge) => edge.color },
  { name: "date", type: "string", value: (edge) => edge.date?.text ?? null },
  { name: "dateStart", type: "date", value: (edge) => edge.date?.start ?? null },
  { name: "dateEnd", type: "date", value: (edge) => edge.date?.end ?? null },
  { name: "datePrecision", type: "string", value: (edge) => edge.date?.precision ?? null },
  { name: "dateOrigin", type: "string", value: (edge) => edge.dateOrigin },
  { name: "dateInheritedFrom", type: "string", value: (edge) => edge.dateInheritedFrom },
  { name: "count", type: "integer", value: (edge) => edge.count },
  { name: "duration", type: "string", value: (edge) => edge.duration },
  { name: "extent", type: "string", value: (edge) => edge.extent },
  { name: "confidence", type: "double", value: (edge) => edge.confidence },
  { name: "corroboration", type: "integer", value: (edge) => edge.corroboration },
  { name: "sources", type: "list", value: (edge) => edge.sources },
  { name: "sourceUrls", type: "list", value: (edge) => edge.sourceUrls },
  { name: "claimIds", type: "list", value: (edge) => edge.claimIds },
  { name: "quotes", type: "list", value: (edge) => edge.quotes },
  { name: "claimModalities", type: "list", value: (edge) => edge.claimModalities },
];

/** Lists as JSON text: unambiguous whatever the items contain, and every analysis tool parses it. */
export const listAsJson = (value: readonly (string | null)[]) => JSON.stringify(value);

/** A number as written in XML, CSV and Cypher: plain decimal, never "NaN" or "Infinity". */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot export the number ${value}`);
  return String(value);
}

/** A column value as one text cell (XML attribute, CSV field); null stays null (cell left empty). */
export function cellText(value: ColumnValue): string | null {
  if (value === null) return null;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return value;
  return listAsJson(value);
}

/** The flat attributes of a node or relation as one object, for the JSON formats. */
export function columnObject<T>(columns: readonly Column<T>[], item: T): Record<string, ColumnValue> {
  const object: Record<string, ColumnValue> = {};
  for (const column of columns) object[column.name] = column.value(item);
  return object;
}
