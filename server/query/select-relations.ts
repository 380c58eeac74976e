import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import { compileRelationFilter, type RelationFilter } from "./relation-filter.ts";
import type { RelationIndex } from "./relation-index.ts";

/** Relations that may pass a filter: every one that does is among them, each at most once. */
interface Candidates {
  /** An upper bound on how many there are: the plan with the smallest is taken. */
  size: number;
  relations: () => Iterable<Relation>;
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
    *relations() {
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
          yield relation;
        }
      }
    },
  };
}

/** Relations of the filter's types, or of its families' types, or of both when both are given. */
function byType(
  knowledge: KnowledgeGraph,
  index: RelationIndex,
  filter: RelationFilter,
): Candidates | undefined {
  const types = listed(filter.type);
  const families = listed(filter.family?.map((family) => family.toLowerCase()));
  if (!types && !families) return undefined;
  const chosen = [...knowledge.model.relationTypes.values()]
    .filter((type) => (!types || types.includes(type.id)) && (!families || families.includes(type.family)))
    .map((type) => type.id);
  let size = 0;
  for (const type of chosen) size += index.ofType(type).length;
  return {
    size,
    *relations() {
      for (const type of chosen) yield* index.ofType(type);
    },
  };
}

/** Relations with a claim from one of the filter's sources. */
function bySource(index: RelationIndex, sources: readonly string[]): Candidates {
  let size = 0;
  for (const source of sources) size += index.claimCount(source);
  return {
    size,
    *relations() {
      const seen = new Set<Relation>();
      for (const source of sources) {
        for (const relation of index.relationsOfSource(source)) {
          if (seen.has(relation)) continue;
          seen.add(relation);
          yield relation;
        }
      }
    },
  };
}

/**
 * The relations that pass a filter, in no particular order. The filter's arguments are checked and
 * compiled to one predicate (relation-filter.ts), which decides; the indexes only choose which
 * relations to test: the smallest candidate list among those the filter's type, family, source,
 * subject, object and involves conditions name, or every relation when it names none of them.
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
    const types = byType(knowledge, index, filter);
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
  const plan = plans.reduce<Candidates | undefined>(
    (best, candidate) => (!best || candidate.size < best.size ? candidate : best),
    undefined,
  );
  const selected: Relation[] = [];
  for (const relation of plan ? plan.relations() : knowledge.relations.values()) {
    if (keep(relation)) selected.push(relation);
  }
  return selected;
}
