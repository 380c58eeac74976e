import { MultiDirectedGraph } from "graphology";
import type { DateValue } from "../model/dates.ts";
import type { DurationValue } from "../model/durations.ts";
import type { ExtentValue } from "../model/extents.ts";
import type { Claim, Entity, GraphModel, RelationClaim } from "../model/types.ts";
import { durationConflict, makeConflict, valuesOf } from "./conflicts.ts";
import { negationConflicts } from "./negation.ts";
import { nodeRecord } from "./records.ts";
import { bestOf, deriveRelation, eventDateReader } from "./relation.ts";
import type { Conflict, KnowledgeGraph, NodeAttributes, PeaceMultiGraph, Relation } from "./types.ts";

/**
 * Relation ids read as `subject--TYPE--object`, plus `--event` when the claims name the event the
 * relation was part of: Azerbaijan took Nagorno-Karabakh in 2020 and again in 2023, two relations.
 * Entity ids never contain "--", so the parts can be read back.
 */
export const relationId = (subject: string, type: string, object: string, event?: string) =>
  // join makes one flat string; a template literal would keep a tree of pieces per id.
  (event ? [subject, type, object, event] : [subject, type, object]).join("--");

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

/** Copies each list to an array of its exact length: grown by push, they keep up to half spare. */
function tightenLists<K, V>(map: Map<K, V[]>): void {
  for (const [key, list] of map) map.set(key, list.slice());
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Hedged and negated attribute claims are kept and shown, but give a node no value. */
const givesValue = (claim: Claim) => claim.modality === "asserted" || claim.modality === "announced";

/** A node's date, count, duration and extent from its attribute claims, with their conflicts. */
function nodeValues(entity: Entity, claims: readonly Claim[], conflicts: Conflict[]): NodeAttributes {
  const valued = claims.filter(givesValue);
  const target = { kind: "node" as const, id: entity.id };
  const dates = valuesOf(valued, "date");
  const counts = valuesOf(valued, "count");
  const durations = valuesOf(valued, "duration");
  const extents = valuesOf(valued, "extent");
  for (const conflict of [
    makeConflict(target, "date", dates),
    makeConflict(target, "count", counts),
    durations.length > 0 ? durationConflict(target, durations, dates) : undefined,
    makeConflict(target, "extent", extents),
  ]) {
    if (conflict) conflicts.push(conflict);
  }
  const count = bestOf<number>("count", counts);
  return nodeRecord(entity, {
    date: bestOf<DateValue>("date", dates),
    count: count === null ? null : Number(count),
    duration: bestOf<DurationValue>("duration", durations),
    extent: bestOf<ExtentValue>("extent", extents),
  });
}

/**
 * Builds the graph and everything derived from the claims: relations with their modality,
 * corroboration and date provenance, node values, and conflicts. The model is the only input;
 * nothing here is read from files.
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
    graph.addNode(entity.id, nodeValues(entity, attributeClaims.get(entity.id) ?? [], conflicts));
  }

  const relations = new Map<string, Relation>();
  const incident = new Map<string, Relation[]>();
  const touch = (node: string, relation: Relation) => {
    const list = incident.get(node);
    if (list) list.push(relation);
    else incident.set(node, [relation]);
  };
  const eventDate = eventDateReader((id) => (graph.hasNode(id) ? graph.getNodeAttributes(id) : undefined));
  for (const [id, claims] of relationClaims) {
    const ends = relationEnds.get(id)!;
    const type = model.relationTypes.get(claims[0]!.relation);
    // A copy of exactly the right length: lists grown by push keep room for 17 and more.
    const relation = deriveRelation(id, ends, claims.slice(), type, eventDate, conflicts);
    relations.set(id, relation);
    graph.addDirectedEdgeWithKey(id, ends.subject, ends.object, relation);
    touch(ends.subject, relation);
    if (ends.object !== ends.subject) touch(ends.object, relation);
  }
  conflicts.push(...negationConflicts(model, relations.values()));
  tightenLists(incident);
  tightenLists(attributeClaims);

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
