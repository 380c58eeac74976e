import {
  cellText,
  EDGE_COLUMNS,
  formatNumber,
  NODE_COLUMNS,
  type Column,
  type ColumnType,
} from "../columns.ts";
import type { ExportDocument, ExportNode, ExportRelation } from "../document.ts";
import { xmlAttribute, xmlAttributes, xmlText } from "./xml.ts";

/**
 * GEXF for Gephi, NetworkX and graphology, written by hand: graphology-gexf 0.13.2 emits a malformed
 * viz namespace, and NetworkX then drops every colour and position. Two versions:
 *
 * - 1.2draft, the default: every consumer reads it as it is, Debian's NetworkX 2.8 included (which
 *   finds no <graph> in a 1.3 file).
 * - 1.3, on request: adds the edge `kind` (the relation type), by which Gephi keeps parallel edges
 *   of different types apart. NetworkX reads it from version 3.6.
 *
 * - Nodes carry the viewer's look: viz:color (by type), viz:size (from degree), viz:position (the
 *   seeded layout). Edges carry the family colour, the relation type as the `relation` attribute,
 *   `weight` = corroboration.
 * - Dated nodes get `start`/`end` (timeformat="date"), so Gephi's timeline works. NetworkX 2.8 reads
 *   them as strings only because timeformat is "date"; without it, it would try float().
 * - Attribute types are only those NetworkX 2.8 and graphology both parse: string, integer, double,
 *   boolean. Dates are strings; lists are JSON text.
 */

export interface GexfVersion {
  /** The version attribute of <gexf>. */
  version: string;
  namespace: string;
  vizNamespace: string;
  /** Whether edges carry `kind`, which 1.2draft does not define. */
  edgeKind: boolean;
  /** Whether <attributes> carries mode="static", which 1.3 dropped. */
  attributesMode: boolean;
}

export const GEXF_VERSIONS = {
  "1.2draft": {
    version: "1.2",
    namespace: "http://www.gexf.net/1.2draft",
    vizNamespace: "http://www.gexf.net/1.2draft/viz",
    edgeKind: false,
    attributesMode: true,
  },
  "1.3": {
    version: "1.3",
    namespace: "http://gexf.net/1.3",
    vizNamespace: "http://gexf.net/1.3/viz",
    edgeKind: true,
    attributesMode: false,
  },
} as const satisfies Record<string, GexfVersion>;

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

function declarations<T>(kind: "node" | "edge", columns: readonly Column<T>[], version: GexfVersion): string {
  const lines = columns.map(
    (column) =>
      `      <attribute${xmlAttributes({ id: column.name, title: column.name, type: GEXF_TYPE[column.type] })}/>`,
  );
  // GEXF 1.3 dropped the mode of <attributes> (dynamics live on attvalues); 1.2draft still has it.
  const mode = version.attributesMode ? ' mode="static"' : "";
  return `    <attributes class="${kind}"${mode}>\n${lines.join("\n")}\n    </attributes>\n`;
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

function edgeElement(edge: ExportRelation, version: GexfVersion): string {
  const attributes = {
    id: edge.id,
    source: edge.source,
    target: edge.target,
    label: edge.typeLabel,
    kind: version.edgeKind ? edge.type : null,
    weight: formatNumber(edge.corroboration),
  };
  return `      <edge${xmlAttributes(attributes)}>${attvalues(edgeColumns, edge)}${vizColor(edge.color)}</edge>\n`;
}

/** A GEXF writer for one version. */
export const gexfWriter = (version: GexfVersion) =>
  function* writeGexf(document: ExportDocument): Generator<string> {
    yield* gexfText(document, version);
  };

function* gexfText(document: ExportDocument, version: GexfVersion): Generator<string> {
  const dynamic = document.hasDatedNodes;
  const graphAttributes = dynamic
    ? { defaultedgetype: "directed", mode: "dynamic", timeformat: "date" }
    : { defaultedgetype: "directed", mode: "static" };
  yield* [
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    `<gexf xmlns="${version.namespace}" xmlns:viz="${version.vizNamespace}" ` +
      'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
      `xsi:schemaLocation="${version.namespace} ${version.namespace}/gexf.xsd" version="${version.version}">\n`,
    `  <meta lastmodifieddate="${xmlAttribute(document.modified)}">\n`,
    `    <creator>${xmlText(document.title)}</creator>\n`,
    `    <description>${xmlText(document.description)}</description>\n`,
    "  </meta>\n",
    `  <graph${xmlAttributes(graphAttributes)}>\n`,
    declarations("node", nodeColumns, version),
    declarations("edge", edgeColumns, version),
    `    <nodes count="${document.nodeCount}">\n`,
  ];
  for (const node of document.nodes()) yield nodeElement(node);
  yield `    </nodes>\n    <edges count="${document.relationCount}">\n`;
  for (const edge of document.relations()) yield edgeElement(edge, version);
  yield "    </edges>\n  </graph>\n</gexf>\n";
}
