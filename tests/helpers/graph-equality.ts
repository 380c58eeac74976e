/**
 * Compares two graphs as sets: the lossless graphology export of each, with what may legitimately
 * differ between a graph updated in place and one loaded afresh taken out. That is layout
 * positions (a running server keeps nodes where they were; a fresh load lays out anew), the file
 * and line a record was read from (a fresh load counts lines), and the order of lists whose order
 * carries no meaning (claims within a relation, nodes, edges).
 */
const POSITIONAL = new Set(["x", "y", "file", "line"]);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonical);
    return items.sort((a, b) => {
      const ka = JSON.stringify(a);
      const kb = JSON.stringify(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.keys(value)
      .filter((key) => !POSITIONAL.has(key) && (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
  );
}

export const canonicalGraph = (graphologyJson: string) => canonical(JSON.parse(graphologyJson));

export const EXPORT_WHOLE_GRAPH = "{ subgraph { export(format: GRAPHOLOGY_JSON) { content } } }";

export const exportContent = (data: unknown) =>
  (data as { subgraph: { export: { content: string } } }).subgraph.export.content;
