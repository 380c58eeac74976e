import { MultiDirectedGraph } from "graphology";
import { parseDate, type DateValue } from "../model/dates.ts";
import { ATTRIBUTE_PROPERTIES, type Claim, type GraphModel, type RelationClaim } from "../model/types.ts";
import { bestValue, groupByValue } from "./best-value.ts";
import { claimValue, makeConflict } from "./conflicts.ts";
import type { Conflict, KnowledgeGraph, NodeAttributes, PeaceMultiGraph, Relation } from "./types.ts";

/**
 * Relation ids read as `subject--TYPE--object`, plus `--event` when the claims name the event the
 * relation was part of: Azerbaijan took Nagorno-Karabakh in 2020 and again in 2023, two relations.
 * Entity ids never contain "--", so the parts can be read back.
 */
export const relationId = (subject: string, type: string, object: string, event?: string) =>
  event ? `${subject}--${type}--${object}--${event}` : `${subject}--${type}--${object}`;

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** How many days a date covers, so the more precise of two agreeing dates is preferred. */
const dateSpan = (text: string): number => {
  const date = parseDate(text);
  return typeof date === "string" ? Infinity : Date.parse(date.end) - Date.parse(date.start);
};

const toDate = (text: string | undefined): DateValue | null => {
  if (text === undefined) return null;
  const date = parseDate(text);
  return typeof date === "string" ? null : date;
};

/**
 * Builds the graph and everything derived from the claims: relations with their corroboration,
 * node dates, and conflicts. The model is the only input; nothing here is read from files.
 */
export function buildKnowledgeGraph(model: GraphModel): KnowledgeGraph {
  const claimsById = new Map<string, Claim>();
  const attributeClaims = new Map<string, Claim[]>();
  const relationClaims = new Map<string, RelationClaim[]>();
  const relationEnds = new Map<string, { subject: string; object: string }>();
  const conflicts: Conflict[] = [];

  for (const claim of model.claims) {
    claimsById.set(claim.id, claim);
    if (claim.form === "attribute") {
      pushTo(attributeClaims, claim.subject, claim);
      continue;
    }
    // Symmetric relations are one relation whichever party the source names first.
    const symmetric = model.relationTypes.get(claim.relation)?.symmetric ?? false;
    const [subject, object] =
      symmetric && claim.object < claim.subject
        ? [claim.object, claim.subject]
        : [claim.subject, claim.object];
    const id = relationId(subject, claim.relation, object, claim.qualifiers.event);
    pushTo(relationClaims, id, claim);
    relationEnds.set(id, { subject, object });
  }

  const graph: PeaceMultiGraph = new MultiDirectedGraph<NodeAttributes, Relation>();
  for (const entity of model.entities.values()) {
    const claims = attributeClaims.get(entity.id) ?? [];
    const attributes: NodeAttributes = { ...entity, date: null, count: null };
    for (const property of ATTRIBUTE_PROPERTIES) {
      const values = groupByValue(claims, (claim) => claimValue(claim, property));
      const best = bestValue(values, property === "date" ? dateSpan : undefined)?.value;
      if (property === "date") attributes.date = toDate(best);
      else attributes.count = best === undefined ? null : Number(best);
      const conflict = makeConflict({ kind: "node", id: entity.id }, property, values);
      if (conflict) conflicts.push(conflict);
    }
    graph.addNode(entity.id, attributes);
  }

  const relations = new Map<string, Relation>();
  for (const [id, claims] of relationClaims) {
    const { subject, object } = relationEnds.get(id)!;
    const type = claims[0]!.relation;
    const sources = [...new Set(claims.map((claim) => claim.source))];
    const dates = groupByValue(claims, (claim) => claimValue(claim, "date"));
    const counts = groupByValue(claims, (claim) => claimValue(claim, "count"));
    // Undated claims take the date of the event they concern: an end of the relation, or the
    // event named in their qualifiers.
    const eventDate = [object, subject, claims[0]!.qualifiers.event]
      .map((end) => (end === undefined ? undefined : graph.getNodeAttributes(end)))
      .find((end) => end?.kind === "event" && end.date)?.date;
    const count = bestValue(counts)?.value;
    const relation: Relation = {
      id,
      type,
      subject,
      object,
      claims,
      sources,
      corroboration: sources.length,
      confidence: Math.max(...claims.map((claim) => claim.confidence)),
      date: toDate(bestValue(dates, dateSpan)?.value) ?? eventDate ?? null,
      count: count === undefined ? null : Number(count),
    };
    for (const [property, values] of [
      ["date", dates],
      ["count", counts],
    ] as const) {
      const conflict = makeConflict({ kind: "relation", id }, property, values);
      if (conflict) conflicts.push(conflict);
    }
    relations.set(id, relation);
    graph.addDirectedEdgeWithKey(id, subject, object, relation);
  }

  return {
    model,
    graph,
    relations,
    relationType: (id) => model.relationTypes.get(id),
    claimsById,
    attributeClaims,
    conflicts,
  };
}
