import type { Filters } from "./navigation.ts";

/** The export formats the server offers; GET /export's own list replaces this one when it answers. */
export interface ExportFormat {
  /** Path segment: /export/<id>. */
  id: string;
  label: string;
  description: string;
}

export const DEFAULT_EXPORT_FORMATS: ExportFormat[] = [
  { id: "gexf", label: "GEXF", description: "Gephi (GEXF 1.3, with positions and colours)" },
  { id: "graphml", label: "GraphML", description: "yEd, Cytoscape, igraph, NetworkX" },
  { id: "gephi-csv", label: "CSV", description: "Gephi's spreadsheet CSV: nodes and edges" },
  { id: "graphology-json", label: "graphology", description: "graphology's lossless JSON" },
  { id: "networkx-json", label: "NetworkX", description: "NetworkX node-link JSON" },
  { id: "cytoscape-json", label: "Cytoscape", description: "Cytoscape.js elements JSON" },
  { id: "neo4j-csv", label: "Neo4j CSV", description: "Neo4j bulk-import CSV" },
  { id: "cypher", label: "Cypher", description: "Cypher MERGE statements" },
];

/**
 * The export link for the current view. With a drawing (the usual case), `view=` names exactly the
 * nodes and relations on screen (view-code.ts), or nothing at all when everything shows. Without one
 * (a graph loaded page by page), the filters the endpoint understands and, while the link stays short
 * enough, the visible node ids with depth 0: close to the view, not exact, and the menu says so.
 */
export function exportUrlForView(base: string, format: string, viewCode: string | null): string {
  const path = `${base}/${encodeURIComponent(format)}`;
  return viewCode ? `${path}?view=${viewCode}` : path;
}

export function exportUrl(
  base: string,
  format: string,
  filters: Filters,
  visible: { nodes: ReadonlySet<string>; total: number } | null,
  maxLength: number,
): string {
  const params = new URLSearchParams();
  if (filters.relationTypes) params.set("types", [...filters.relationTypes].sort().join(","));
  if (filters.nodeKinds) params.set("kinds", [...filters.nodeKinds].sort().join(","));
  if (filters.sources) params.set("sources", [...filters.sources].sort().join(","));
  if (filters.dateFrom) params.set("from", filters.dateFrom);
  if (filters.dateTo) params.set("to", filters.dateTo);
  const path = `${base}/${encodeURIComponent(format)}`;
  const query = (values: URLSearchParams) => values.toString().replace(/%2C/gi, ",");
  if (visible && visible.nodes.size > 0 && visible.nodes.size < visible.total) {
    const withIds = new URLSearchParams(params);
    withIds.set("ids", [...visible.nodes].sort().join(","));
    withIds.set("depth", "0");
    const url = `${path}?${query(withIds)}`;
    if (url.length <= maxLength) return url;
  }
  const filtersOnly = query(params);
  return filtersOnly ? `${path}?${filtersOnly}` : path;
}
