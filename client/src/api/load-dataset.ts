import {
  addEntities,
  addRelations,
  createDataset,
  type Dataset,
  type DayRange,
  type EntityRecord,
  NODE_KINDS,
  RELATION_FAMILIES,
  type NodeKind,
  type RelationFamily,
  type RelationRecord,
  type Vocabulary,
} from "../data/dataset.ts";
import { dayNumber } from "../data/dates.ts";
import type { ViewerSettings } from "../settings.ts";
import { ApiError, pageThrough, runLimited, type GraphQLClient, type Page } from "./graphql-client.ts";
import {
  entitiesQuery,
  GRAPH_EXPORT_QUERY,
  RELATIONS_QUERY,
  VOCABULARY_QUERY,
  type ApiNodeKind,
} from "./queries.ts";

interface ApiDate {
  start: string;
  end: string;
}

interface VocabularyData {
  stats: { nodes: number; relations: number };
  relationTypes: {
    id: string;
    label: string;
    family: string;
    color: string;
    count: number;
    symmetric: boolean;
  }[];
  nodeTypes: { id: string; kind: ApiNodeKind; label: string; color: string; count: number }[];
  sources: { id: string; title: string; outlet: string | null; url: string | null }[];
  conflicts: { id: string; property: string; target: { id: string } }[];
}

interface ApiEntity {
  id: string;
  label: string;
  kind: ApiNodeKind;
  type: string;
  aliases: string[];
  color: string;
  size: number;
  position: { x: number; y: number };
  date: ApiDate | null;
}

interface ApiRelation {
  id: string;
  type: string;
  subject: { id: string };
  object: { id: string };
  corroboration: number;
  date: ApiDate | null;
  claims: { source: { id: string } }[];
}

/** graphology's JSON of the whole graph, as Subgraph.export(format: GRAPHOLOGY_JSON) writes it. */
interface ExportedGraph {
  nodes: {
    key: string;
    attributes: {
      label: string;
      kind: NodeKind;
      type: string;
      aliases: string[];
      color: string;
      size: number;
      x: number;
      y: number;
      date: ApiDate | null;
    };
  }[];
  edges: {
    key: string;
    source: string;
    target: string;
    attributes: { type: string; corroboration: number; date: ApiDate | null; sources: string[] };
  }[];
}

const toRange = (date: ApiDate | null): DayRange | null =>
  date ? { start: dayNumber(date.start), end: dayNumber(date.end) } : null;

const toKind = (kind: ApiNodeKind) => kind.toLowerCase() as NodeKind;

export async function loadVocabulary(client: GraphQLClient): Promise<Vocabulary> {
  const data = await client.request<VocabularyData>(VOCABULARY_QUERY);
  return {
    totals: data.stats,
    relationTypes: data.relationTypes.map((type) => ({
      ...type,
      family: type.family.toLowerCase() as RelationFamily,
    })),
    nodeTypes: data.nodeTypes.map((type) => ({ ...type, kind: toKind(type.kind) })),
    sources: data.sources,
    conflictTargets: new Set(data.conflicts.map((conflict) => conflict.target.id)),
  };
}

export interface LoadCallbacks {
  /** The vocabulary is in: filters and the legend can be drawn. */
  onVocabulary(dataset: Dataset): void;
  /** All entities are in: the first paint can happen, since positions come precomputed. */
  onEntities(dataset: Dataset): void;
  /** One more page of relations arrived. */
  onRelations(relations: RelationRecord[], dataset: Dataset): void;
}

/**
 * Lets the browser paint (the first paint) before the next chunk of work; a hidden tab gets no
 * animation frames, so a timeout stands in for one there.
 */
const nextFrame = () =>
  new Promise<void>((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });

/**
 * Loads the whole graph through the public API: the vocabulary first, then, when the totals fit the
 * server's export limits, every node and relation in one request (the graph's graphology export);
 * when the server refuses that (too large, over the cost budget, or no export), page by page.
 */
export async function loadDataset(
  client: GraphQLClient,
  settings: ViewerSettings,
  callbacks: LoadCallbacks,
): Promise<Dataset> {
  const dataset = createDataset(await loadVocabulary(client));
  callbacks.onVocabulary(dataset);
  const { exportMaxNodes, exportMaxRelations } = settings.api;
  if (dataset.totals.nodes <= exportMaxNodes && dataset.totals.relations <= exportMaxRelations) {
    let graph: ExportedGraph | null = null;
    try {
      const data = await client.request<{ subgraph: { export: { content: string | null } } }>(
        GRAPH_EXPORT_QUERY,
      );
      const content = data.subgraph.export.content;
      if (content) graph = JSON.parse(content) as ExportedGraph;
    } catch (error) {
      // A refusal (EXPORT_TOO_LARGE, COST_LIMIT_EXCEEDED, a server without exports): page instead.
      if (!(error instanceof ApiError)) throw error;
    }
    if (graph) {
      await loadExportedGraph(dataset, graph, callbacks);
      return dataset;
    }
  }
  return pageDataset(client, settings, dataset, callbacks);
}

async function loadExportedGraph(
  dataset: Dataset,
  graph: ExportedGraph,
  callbacks: LoadCallbacks,
): Promise<void> {
  addEntities(
    dataset,
    graph.nodes.map(({ key, attributes: node }) => ({
      id: key,
      label: node.label,
      kind: node.kind,
      type: node.type,
      aliases: node.aliases,
      color: node.color,
      size: node.size,
      x: node.x,
      y: node.y,
      date: toRange(node.date),
    })) satisfies EntityRecord[],
  );
  callbacks.onEntities(dataset);
  // The nodes are drawn: let that frame out before the relations' work.
  await nextFrame();
  const relations = graph.edges.map(({ key, source, target, attributes: relation }) => ({
    id: key,
    type: relation.type,
    subject: source,
    object: target,
    corroboration: relation.corroboration,
    date: toRange(relation.date),
    sources: relation.sources,
  })) satisfies RelationRecord[];
  addRelations(dataset, relations);
  callbacks.onRelations(relations, dataset);
}

/**
 * The fallback for graphs past the export limits: every entity (one page chain per node kind), then
 * every relation (one page chain per relation family), a few chains at once.
 */
async function pageDataset(
  client: GraphQLClient,
  settings: ViewerSettings,
  dataset: Dataset,
  callbacks: LoadCallbacks,
): Promise<Dataset> {
  const { entityPageSize, relationPageSize, loadConcurrency } = settings.api;
  // One page chain per kind and per relation family: few enough requests for a small graph, and a
  // few chains in flight for a large one.
  const kinds = NODE_KINDS.filter((kind) =>
    dataset.nodeTypes.some((type) => type.kind === kind && type.count > 0),
  );
  const entityChains = kinds.map((kind) => async () => {
    const connection = `${kind}s`;
    await pageThrough<ApiEntity>(
      async (first, after) =>
        (
          await client.request<Record<string, Page<ApiEntity>>>(
            entitiesQuery(kind.toUpperCase() as ApiNodeKind),
            { first, after },
          )
        )[connection]!,
      entityPageSize,
      (page) =>
        addEntities(
          dataset,
          page.map((entity) => ({
            id: entity.id,
            label: entity.label,
            kind: toKind(entity.kind),
            type: entity.type,
            aliases: entity.aliases,
            color: entity.color,
            size: entity.size,
            x: entity.position.x,
            y: entity.position.y,
            date: toRange(entity.date),
          })) satisfies EntityRecord[],
        ),
    );
  });
  await runLimited(entityChains, loadConcurrency);
  callbacks.onEntities(dataset);

  const families = RELATION_FAMILIES.filter((family) =>
    dataset.relationTypes.some((type) => type.family === family && type.count > 0),
  );
  const relationChains = families.map((family) => async () => {
    await pageThrough<ApiRelation>(
      async (first, after) =>
        (
          await client.request<{ relations: Page<ApiRelation> }>(RELATIONS_QUERY, {
            family: family.toUpperCase(),
            first,
            after,
          })
        ).relations,
      relationPageSize,
      (page) => {
        const relations = page.map((relation) => ({
          id: relation.id,
          type: relation.type,
          subject: relation.subject.id,
          object: relation.object.id,
          corroboration: relation.corroboration,
          date: toRange(relation.date),
          sources: [...new Set(relation.claims.map((claim) => claim.source.id))],
        })) satisfies RelationRecord[];
        addRelations(dataset, relations);
        callbacks.onRelations(relations, dataset);
      },
    );
  });
  await runLimited(relationChains, loadConcurrency);
  return dataset;
}
