import {
  EDGE_COLUMNS,
  formatNumber,
  NODE_COLUMNS,
  type Column,
  type ColumnType,
  type ColumnValue,
} from "../columns.ts";
import type { ExportDocument, ExportNode } from "../document.ts";
import { csvRecord, spreadsheetSafe } from "./csv.ts";

/**
 * CSV for `neo4j-admin database import full`: a nodes file (`id:ID,...,:LABEL`) and a relationships
 * file (`:START_ID,:END_ID,:TYPE,...`), with typed headers (`count:int`, `confidence:double`,
 * `dateStart:date`, `quotes:string[]`).
 *
 * Arrays: neo4j-admin splits array values on one delimiter character and has no escape for it.
 * Quotes often contain ";" (its default), "|" and "§", so the delimiter is U+001F (ASCII unit
 * separator), which published text never contains; the one that did would be written as U+FFFD.
 * Import with: --array-delimiter=$'\x1f' --multiline-fields=true (quotes may span lines).
 * Fields are RFC 4180 quoted, which is neo4j-admin's default quoting. Doubles are 64-bit ("float"
 * would round 0.9 to 0.8999999761581421). Text values, and each item of a text array, are
 * formula-neutralised for spreadsheets (csv.ts); numbers are not.
 */

export const NEO4J_ARRAY_DELIMITER = "\u001F";

const NEO4J_TYPE: Record<ColumnType, string> = {
  string: "",
  integer: ":int",
  double: ":double",
  boolean: ":boolean",
  date: ":date",
  list: ":string[]",
};

/** Every node gets :Entity, plus its kind as a label: :Actor, :Event or :Place. */
export const neo4jLabels = (node: ExportNode) => ["Entity", node.kind[0]!.toUpperCase() + node.kind.slice(1)];

const header = <T>(column: Column<T>) => `${column.name}${NEO4J_TYPE[column.type]}`;

function arrayField(items: readonly (string | null)[]): string | null {
  if (items.length === 0) return null;
  return items
    .map((item) => spreadsheetSafe((item ?? "").replaceAll(NEO4J_ARRAY_DELIMITER, "\uFFFD")))
    .join(NEO4J_ARRAY_DELIMITER);
}

function neo4jField(value: ColumnValue): string | null {
  if (value === null) return null;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return spreadsheetSafe(value);
  return arrayField(value);
}

/** A node's `id` property is the :ID column itself, so the column list skips no name. */
export function* writeNeo4jNodes(document: ExportDocument): Generator<string> {
  yield csvRecord(["id:ID", ...NODE_COLUMNS.map(header), ":LABEL"]);
  for (const node of document.nodes()) {
    const values = NODE_COLUMNS.map((column) => neo4jField(column.value(node)));
    yield csvRecord([node.id, ...values, arrayField(neo4jLabels(node))]);
  }
}

export function* writeNeo4jRelationships(document: ExportDocument): Generator<string> {
  yield csvRecord([":START_ID", ":END_ID", ":TYPE", "id", ...EDGE_COLUMNS.map(header)]);
  for (const edge of document.relations()) {
    const values = EDGE_COLUMNS.map((column) => neo4jField(column.value(edge)));
    yield csvRecord([edge.source, edge.target, edge.type, edge.id, ...values]);
  }
}
