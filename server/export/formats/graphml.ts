import { cellText, EDGE_COLUMNS, NODE_COLUMNS, type Column, type ColumnType } from "../columns.ts";
import type { ExportDocument } from "../document.ts";
import { xmlAttributes, xmlText } from "./xml.ts";

/**
 * GraphML for yEd, Cytoscape, igraph and NetworkX. Every <key> (attr.name, attr.type) comes before
 * <graph>; edgedefault is directed; each edge has the relation id, so parallel relations between
 * the same two nodes stay distinct. Types are int, double, boolean and string only: igraph reads
 * long as a float, and no reader agrees on list types, so lists are JSON text.
 */

const GRAPHML_TYPE: Record<ColumnType, string> = {
  string: "string",
  date: "string",
  list: "string",
  integer: "int",
  double: "double",
  boolean: "boolean",
};

const keyId = (scope: "n" | "e" | "g", name: string) => `${scope}_${name}`;

function keys<T>(scope: "node" | "edge", columns: readonly Column<T>[]): string[] {
  return columns.map(
    (column) =>
      `  <key${xmlAttributes({
        id: keyId(scope === "node" ? "n" : "e", column.name),
        for: scope,
        "attr.name": column.name,
        "attr.type": GRAPHML_TYPE[column.type],
      })}/>\n`,
  );
}

function dataElements<T>(scope: "n" | "e", columns: readonly Column<T>[], item: T): string {
  let out = "";
  for (const column of columns) {
    const text = cellText(column.value(item));
    if (text !== null) out += `<data key="${keyId(scope, column.name)}">${xmlText(text)}</data>`;
  }
  return out;
}

export function* writeGraphml(document: ExportDocument): Generator<string> {
  yield* [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ' +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns ' +
      'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n',
    `  <key id="g_description" for="graph" attr.name="description" attr.type="string"/>\n`,
    `  <key id="g_modified" for="graph" attr.name="modified" attr.type="string"/>\n`,
    `  <key id="g_sources" for="graph" attr.name="sources" attr.type="string"/>\n`,
    ...keys("node", NODE_COLUMNS),
    ...keys("edge", EDGE_COLUMNS),
    `  <graph${xmlAttributes({ id: document.title, edgedefault: "directed" })}>\n`,
    `    <data key="g_description">${xmlText(document.description)}</data>\n`,
    `    <data key="g_modified">${xmlText(document.modified)}</data>\n`,
    `    <data key="g_sources">${xmlText(JSON.stringify(document.sources))}</data>\n`,
  ];
  for (const node of document.nodes()) {
    yield `    <node${xmlAttributes({ id: node.id })}>${dataElements("n", NODE_COLUMNS, node)}</node>\n`;
  }
  for (const edge of document.relations()) {
    const attributes = xmlAttributes({ id: edge.id, source: edge.source, target: edge.target });
    yield `    <edge${attributes}>${dataElements("e", EDGE_COLUMNS, edge)}</edge>\n`;
  }
  yield "  </graph>\n</graphml>\n";
}
