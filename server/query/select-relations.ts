import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import { dayKey } from "./dated-list.ts";
import { compileRelationFilter, dateArgument, type RelationFilter } from "./relation-filter.ts";
import type { RelationIndex } from "./relation-index.ts";

/** Relations that may pass a filter: every one that does is among them, each at most once. */
interface Candidates {
  /** An upper bound on how many there are: the plan with the smallest is taken. */
  size: number;
  /** Calls `visit` with each candidate (a callback: generators cost more than the test itself). */
  forEach: (visit: (relation: Relation) => void) => void;
}

const listed = (values: readonly string[] | null | undefined) =>
  values && values.length > 0 ? [...new Set(values)] : undefined;

/** Relations whose `end` is one of `ids`, from each node's own list. */
function byEnd(
  knowledge: KnowledgeGraph,
  ids: readonly string[],
  end: "subject" | "object" | "either",
): Candidates {
  let size = 0;
  for (const id of ids) size += knowledge.incident.get(id)?.length ?? 0;
  return {
    size,
    forEach(visit) {
      const position = new Map(ids.map((id, at) => [id, at]));
      for (const [at, id] of ids.entries()) {
        for (const relation of knowledge.incident.get(id) ?? []) {
          if (end === "subject" && relation.subject !== id) continue;
          if (end === "object" && relation.object !== id) continue;
          // Either end: a relation between two wanted nodes is met from both; keep the first meeting.
          if (end === "either") {
            const other = relation.subject === id ? relation.object : relation.subject;
            if ((position.get(other) ?? at) < at) continue;
          }
          visit(relation);
        }
      }
    },
  };
}

/**
 * Relations of the filter's types, or of its families' types, or of both when both are given; with
 * dateFrom, only those whose date ends on or after it (each type's list is sorted by date).
 */
function byType(
  knowledge: KnowledgeGraph,
  index: RelationIndex,
  filter: RelationFilter,
  argument: string,
): Candidates | undefined {
  const types = listed(filter.type);
  const families = listed(filter.family?.map((family) => family.toLowerCase()));
  if (!types && !families) return undefined;
  const chosen = [...knowledge.model.relationTypes.values()]
    .filter((type) => (!types || types.includes(type.id)) && (!families || families.includes(type.family)))
    .map((type) => type.id);
  // A relation passes dateFrom when its date ends on or after the day dateFrom starts. (The
  // predicate has checked the argument already: an impossible date never gets here.)
  const from = dateArgument(`${argument}.dateFrom`, filter.dateFrom);
  const start = from ? dayKey(from.start) : -1;
  let size = 0;
  for (const type of chosen) size += index.ofType(type).countFrom(start);
  return {
    size,
    forEach(visit) {
      for (const type of chosen) index.ofType(type).forEachFrom(start, visit);
    },
  };
}

/** Relations with a claim from one of the filter's sources. */
function bySource(index: RelationIndex, sources: readonly string[]): Candidates {
  let size = 0;
  for (const source of sources) size += index.claimCount(source);
  return {
    size,
    forEach(visit) {
      const seen = new Set<Relation>();
      for (const source of sources) {
        for (const relation of index.relationsOfSource(source)) {
          if (seen.has(relation)) continue;
          seen.add(relation);
          visit(relation);
        }
      }
    },
  };
}

/**
 * The relations that pass a filter, in no particular order. The filter's arguments are checked and
 * compiled to one predicate (relation-filter.ts), which decides; the indexes only choose which
 * relations to test: the smallest candidate list among those the filter's type, family, source,
 * subject, object and involves conditions name, or every relation when it names none of them or
 * when even the smallest list holds a third of them.
 */
export function selectRelations(
  knowledge: KnowledgeGraph,
  index: RelationIndex,
  filter: RelationFilter | null | undefined,
  argument = "where",
): Relation[] {
  const keep = compileRelationFilter(knowledge, filter, argument);
  const plans: Candidates[] = [];
  if (filter) {
    const types = byType(knowledge, index, filter, argument);
    if (types) plans.push(types);
    const sources = listed(filter.source);
    if (sources) plans.push(bySource(index, sources));
    const subjects = listed(filter.subject);
    if (subjects) plans.push(byEnd(knowledge, subjects, "subject"));
    const objects = listed(filter.object);
    if (objects) plans.push(byEnd(knowledge, objects, "object"));
    const involves = listed(filter.involves);
    if (involves) plans.push(byEnd(knowledge, involves, "either"));
  }
  // A list holding a good part of all relations is slower to walk than all of them in order
  // (its relations lie scattered in memory): then the plain scan it is.
  const plan = plans.reduce<Candidates | undefined>(
    (best, candidate) =>
      candidate.size * 3 < knowledge.relations.size && (!best || candidate.size < best.size)
        ? candidate
        : best,
    undefined,
  );
  const selected: Relation[] = [];
  const test = (relation: Relation) => {
    if (keep(relation)) selected.push(relation);
  };
  if (plan) plan.forEach(test);
  else for (const relation of knowledge.relations.values()) test(relation);
  return selected;
}
