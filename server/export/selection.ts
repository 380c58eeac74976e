import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import { NODE_KINDS, type NodeKind } from "../model/types.ts";
import { InvalidArgument, checkRange } from "../query/invalid-argument.ts";
import { NEIGHBORHOOD_LIMITS, reachNeighborhood, type Subgraph } from "../query/neighborhood.ts";
import { compileRelationFilter, type RelationFilter } from "../query/relation-filter.ts";
import { resolveSettings, type Settings } from "../settings.ts";
import { selectView } from "./view-selection.ts";

/**
 * Which part of the graph to export. One module serves every way in (GraphQL, HTTP, CLI), so a
 * selection means the same thing wherever it is written.
 *
 * - `ids` (with `depth`, default 1): the nodes within `depth` steps of these, following relations
 *   that pass the filters, and the kept relations among them.
 * - no `ids`: every relation that passes the filters and its two ends; with no relation filter at
 *   all, every node (of the given kinds) and the relations among them. Nothing given: the whole graph.
 * - `kinds` keeps only nodes of those kinds; the start `ids` are always kept.
 * - `view` (alone): exactly the nodes and relations a viewer shows (see view-selection.ts).
 */
export interface SelectionRequest {
  ids?: readonly string[] | null;
  depth?: number | null;
  where?: RelationFilter | null;
  kinds?: readonly (NodeKind | Uppercase<NodeKind>)[] | null;
  view?: string | null;
}

/** The size limits an export must respect (settings.limits.maxExportNodes / maxExportRelations). */
export interface ExportLimits {
  maxNodes: number;
  maxRelations: number;
  /** Most start ids a selection may name. */
  maxIds: number;
}

export const UNLIMITED: ExportLimits = { maxNodes: Infinity, maxRelations: Infinity, maxIds: Infinity };

export const exportLimitsFrom = (limits: Settings["limits"]): ExportLimits => ({
  maxNodes: limits.maxExportNodes,
  maxRelations: limits.maxExportRelations,
  maxIds: limits.maxExportIds,
});

/** The limits of the default settings, for callers that were given none. */
export const DEFAULT_EXPORT_LIMITS = exportLimitsFrom(resolveSettings().limits);

/** An export over the size limits: names the limit, so the caller knows what to narrow. */
export class ExportTooLarge extends InvalidArgument {
  constructor(what: "nodes" | "relations", count: string, limit: number) {
    const setting = what === "nodes" ? "maxExportNodes" : "maxExportRelations";
    super(
      "selection",
      `has ${count} ${what}, over the export limit of ${limit} ${what} (limits.${setting}); ` +
        "narrow it with ids and depth, or with filters (types, kinds, dates, sources)",
    );
    this.name = "ExportTooLarge";
  }
}

/** Refuses a subgraph over the limits; cheap, so every export checks again before writing. */
export function checkExportSize(subgraph: Subgraph, limits: ExportLimits): void {
  if (subgraph.nodes.length > limits.maxNodes)
    throw new ExportTooLarge("nodes", String(subgraph.nodes.length), limits.maxNodes);
  if (subgraph.relations.length > limits.maxRelations)
    throw new ExportTooLarge("relations", String(subgraph.relations.length), limits.maxRelations);
}

const isGiven = (value: unknown) =>
  value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

const hasAnyCondition = (where: RelationFilter | null | undefined) =>
  Object.values(where ?? {}).some(isGiven);

function parseKinds(kinds: SelectionRequest["kinds"]): Set<NodeKind> | undefined {
  if (!kinds || kinds.length === 0) return undefined;
  const parsed = new Set<NodeKind>();
  for (const kind of kinds) {
    const lower = kind.toLowerCase() as NodeKind;
    if (!NODE_KINDS.includes(lower))
      throw new InvalidArgument("kinds", `unknown node kind "${kind}"; known: ${NODE_KINDS.join(", ")}`);
    parsed.add(lower);
  }
  return parsed;
}

/** Resolves a selection to nodes and relations, refusing it with a named reason when invalid or too big. */
export function selectSubgraph(
  knowledge: KnowledgeGraph,
  request: SelectionRequest,
  limits: ExportLimits,
): Subgraph {
  const { graph } = knowledge;
  if (isGiven(request.view)) {
    if (
      isGiven(request.ids) ||
      isGiven(request.depth) ||
      hasAnyCondition(request.where) ||
      isGiven(request.kinds)
    )
      throw new InvalidArgument(
        "view",
        "describes the whole selection: give it without ids, depth, kinds or filters",
      );
    const view = selectView(knowledge, request.view!);
    checkExportSize(view, limits);
    return view;
  }
  const given = request.ids ?? [];
  // Counted as written, repeats included: the limit is on the request, not on what it resolves to.
  if (given.length > limits.maxIds)
    throw new InvalidArgument(
      "ids",
      `names ${given.length} ids, over the limit of ${limits.maxIds} (limits.maxExportIds); ` +
        "select by filters (types, kinds, dates, sources) instead",
    );
  const ids = [...new Set(given)];
  const kinds = parseKinds(request.kinds);
  const passesFilter = compileRelationFilter(knowledge, request.where);
  const starts = new Set(ids);
  const nodeKept = (id: string) => !kinds || starts.has(id) || kinds.has(graph.getNodeAttribute(id, "kind"));
  const keep = (relation: Relation) =>
    nodeKept(relation.subject) && nodeKept(relation.object) && passesFilter(relation);

  if (ids.length > 0) {
    const depth = checkRange("depth", request.depth ?? 1, 0, NEIGHBORHOOD_LIMITS.maxDepth);
    // One node past the limit is enough to know the export is too big; never walk further.
    const reached = reachNeighborhood(knowledge, ids, depth, keep, limits.maxNodes);
    if (reached.truncated) throw new ExportTooLarge("nodes", `more than ${limits.maxNodes}`, limits.maxNodes);
    checkExportSize(reached, limits);
    return reached;
  }
  if (request.depth !== null && request.depth !== undefined)
    throw new InvalidArgument("depth", "needs ids: it counts steps from the given nodes");

  const relations: Relation[] = [];
  graph.forEachEdge((_key, relation) => {
    if (keep(relation)) relations.push(relation);
  });
  let nodes: string[];
  if (hasAnyCondition(request.where)) {
    // Filtering relations selects the nodes they join, not every node of the graph.
    const ends = new Set<string>();
    for (const relation of relations) ends.add(relation.subject).add(relation.object);
    nodes = graph.filterNodes((id) => ends.has(id));
  } else {
    nodes = graph.filterNodes((id) => nodeKept(id));
  }
  const subgraph: Subgraph = { nodes, relations, truncated: false };
  checkExportSize(subgraph, limits);
  return subgraph;
}
