import { NEO4J_ARRAY_DELIMITER } from "../../server/export/formats/neo4j-csv.ts";
import { ORACLE_NODES, ORACLE_RELATIONS, type OracleNode, type OracleRelation } from "../fixtures/oracle.ts";
import type { readCypherScript } from "./cypher-literals.ts";
import { hexColor, type ConsumerGraph, type CsvTable } from "./helpers.ts";

/**
 * What each consumer read from an export, brought to one flat, typed shape: every field the README
 * says an export carries, by the name docs/export.md gives it. The shapes are written here from the
 * documentation, not imported from the server's column list, so a column the server drops or
 * renames shows up as a difference.
 */

type FieldType = "string" | "number" | "boolean" | "list";

export const NODE_FIELDS: Record<string, FieldType> = {
  label: "string",
  kind: "string",
  type: "string",
  typeLabel: "string",
  aliases: "list",
  description: "string",
  wikidata: "string",
  cameo: "string",
  date: "string",
  dateStart: "string",
  dateEnd: "string",
  datePrecision: "string",
  count: "number",
  duration: "string",
  extent: "string",
  status: "string",
  degree: "number",
  color: "string",
  size: "number",
  x: "number",
  y: "number",
};

export const EDGE_FIELDS: Record<string, FieldType> = {
  source: "string",
  target: "string",
  relation: "string",
  label: "string",
  symmetric: "boolean",
  modality: "string",
  cameo: "string",
  plover: "string",
  goldstein: "number",
  family: "string",
  color: "string",
  date: "string",
  dateStart: "string",
  dateEnd: "string",
  datePrecision: "string",
  dateOrigin: "string",
  dateInheritedFrom: "string",
  count: "number",
  duration: "string",
  extent: "string",
  confidence: "number",
  corroboration: "number",
  sources: "list",
  sourceUrls: "list",
  claimIds: "list",
  quotes: "list",
  claimModalities: "list",
};

export type Flat = Record<string, unknown>;

export interface Reading {
  nodes: Map<string, Flat>;
  edges: Map<string, Flat>;
  /** Edge fields the format writes but this reader does not read (NetworkX ignores edge viz). */
  unreadEdgeFields?: string[];
}

const missing = (value: unknown) => value === undefined || value === null || value === "";

/** One value as its documented type; a missing value (absent, null, or igraph's and CSV's "") is null. */
function typedValue(value: unknown, type: FieldType): unknown {
  if (type === "list") {
    if (Array.isArray(value)) return value;
    return missing(value) ? null : JSON.parse(String(value));
  }
  if (missing(value)) return null;
  if (type === "number") return Number(value);
  if (type === "boolean") return value === true || value === "true" || value === "True";
  return String(value);
}

/** Exactly the documented fields of a raw record, typed; anything else the reader gave is left out. */
export function typed(raw: Record<string, unknown>, fields: Record<string, FieldType>): Flat {
  return Object.fromEntries(
    Object.entries(fields).map(([name, type]) => [name, typedValue(raw[name], type)]),
  );
}

/** What the oracle says a selection's export holds, with the layout positions the server gave. */
export function expectedReading(
  nodeIds: readonly string[],
  relationIds: readonly string[],
  positions: ReadonlyMap<string, { x: number; y: number }>,
): Reading {
  const nodes = new Map<string, Flat>();
  for (const id of nodeIds) {
    const { id: _id, ...node }: OracleNode = ORACLE_NODES.find((candidate) => candidate.id === id)!;
    const position = positions.get(id)!;
    nodes.set(id, { ...node, x: position.x, y: position.y });
  }
  const edges = new Map<string, Flat>();
  for (const id of relationIds) {
    const { id: _id, ...relation }: OracleRelation = ORACLE_RELATIONS.find(
      (candidate) => candidate.id === id,
    )!;
    edges.set(id, relation);
  }
  return { nodes, edges };
}

// -------------------------------------------------------------------------------------------------
// Each consumer's conventions, undone.

/** GEXF as NetworkX or graphology-gexf read it: label and viz beside the attvalues. */
export function fromGexf(graph: ConsumerGraph, viz: "networkx" | "graphology"): Reading {
  const nodes = new Map<string, Flat>();
  for (const { id, data } of graph.nodes) {
    if (viz === "networkx") {
      const { color, size, position } = data.viz as {
        color: unknown;
        size: number;
        position: { x: number; y: number };
      };
      nodes.set(
        id,
        typed({ ...data, color: hexColor(color), size, x: position.x, y: position.y }, NODE_FIELDS),
      );
    } else {
      nodes.set(id, typed({ ...data, color: hexColor(data.color) }, NODE_FIELDS));
    }
  }
  const edges = new Map<string, Flat>();
  for (const edge of graph.edges) {
    const id = String(viz === "networkx" ? edge.data.id : edge.key);
    const color = viz === "networkx" ? undefined : hexColor(edge.data.color);
    edges.set(id, typed({ ...edge.data, source: edge.source, target: edge.target, color }, EDGE_FIELDS));
  }
  // NetworkX reads no viz on edges: the edge colour is checked through graphology-gexf.
  return { nodes, edges, unreadEdgeFields: viz === "networkx" ? ["color"] : [] };
}

/** GraphML, node-link JSON: every field is a flat attribute of its own name. */
export function fromFlatGraph(
  graph: ConsumerGraph,
  edgeId: (edge: ConsumerGraph["edges"][number]) => string,
): Reading {
  return {
    nodes: new Map(graph.nodes.map(({ id, data }) => [id, typed(data, NODE_FIELDS)])),
    edges: new Map(
      graph.edges.map((edge) => [
        edgeId(edge),
        typed({ ...edge.data, source: edge.source, target: edge.target }, EDGE_FIELDS),
      ]),
    ),
  };
}

const rows = (table: CsvTable) =>
  table.rows.map((row) => Object.fromEntries(table.header.map((name, i) => [name, row[i] ?? ""])));

/** Gephi's spreadsheet CSV: Id and Label up front, Source/Target/Type/Weight/Id/Label on edges. */
export function fromGephiCsv(nodes: CsvTable, edges: CsvTable): Reading {
  return {
    nodes: new Map(rows(nodes).map((row) => [row.Id!, typed({ ...row, label: row.Label }, NODE_FIELDS)])),
    edges: new Map(
      rows(edges).map((row) => [
        row.Id!,
        typed({ ...row, source: row.Source, target: row.Target, label: row.Label }, EDGE_FIELDS),
      ]),
    ),
  };
}

/** Neo4j's CSV: typed headers (name:type), arrays split on U+001F, an unknown URL as "". */
export function fromNeo4jCsv(nodes: CsvTable, relationships: CsvTable): Reading {
  const byName = (table: CsvTable) =>
    rows(table).map((row) =>
      Object.fromEntries(
        Object.entries(row).map(([name, value]) => [name.replace(/:[^:]*$/, "") || name, value]),
      ),
    );
  const split = (value: string | undefined) => (value ? value.split(NEO4J_ARRAY_DELIMITER) : []);
  const lists = (row: Record<string, string>, names: string[]) =>
    Object.fromEntries(names.map((name) => [name, split(row[name])]));
  return {
    nodes: new Map(
      byName(nodes).map((row) => [row.id!, typed({ ...row, ...lists(row, ["aliases"]) }, NODE_FIELDS)]),
    ),
    edges: new Map(
      byName(relationships).map((row) => {
        const urls = split(row.sourceUrls);
        // One unknown URL is an empty field: an array of one empty string.
        const sourceUrls = (urls.length === 0 && split(row.sources).length === 1 ? [""] : urls).map(
          (url) => url || null,
        );
        const list = lists(row, ["sources", "claimIds", "quotes", "claimModalities"]);
        return [
          row.id!,
          typed(
            { ...row, ...list, sourceUrls, source: row[":START_ID"], target: row[":END_ID"] },
            EDGE_FIELDS,
          ),
        ];
      }),
    ),
  };
}

/** The Cypher script, read back literal by literal; an unknown URL is ''. */
export function fromCypher(script: ReturnType<typeof readCypherScript>): Reading {
  return {
    nodes: new Map(script.nodes.map((node) => [node.id, typed(dates(node.properties), NODE_FIELDS)])),
    edges: new Map(
      script.relationships.map((edge) => [
        edge.id,
        typed(
          {
            ...dates(edge.properties),
            source: edge.source,
            target: edge.target,
            sourceUrls: (edge.properties.sourceUrls as string[]).map((url) => url || null),
          },
          EDGE_FIELDS,
        ),
      ]),
    ),
  };
}

/** Cypher dates are date('…') values, which the literal reader gives as { date }. */
function dates(properties: Record<string, unknown>): Record<string, unknown> {
  const out = { ...properties };
  for (const name of ["dateStart", "dateEnd"]) {
    const value = out[name] as { date?: string } | undefined;
    if (value && typeof value === "object") out[name] = value.date;
  }
  return out;
}

/** Cytoscape.js JSON: data objects, positions apart. */
export function fromCytoscape(json: {
  elements: {
    nodes: { data: Flat & { id: string }; position: { x: number; y: number } }[];
    edges: { data: Flat & { id: string } }[];
  };
}): Reading {
  return {
    nodes: new Map(
      json.elements.nodes.map((node) => [
        node.data.id,
        typed({ ...node.data, ...node.position }, NODE_FIELDS),
      ]),
    ),
    edges: new Map(json.elements.edges.map((edge) => [edge.data.id, typed(edge.data, EDGE_FIELDS)])),
  };
}
