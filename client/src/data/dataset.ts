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

/** How firmly the sources state a relation (knowledge model v2; asserted until the API says more). */
export type Modality = "asserted" | "announced" | "hedged" | "negated";

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
  modality: Modality;
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

/** One side of a disagreement: a value and the sources that give it. */
export interface ConflictSide {
  value: string;
  sources: string[];
}

/** Sources disagreeing about one property of one node or relation (the whole list is small). */
export interface ConflictRecord {
  id: string;
  /** date, count, …; with the v2 model, the conflict's kind (date, count, duration, extent, negation). */
  property: string;
  kind: string;
  target: string;
  targetKind: "node" | "relation";
  targetLabel: string;
  sides: ConflictSide[];
}

export interface Vocabulary {
  totals: { nodes: number; relations: number };
  relationTypes: RelationTypeRecord[];
  nodeTypes: NodeTypeRecord[];
  sources: SourceRecord[];
  conflicts: ConflictRecord[];
}

export interface Dataset extends Vocabulary {
  entities: Map<string, EntityRecord>;
  relations: Map<string, RelationRecord>;
  relationTypeById: Map<string, RelationTypeRecord>;
  nodeTypeById: Map<string, NodeTypeRecord>;
  sourceById: Map<string, SourceRecord>;
  /** Conflicts by the node or relation they are about. */
  conflictsByTarget: Map<string, ConflictRecord[]>;
  /** Relations per node, either direction (computed as relations arrive). */
  degree: Map<string, number>;
  /** The span of every dated node and relation; null when nothing is dated. */
  dateExtent: DayRange | null;
  /** Largest corroboration of any relation. */
  maxCorroboration: number;
}

export function createDataset(vocabulary: Vocabulary): Dataset {
  const conflictsByTarget = new Map<string, ConflictRecord[]>();
  for (const conflict of vocabulary.conflicts)
    conflictsByTarget.set(conflict.target, [...(conflictsByTarget.get(conflict.target) ?? []), conflict]);
  return {
    ...vocabulary,
    entities: new Map(),
    relations: new Map(),
    relationTypeById: new Map(vocabulary.relationTypes.map((type) => [type.id, type])),
    nodeTypeById: new Map(vocabulary.nodeTypes.map((type) => [type.id, type])),
    sourceById: new Map(vocabulary.sources.map((source) => [source.id, source])),
    conflictsByTarget,
    degree: new Map(),
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
  const bump = (id: string) => dataset.degree.set(id, (dataset.degree.get(id) ?? 0) + 1);
  for (const relation of relations) {
    if (dataset.relations.has(relation.id)) continue;
    dataset.relations.set(relation.id, relation);
    dataset.dateExtent = widen(dataset.dateExtent, relation.date);
    dataset.maxCorroboration = Math.max(dataset.maxCorroboration, relation.corroboration);
    bump(relation.subject);
    if (relation.object !== relation.subject) bump(relation.object);
  }
}

export const isDisputed = (dataset: Dataset, id: string) => dataset.conflictsByTarget.has(id);
