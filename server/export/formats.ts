import type { ExportDocument } from "./document.ts";
import { writeCypher } from "./formats/cypher.ts";
import { writeCytoscapeJson } from "./formats/cytoscape-json.ts";
import { writeGephiEdges, writeGephiNodes } from "./formats/gephi-csv.ts";
import { writeGexf } from "./formats/gexf.ts";
import { writeGraphml } from "./formats/graphml.ts";
import { writeGraphologyJson } from "./formats/graphology-json.ts";
import { writeNeo4jNodes, writeNeo4jRelationships } from "./formats/neo4j-csv.ts";
import { writeNetworkxJson } from "./formats/networkx-json.ts";

/** One file of an export; multi-file formats (the two CSV flavours) have several. */
export interface ExportPartSpec {
  name: string;
  extension: string;
  mediaType: string;
  write(document: ExportDocument): string;
}

export interface ExportFormatSpec {
  /** As in URLs and on the command line: /export/gexf, --format gexf. */
  id: ExportFormatId;
  title: string;
  /** The tools this format is meant for. */
  readBy: string;
  parts: readonly ExportPartSpec[];
}

export const EXPORT_FORMAT_IDS = [
  "gexf",
  "graphml",
  "gephi-csv",
  "graphology-json",
  "networkx-json",
  "cytoscape-json",
  "neo4j-csv",
  "cypher",
] as const;
export type ExportFormatId = (typeof EXPORT_FORMAT_IDS)[number];

const CSV = "text/csv; charset=utf-8; header=present";
const JSON_TYPE = "application/json; charset=utf-8";

const single = (extension: string, mediaType: string, write: (document: ExportDocument) => string) => [
  { name: "graph", extension, mediaType, write },
];

export const EXPORT_FORMATS: Record<ExportFormatId, ExportFormatSpec> = {
  gexf: {
    id: "gexf",
    title: "GEXF 1.3",
    readBy: "Gephi, NetworkX, graphology",
    parts: single("gexf", "application/gexf+xml; charset=utf-8", writeGexf),
  },
  graphml: {
    id: "graphml",
    title: "GraphML",
    readBy: "yEd, Cytoscape, igraph, NetworkX, graphology",
    parts: single("graphml", "application/graphml+xml; charset=utf-8", writeGraphml),
  },
  "gephi-csv": {
    id: "gephi-csv",
    title: "Gephi spreadsheet CSV (nodes and edges)",
    readBy: "Gephi's spreadsheet import, spreadsheets, pandas",
    parts: [
      { name: "nodes", extension: "csv", mediaType: CSV, write: writeGephiNodes },
      { name: "edges", extension: "csv", mediaType: CSV, write: writeGephiEdges },
    ],
  },
  "graphology-json": {
    id: "graphology-json",
    title: "graphology JSON (lossless)",
    readBy: "graphology (Graph.from), sigma",
    parts: single("graphology.json", JSON_TYPE, writeGraphologyJson),
  },
  "networkx-json": {
    id: "networkx-json",
    title: "NetworkX node-link JSON",
    readBy: "NetworkX node_link_graph (2.x and 3.x)",
    parts: single("networkx.json", JSON_TYPE, writeNetworkxJson),
  },
  "cytoscape-json": {
    id: "cytoscape-json",
    title: "Cytoscape.js JSON",
    readBy: "Cytoscape.js, Cytoscape desktop",
    parts: single("cyjs", JSON_TYPE, writeCytoscapeJson),
  },
  "neo4j-csv": {
    id: "neo4j-csv",
    title: "Neo4j bulk-import CSV (nodes and relationships)",
    readBy: "neo4j-admin database import",
    parts: [
      { name: "nodes", extension: "csv", mediaType: CSV, write: writeNeo4jNodes },
      { name: "relationships", extension: "csv", mediaType: CSV, write: writeNeo4jRelationships },
    ],
  },
  cypher: {
    id: "cypher",
    title: "Cypher script",
    readBy: "cypher-shell, Neo4j Browser",
    parts: single("cypher", "text/plain; charset=utf-8", writeCypher),
  },
};

export const isExportFormatId = (id: string): id is ExportFormatId => id in EXPORT_FORMATS;

/** GraphQL's ExportFormat enum value for a format: gephi-csv is GEPHI_CSV. */
export const graphqlFormatName = (id: ExportFormatId) => id.toUpperCase().replaceAll("-", "_");

export function formatFromGraphqlName(name: string): ExportFormatSpec {
  const id = name.toLowerCase().replaceAll("_", "-");
  if (!isExportFormatId(id)) throw new Error(`no export format for ${name}`);
  return EXPORT_FORMATS[id];
}
