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
import { pageThrough, runLimited, type GraphQLClient, type Page } from "./graphql-client.ts";
import { entitiesQuery, RELATIONS_QUERY, VOCABULARY_QUERY, type ApiNodeKind } from "./queries.ts";

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
 * Loads the whole graph through the public API: the vocabulary first, then every entity (one page
 * chain per node type), then every relation (one page chain per relation type), a few chains at once.
 */
export async function loadDataset(
  client: GraphQLClient,
  settings: ViewerSettings,
  callbacks: LoadCallbacks,
): Promise<Dataset> {
  const dataset = createDataset(await loadVocabulary(client));
  callbacks.onVocabulary(dataset);
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
