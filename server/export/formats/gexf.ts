import {
  cellText,
  EDGE_COLUMNS,
  formatNumber,
  NODE_COLUMNS,
  type Column,
  type ColumnType,
} from "../columns.ts";
import type { ExportDocument, ExportNode, ExportRelation } from "../document.ts";
import { TextSink } from "./text-sink.ts";
import { xmlAttribute, xmlAttributes, xmlText } from "./xml.ts";

/**
 * GEXF 1.3 for Gephi, written by hand: graphology-gexf 0.13.2 emits a malformed viz namespace, and
 * NetworkX then drops every colour and position.
 *
 * - Nodes carry the viewer's look: viz:color (by type), viz:size (from degree), viz:position (the
 *   seeded layout). Edges carry the family colour, `kind` = relation type (Gephi keeps parallel
 *   edges apart by kind), `weight` = corroboration.
 * - Dated nodes get `start`/`end` (timeformat="date"), so Gephi's timeline works. NetworkX 2.8 reads
 *   them as strings only because timeformat is "date"; without it, it would try float().
 * - Attribute types are only those NetworkX 2.8 and graphology both parse: string, integer, double,
 *   boolean. Dates are strings; lists are JSON text.
 */

export const GEXF_NAMESPACE = "http://gexf.net/1.3";
export const GEXF_VIZ_NAMESPACE = "http://gexf.net/1.3/viz";

const GEXF_TYPE: Record<ColumnType, string> = {
  string: "string",
  date: "string",
  list: "string",
  integer: "integer",
  double: "double",
  boolean: "boolean",
};

/** Columns GEXF holds elsewhere: the label attribute and the viz elements. */
const NODE_ELSEWHERE = new Set(["label", "color", "size", "x", "y"]);
const EDGE_ELSEWHERE = new Set(["label", "color"]);

const nodeColumns = NODE_COLUMNS.filter((column) => !NODE_ELSEWHERE.has(column.name));
const edgeColumns = EDGE_COLUMNS.filter((column) => !EDGE_ELSEWHERE.has(column.name));

function declarations<T>(kind: "node" | "edge", columns: readonly Column<T>[]): string {
  const lines = columns.map(
    (column) =>
      `      <attribute${xmlAttributes({ id: column.name, title: column.name, type: GEXF_TYPE[column.type] })}/>`,
  );
  // No mode attribute: GEXF 1.3 dropped it from <attributes> (dynamics live on attvalues).
  return `    <attributes class="${kind}">\n${lines.join("\n")}\n    </attributes>\n`;
}

function attvalues<T>(columns: readonly Column<T>[], item: T): string {
  let out = "";
  for (const column of columns) {
    const text = cellText(column.value(item));
    if (text !== null) out += `<attvalue for="${column.name}" value="${xmlAttribute(text)}"/>`;
  }
  return out ? `<attvalues>${out}</attvalues>` : "";
}

/** viz:color from #rrggbb, as r/g/b/a channels (the only form NetworkX 2.8 reads). */
export function vizColor(hex: string): string {
  const value = /^#([0-9a-f]{6})$/i.exec(hex)?.[1];
  if (!value) throw new Error(`not a #rrggbb colour: ${hex}`);
  const channel = (offset: number) => parseInt(value.slice(offset, offset + 2), 16);
  return `<viz:color r="${channel(0)}" g="${channel(2)}" b="${channel(4)}" a="1.0"/>`;
}

function nodeElement(node: ExportNode): string {
  const time = node.date ? { start: node.date.start, end: node.date.end } : {};
  return (
    `      <node${xmlAttributes({ id: node.id, label: node.label, ...time })}>` +
    attvalues(nodeColumns, node) +
    vizColor(node.color) +
    `<viz:size value="${formatNumber(node.size)}"/>` +
    `<viz:position x="${formatNumber(node.x)}" y="${formatNumber(node.y)}" z="0.0"/>` +
    "</node>\n"
  );
}

function edgeElement(edge: ExportRelation): string {
  const attributes = {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: edge.typeLabel,
    kind: edge.type,
    weight: formatNumber(edge.corroboration),
  };
  return `      <edge${xmlAttributes(attributes)}>${attvalues(edgeColumns, edge)}${vizColor(edge.color)}</edge>\n`;
}

export function writeGexf(document: ExportDocument): string {
  const dynamic = document.nodes.some((node) => node.date !== null);
  const graphAttributes = dynamic
    ? { defaultedgetype: "directed", mode: "dynamic", timeformat: "date" }
    : { defaultedgetype: "directed", mode: "static" };
  const out = new TextSink();
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<gexf xmlns="${GEXF_NAMESPACE}" xmlns:viz="${GEXF_VIZ_NAMESPACE}" ` +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      `xsi:schemaLocation="${GEXF_NAMESPACE} ${GEXF_NAMESPACE}/gexf.xsd" version="1.3">\n`,
    `  <meta lastmodifieddate="${xmlAttribute(document.modified)}">\n`,
    `    <creator>${xmlText(document.title)}</creator>\n`,
    `    <description>${xmlText(document.description)}</description>\n`,
    "  </meta>\n",
    `  <graph${xmlAttributes(graphAttributes)}>\n`,
    declarations("node", nodeColumns),
    declarations("edge", edgeColumns),
    `    <nodes count="${document.nodes.length}">\n`,
  ];
  for (const text of head) out.write(text);
  for (const node of document.nodes) out.write(nodeElement(node));
  out.write(`    </nodes>\n    <edges count="${document.relations.length}">\n`);
  for (const edge of document.relations) out.write(edgeElement(edge));
  out.write("    </edges>\n  </graph>\n</gexf>\n");
  return out.toString();
}
