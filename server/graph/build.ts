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

/** The relation a relation claim belongs to, and its ends in the relation's order. */
export function relationOfClaim(
  claim: RelationClaim,
  relationTypes: GraphModel["relationTypes"],
): { id: string; subject: string; object: string } {
  // Symmetric relations are one relation whichever party the source names first.
  const symmetric = relationTypes.get(claim.relation)?.symmetric ?? false;
  const swap = symmetric && claim.object < claim.subject;
  const subject = swap ? claim.object : claim.subject;
  const object = swap ? claim.subject : claim.object;
  return { id: relationId(subject, claim.relation, object, claim.qualifiers.event), subject, object };
}

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

const dateOfClaim = (claim: Claim) => claimValue(claim, "date");
const countOfClaim = (claim: Claim) => claimValue(claim, "count");

/** The date of a node when it is a dated event. */
function eventDateOf(graph: PeaceMultiGraph, id: string | undefined): DateValue | undefined {
  if (id === undefined) return undefined;
  const node = graph.getNodeAttributes(id);
  return node.kind === "event" && node.date ? node.date : undefined;
}

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
    const { id, subject, object } = relationOfClaim(claim, model.relationTypes);
    const list = relationClaims.get(id);
    if (list) list.push(claim);
    else {
      relationClaims.set(id, [claim]);
      relationEnds.set(id, { subject, object });
    }
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
  const incident = new Map<string, Relation[]>();
  const touch = (node: string, relation: Relation) => {
    const list = incident.get(node);
    if (list) list.push(relation);
    else incident.set(node, [relation]);
  };
  for (const [id, claims] of relationClaims) {
    const { subject, object } = relationEnds.get(id)!;
    const first = claims[0]!;
    // One pass for the sources and the confidence; most relations have one or two claims.
    let sources: string[];
    let confidence = first.confidence;
    if (claims.length === 1) sources = [first.source];
    else {
      const distinct = new Set<string>();
      for (const claim of claims) {
        distinct.add(claim.source);
        if (claim.confidence > confidence) confidence = claim.confidence;
      }
      sources = [...distinct];
    }
    const dates = groupByValue(claims, dateOfClaim);
    const counts = groupByValue(claims, countOfClaim);
    // Undated claims take the date of the event they concern: an end of the relation, or the
    // event named in their qualifiers.
    const eventDate =
      eventDateOf(graph, object) ?? eventDateOf(graph, subject) ?? eventDateOf(graph, first.qualifiers.event);
    const count = bestValue(counts)?.value;
    const relation: Relation = {
      id,
      type: first.relation,
      subject,
      object,
      claims,
      sources,
      corroboration: sources.length,
      confidence,
      date: toDate(bestValue(dates, dateSpan)?.value) ?? eventDate ?? null,
      count: count === undefined ? null : Number(count),
    };
    if (dates.length > 1) {
      const conflict = makeConflict({ kind: "relation", id }, "date", dates);
      if (conflict) conflicts.push(conflict);
    }
    if (counts.length > 1) {
      const conflict = makeConflict({ kind: "relation", id }, "count", counts);
      if (conflict) conflicts.push(conflict);
    }
    relations.set(id, relation);
    graph.addDirectedEdgeWithKey(id, subject, object, relation);
    touch(subject, relation);
    if (object !== subject) touch(object, relation);
  }

  return {
    model,
    graph,
    relations,
    incident,
    relationType: (id) => model.relationTypes.get(id),
    claimsById,
    attributeClaims,
    conflicts,
  };
}
