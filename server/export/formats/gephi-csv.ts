import { cellText, EDGE_COLUMNS, formatNumber, NODE_COLUMNS, type Column } from "../columns.ts";
import type { ExportDocument } from "../document.ts";
import { csvRecord, spreadsheetSafe } from "./csv.ts";

/**
 * Gephi's spreadsheet import: a nodes table (Id, Label, ...) and an edges table (Source, Target,
 * Type, Weight, Id, Label, ...). Gephi reads "Type" as Directed/Undirected, so the relation type
 * goes in "relation" and its human label in "Label"; Weight is the corroboration (distinct sources).
 * Lists (aliases, quotes, sources) are JSON text in one cell. Text cells are formula-neutralised
 * (csv.ts); numbers are not.
 */

const isNumeric = <T>(column: Column<T>) => column.type === "integer" || column.type === "double";

/** One column's cell: numbers and booleans as they are, text made spreadsheet-safe. */
function cell<T>(column: Column<T>, item: T): string | null {
  const text = cellText(column.value(item));
  return text === null || isNumeric(column) || column.type === "boolean" ? text : spreadsheetSafe(text);
}

const nodeColumns = NODE_COLUMNS.filter((column) => column.name !== "label");
const edgeColumns = EDGE_COLUMNS.filter((column) => column.name !== "label");

export function* writeGephiNodes(document: ExportDocument): Generator<string> {
  yield csvRecord(["Id", "Label", ...nodeColumns.map((column) => column.name)]);
  for (const node of document.nodes()) {
    yield csvRecord([
      node.id,
      spreadsheetSafe(node.label),
      ...nodeColumns.map((column) => cell(column, node)),
    ]);
  }
}

export function* writeGephiEdges(document: ExportDocument): Generator<string> {
  const header = [
    "Source",
    "Target",
    "Type",
    "Weight",
    "Id",
    "Label",
    ...edgeColumns.map((column) => column.name),
  ];
  yield csvRecord(header);
  for (const edge of document.relations()) {
    const fixed = [
      edge.source,
      edge.target,
      "Directed",
      formatNumber(edge.corroboration),
      edge.id,
      spreadsheetSafe(edge.typeLabel),
    ];
    yield csvRecord([...fixed, ...edgeColumns.map((column) => cell(column, edge))]);
  }
}
