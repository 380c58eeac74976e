/**
 * The immutable data the API gave us, in the shape the viewer reads. Nothing here knows about
 * filters, hover or sigma: those are derived further down the chain.
 */

export type NodeKind = "actor" | "event" | "place";
export type RelationFamily = "cooperation" | "conflict" | "neutral" | "structural";
export const NODE_KINDS: readonly NodeKind[] = ["actor", "event", "place"];
export const RELATION_FAMILIES: readonly RelationFamily[] = [
  "cooperation",
  "conflict",
  "neutral",
  "structural",
];

/** A date as the first and last day it covers, in days since 1970-01-01 (UTC). */
export interface DayRange {
  start: number;
  end: number;
}

export interface EntityRecord {
  id: string;
  label: string;
  kind: NodeKind;
  type: string;
  aliases: string[];
  color: string;
  size: number;
  x: number;
  y: number;
  date: DayRange | null;
}

export interface RelationRecord {
  id: string;
  type: string;
  subject: string;
  object: string;
  corroboration: number;
  date: DayRange | null;
  /** Ids of the sources whose claims support the relation. */
  sources: string[];
}

export interface RelationTypeRecord {
  id: string;
  label: string;
  family: RelationFamily;
  color: string;
  count: number;
  symmetric: boolean;
}

export interface NodeTypeRecord {
  id: string;
  kind: NodeKind;
  label: string;
  color: string;
  count: number;
}

export interface SourceRecord {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
}

export interface Vocabulary {
  totals: { nodes: number; relations: number };
  relationTypes: RelationTypeRecord[];
  nodeTypes: NodeTypeRecord[];
  sources: SourceRecord[];
  /** Ids of the nodes and relations that sources disagree about. */
  conflictTargets: Set<string>;
}

export interface Dataset extends Vocabulary {
  entities: Map<string, EntityRecord>;
  relations: Map<string, RelationRecord>;
  relationTypeById: Map<string, RelationTypeRecord>;
  nodeTypeById: Map<string, NodeTypeRecord>;
  /** The span of every dated node and relation; null when nothing is dated. */
  dateExtent: DayRange | null;
  /** Largest corroboration of any relation. */
  maxCorroboration: number;
}

export function createDataset(vocabulary: Vocabulary): Dataset {
  return {
    ...vocabulary,
    entities: new Map(),
    relations: new Map(),
    relationTypeById: new Map(vocabulary.relationTypes.map((type) => [type.id, type])),
    nodeTypeById: new Map(vocabulary.nodeTypes.map((type) => [type.id, type])),
    dateExtent: null,
    maxCorroboration: 1,
  };
}

const widen = (extent: DayRange | null, range: DayRange | null): DayRange | null =>
  !range
    ? extent
    : !extent
      ? { ...range }
      : { start: Math.min(extent.start, range.start), end: Math.max(extent.end, range.end) };

/** Adds a page of entities; the dataset only grows while loading and is read-only after. */
export function addEntities(dataset: Dataset, entities: EntityRecord[]): void {
  for (const entity of entities) {
    dataset.entities.set(entity.id, entity);
    dataset.dateExtent = widen(dataset.dateExtent, entity.date);
  }
}

export function addRelations(dataset: Dataset, relations: RelationRecord[]): void {
  for (const relation of relations) {
    dataset.relations.set(relation.id, relation);
    dataset.dateExtent = widen(dataset.dateExtent, relation.date);
    dataset.maxCorroboration = Math.max(dataset.maxCorroboration, relation.corroboration);
  }
}
