import {
  addEntities,
  addRelations,
  createDataset,
  type ConflictRecord,
  type Dataset,
  type DayRange,
  type EntityRecord,
  type Modality,
  NODE_KINDS,
  RELATION_FAMILIES,
  type NodeKind,
  type RelationFamily,
  type RelationRecord,
  type Vocabulary,
} from "../data/dataset.ts";
import { dayNumber } from "../data/dates.ts";
import type { ViewerSettings } from "../settings.ts";
import type { ApiFeatures } from "./features.ts";
import { ApiError, pageThrough, runLimited, type GraphQLClient, type Page } from "./graphql-client.ts";
import {
  DRAWING_QUERY,
  entitiesQuery,
  relationsQuery,
  vocabularyQuery,
  type ApiNodeKind,
} from "./queries.ts";
import type { Drawing } from "../../../server/query/drawing.ts";

interface ApiDate {
  start: string;
  end: string;
}

interface ApiConflictTarget {
  __typename: string;
  id: string;
  label?: string;
  relationType?: { label: string };
  subject?: { label: string };
  object?: { label: string };
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
  conflicts: {
    id: string;
    property: string;
    kind?: string;
    target: ApiConflictTarget;
    values: { value: string; sources: { id: string }[] }[];
  }[];
}

interface ApiEntity {
  id: string;
  label: string;
  kind: ApiNodeKind;
  type: string;
  aliases: string[];
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
  modality?: string;
  claims: { source: { id: string } }[];
}

/** Query.drawing: the graph in columns, as the server builds it (see schema.graphql). */
export type ApiDrawing = Drawing;

const toRange = (date: ApiDate | null): DayRange | null =>
  date ? { start: dayNumber(date.start), end: dayNumber(date.end) } : null;

const dayRange = (start: number | null | undefined, end: number | null | undefined): DayRange | null =>
  start === null || start === undefined ? null : { start, end: end ?? start };

const toKind = (kind: ApiNodeKind) => kind.toLowerCase() as NodeKind;

const MODALITIES = new Set<Modality>(["asserted", "announced", "hedged", "negated"]);
export const toModality = (value: string | null | undefined): Modality => {
  const lower = (value ?? "asserted").toLowerCase() as Modality;
  return MODALITIES.has(lower) ? lower : "asserted";
};

function conflictOf(conflict: VocabularyData["conflicts"][number]): ConflictRecord {
  const { target } = conflict;
  const relation = target.__typename === "Relation";
  return {
    id: conflict.id,
    property: conflict.property,
    // The v2 model names each conflict's kind; before it, the disputed property is the kind.
    kind: (conflict.kind ?? conflict.property).toLowerCase(),
    target: target.id,
    targetKind: relation ? "relation" : "node",
    targetLabel: relation
      ? `${target.subject?.label ?? "?"} ${target.relationType?.label ?? ""} ${target.object?.label ?? "?"}`
      : (target.label ?? target.id),
    sides: conflict.values.map((value) => ({
      value: value.value,
      sources: value.sources.map((source) => source.id),
    })),
  };
}

export async function loadVocabulary(client: GraphQLClient, features: ApiFeatures): Promise<Vocabulary> {
  const data = await client.request<VocabularyData>(vocabularyQuery(features));
  return {
    totals: data.stats,
    relationTypes: data.relationTypes.map((type) => ({
      ...type,
      family: type.family.toLowerCase() as RelationFamily,
    })),
    nodeTypes: data.nodeTypes.map((type) => ({ ...type, kind: toKind(type.kind) })),
    sources: data.sources,
    conflicts: data.conflicts.map(conflictOf),
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

export interface LoadedGraph {
  dataset: Dataset;
  /** The drawing's version when the graph came in one drawing; exports of a view need it. */
  drawingVersion: string | null;
  /** Node ids, then relation ids, in the drawing's order (the bit order of an exported view). */
  drawingOrder: { nodes: string[]; relations: string[] } | null;
}

/**
 * Loads the whole graph through the public API: the vocabulary and the drawing (Query.drawing: ids,
 * labels, types, positions, dates, relation ends and sources, no claims) side by side; when the
 * server refuses the drawing (past its export limits), page by page.
 */
export async function loadDataset(
  client: GraphQLClient,
  settings: ViewerSettings,
  featuresRequest: Promise<ApiFeatures>,
  callbacks: LoadCallbacks,
): Promise<LoadedGraph> {
  // The drawing needs nothing else: ask for it first, while the schema's features come in.
  const drawingRequest = client
    .request<{ drawing: ApiDrawing }>(DRAWING_QUERY)
    .then((data) => data.drawing)
    .catch((error: unknown) => {
      // A refusal (EXPORT_TOO_LARGE, a server without drawings): page instead.
      if (error instanceof ApiError) return null;
      throw error;
    });
  const features = await featuresRequest;
  const dataset = createDataset(await loadVocabulary(client, features));
  callbacks.onVocabulary(dataset);
  const drawing = await drawingRequest;
  if (drawing) {
    await loadDrawing(dataset, drawing, callbacks);
    return {
      dataset,
      drawingVersion: drawing.version,
      drawingOrder: { nodes: drawing.nodeIds, relations: drawing.relationIds },
    };
  }
  await pageDataset(client, settings, features, dataset, callbacks);
  return { dataset, drawingVersion: null, drawingOrder: null };
}

async function loadDrawing(dataset: Dataset, drawing: ApiDrawing, callbacks: LoadCallbacks): Promise<void> {
  const kindOfType = new Map(dataset.nodeTypes.map((type) => [type.id, type.kind]));
  const aliases = drawing.nodeIds.map((): string[] => []);
  drawing.aliasNodes.forEach((node, i) => aliases[node]?.push(drawing.aliases[i]!));
  addEntities(
    dataset,
    drawing.nodeIds.map((id, i): EntityRecord => {
      const type = drawing.nodeTypeIds[drawing.nodeTypes[i]!]!;
      return {
        id,
        label: drawing.nodeLabels[i]!,
        kind: kindOfType.get(type) ?? "actor",
        type,
        aliases: aliases[i]!,
        x: drawing.nodeX[i]!,
        y: drawing.nodeY[i]!,
        date: dayRange(drawing.nodeDateStart[i], drawing.nodeDateEnd[i]),
      };
    }),
  );
  // Degrees come with the relations: count them before the first paint, which sizes nodes by them.
  const relations = drawing.relationIds.map((id, i): RelationRecord => ({
    id,
    type: drawing.relationTypeIds[drawing.relationTypes[i]!]!,
    subject: drawing.nodeIds[drawing.relationSubjects[i]!]!,
    object: drawing.nodeIds[drawing.relationObjects[i]!]!,
    corroboration: drawing.relationCorroboration[i]!,
    date: dayRange(drawing.relationDateStart[i], drawing.relationDateEnd[i]),
    sources: drawing.relationSources[i]!.map((source) => drawing.sourceIds[source]!),
    modality: toModality(drawing.relationModality[i]),
  }));
  addRelations(dataset, relations);
  callbacks.onEntities(dataset);
  // The nodes are drawn: let that frame out before the relations' work.
  await nextFrame();
  callbacks.onRelations(relations, dataset);
}

/**
 * The fallback for graphs past the export limits: every entity (one page chain per node kind), then
 * every relation (one page chain per relation family), a few chains at once.
 */
async function pageDataset(
  client: GraphQLClient,
  settings: ViewerSettings,
  features: ApiFeatures,
  dataset: Dataset,
  callbacks: LoadCallbacks,
): Promise<void> {
  const { entityPageSize, relationPageSize, loadConcurrency } = settings.api;
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
  const query = relationsQuery(features);
  const relationChains = families.map((family) => async () => {
    await pageThrough<ApiRelation>(
      async (first, after) =>
        (
          await client.request<{ relations: Page<ApiRelation> }>(query, {
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
          modality: toModality(relation.modality),
        })) satisfies RelationRecord[];
        addRelations(dataset, relations);
        callbacks.onRelations(relations, dataset);
      },
    );
  });
  await runLimited(relationChains, loadConcurrency);
}
