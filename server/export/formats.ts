import type { ExportDocument } from "./document.ts";
import { writeCypher } from "./formats/cypher.ts";
import { writeCytoscapeJson } from "./formats/cytoscape-json.ts";
import { writeGephiEdges, writeGephiNodes } from "./formats/gephi-csv.ts";
import { gexfWriter, GEXF_VERSIONS } from "./formats/gexf.ts";
import { writeGraphml } from "./formats/graphml.ts";
import { writeGraphologyJson } from "./formats/graphology-json.ts";
import { writeNeo4jNodes, writeNeo4jRelationships } from "./formats/neo4j-csv.ts";
import { writeNetworkxJson } from "./formats/networkx-json.ts";

/** One file of an export; multi-file formats (the two CSV flavours) have several. */
export interface ExportPartSpec {
  name: string;
  extension: string;
  mediaType: string;
  /** The file's text, piece by piece (one element at a time), so it can be streamed. */
  write(document: ExportDocument): Iterable<string>;
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
  "gexf-1.3",
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
const GEXF_MEDIA_TYPE = "application/gexf+xml; charset=utf-8";

const single = (
  extension: string,
  mediaType: string,
  write: (document: ExportDocument) => Iterable<string>,
) => [{ name: "graph", extension, mediaType, write }];

export const EXPORT_FORMATS: Record<ExportFormatId, ExportFormatSpec> = {
  gexf: {
    id: "gexf",
    title: "GEXF 1.2draft",
    readBy: "Gephi, NetworkX 2.x and 3.x, graphology",
    parts: single("gexf", GEXF_MEDIA_TYPE, gexfWriter(GEXF_VERSIONS["1.2draft"])),
  },
  "gexf-1.3": {
    id: "gexf-1.3",
    title: "GEXF 1.3 (edge kinds for Gephi)",
    readBy: "Gephi 0.9 and later, NetworkX 3.6 and later, graphology",
    parts: single("gexf", GEXF_MEDIA_TYPE, gexfWriter(GEXF_VERSIONS["1.3"])),
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

/** GraphQL's ExportFormat enum value for a format: gephi-csv is GEPHI_CSV, gexf-1.3 is GEXF_1_3. */
export const graphqlFormatName = (id: ExportFormatId) => id.toUpperCase().replace(/[-.]/g, "_");

export function formatFromGraphqlName(name: string): ExportFormatSpec {
  const id = EXPORT_FORMAT_IDS.find((candidate) => graphqlFormatName(candidate) === name);
  if (!id) throw new Error(`no export format for ${name}`);
  return EXPORT_FORMATS[id];
}
