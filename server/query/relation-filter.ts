import type { Relation, KnowledgeGraph } from "../graph/types.ts";
import { parseDate, type DateValue } from "../model/dates.ts";
import { MODALITIES, type Modality, type NodeKind, type RelationFamily } from "../model/types.ts";
import { InvalidArgument } from "./invalid-argument.ts";

/** Relation filters as the query layer takes them; every field is optional. */
export interface RelationFilter {
  type?: readonly string[] | null;
  /** Families in any case: COOPERATION or cooperation. */
  family?: readonly (RelationFamily | Uppercase<RelationFamily>)[] | null;
  subject?: readonly string[] | null;
  object?: readonly string[] | null;
  involves?: readonly string[] | null;
  subjectKind?: readonly (NodeKind | Uppercase<NodeKind>)[] | null;
  objectKind?: readonly (NodeKind | Uppercase<NodeKind>)[] | null;
  dateFrom?: string | null;
  dateTo?: string | null;
  source?: readonly string[] | null;
  minConfidence?: number | null;
  minCorroboration?: number | null;
  /** Modalities in any case: HEDGED or hedged. */
  modality?: readonly (Modality | Uppercase<Modality>)[] | null;
  /** Date origins in any case: EVENT or event. */
  dateOrigin?: readonly ("claim" | "event" | "none" | "CLAIM" | "EVENT" | "NONE")[] | null;
}

export type RelationPredicate = (relation: Relation) => boolean;

/** Parses a date argument, naming the argument when it is not a date. */
export function dateArgument(argument: string, value: string | null | undefined): DateValue | undefined {
  if (value === null || value === undefined) return undefined;
  const date = parseDate(value);
  if (typeof date === "string") throw new InvalidArgument(argument, date);
  return date;
}

/** Whether a date overlaps [from, to]; an undated thing never passes a date filter. */
export function dateInRange(date: DateValue | null, from?: DateValue, to?: DateValue): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  return (!from || date.end >= from.start) && (!to || date.start <= to.end);
}

/**
 * Checks a filter's arguments once and compiles it to a predicate, so filtering many relations
 * costs one set lookup per condition per relation.
 */
export function compileRelationFilter(
  knowledge: KnowledgeGraph,
  filter: RelationFilter | null | undefined,
  argument = "where",
): RelationPredicate {
  if (!filter) return () => true;
  const set = (values: readonly string[] | null | undefined) =>
    values && values.length > 0 ? new Set(values) : undefined;
  const types = set(filter.type);
  if (types) {
    for (const type of types) {
      if (!knowledge.relationType(type))
        throw new InvalidArgument(`${argument}.type`, `unknown relation type "${type}"`);
    }
  }
  const families = set(filter.family?.map((family) => family.toLowerCase()));
  const subjects = set(filter.subject);
  const objects = set(filter.object);
  const involves = set(filter.involves);
  const subjectKinds = set(filter.subjectKind?.map((kind) => kind.toLowerCase()));
  const objectKinds = set(filter.objectKind?.map((kind) => kind.toLowerCase()));
  const sources = set(filter.source);
  if (sources) {
    for (const source of sources) {
      if (!knowledge.model.sources.has(source))
        throw new InvalidArgument(`${argument}.source`, `unknown source "${source}"`);
    }
  }
  const from = dateArgument(`${argument}.dateFrom`, filter.dateFrom);
  const to = dateArgument(`${argument}.dateTo`, filter.dateTo);
  if (from && to && to.end < from.start)
    throw new InvalidArgument(`${argument}.dateTo`, "is before dateFrom");
  const minConfidence = filter.minConfidence ?? undefined;
  if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) {
    throw new InvalidArgument(`${argument}.minConfidence`, "must be between 0 and 1");
  }
  const minCorroboration = filter.minCorroboration ?? undefined;
  if (minCorroboration !== undefined && minCorroboration < 0) {
    throw new InvalidArgument(`${argument}.minCorroboration`, "must not be negative");
  }
  const modalities = set(filter.modality?.map((modality) => modality.toLowerCase()));
  for (const modality of modalities ?? []) {
    if (!(MODALITIES as readonly string[]).includes(modality))
      throw new InvalidArgument(`${argument}.modality`, `unknown modality "${modality}"`);
  }
  const dateOrigins = set(filter.dateOrigin?.map((origin) => origin.toLowerCase()));
  const kindOf = (id: string) => knowledge.graph.getNodeAttribute(id, "kind");
  const relationFamily = (relation: Relation) =>
    knowledge.relationType(relation.type)?.family ?? "structural";

  return (relation) =>
    (!types || types.has(relation.type)) &&
    (!families || families.has(relationFamily(relation))) &&
    (!subjects || subjects.has(relation.subject)) &&
    (!objects || objects.has(relation.object)) &&
    (!involves || involves.has(relation.subject) || involves.has(relation.object)) &&
    (!subjectKinds || subjectKinds.has(kindOf(relation.subject))) &&
    (!objectKinds || objectKinds.has(kindOf(relation.object))) &&
    (!sources || relation.sources.some((source) => sources.has(source))) &&
    (minConfidence === undefined || relation.confidence >= minConfidence) &&
    (minCorroboration === undefined || relation.corroboration >= minCorroboration) &&
    (!modalities || modalities.has(relation.modality)) &&
    (!dateOrigins || dateOrigins.has(relation.dateOrigin)) &&
    dateInRange(relation.date, from, to);
}
