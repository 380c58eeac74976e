import { MultiDirectedGraph } from "graphology";
import type { DateValue } from "../model/dates.ts";
import type { Claim, Entity, GraphModel, RelationClaim, Source } from "../model/types.ts";
import { deriveNode, deriveRelation, eventDateReader } from "./derive.ts";
import { negationConflicts } from "./negation.ts";
import { relationOfClaim } from "./relation-id.ts";
import { bumpRevision } from "./revision.ts";
import type { Conflict, KnowledgeGraph, NodeAttributes, PeaceMultiGraph, Relation } from "./types.ts";

/**
 * The one derivation, in two entry points: a full build is every record applied to an empty graph,
 * and a committed change set applies only its records. Either way only what the records touch is
 * recomputed: their relations (modality, corroboration, dates, conflicts), their nodes (dates,
 * counts, durations, extents, conflicts), and the relations that take their date from a node whose
 * date changed. Negation conflicts reach across relations (an outsider's denial meets others'
 * assertions), so they are recomputed over the graph, but only when a relation with a negated
 * claim is touched, or one that such a denial might contradict.
 */

/** Records to put in place (added, or replacing the one with the same id) and ids to take out. */
export interface ModelDelta {
  sources: Source[];
  entities: { put: Entity[]; remove: string[] };
  claims: { put: Claim[]; remove: string[] };
}

/** What changed in the model, old and new versions side by side, as derivation needs it. */
export interface ModelChange {
  sourcesAdded: Source[];
  entitiesPut: Entity[];
  /** Old versions of entities replaced or removed. */
  entitiesBefore: Entity[];
  entitiesRemoved: string[];
  /** Old versions of claims replaced or removed. */
  claimsBefore: Claim[];
  claimsAdded: Claim[];
}

/** What the derived graph did, for the indexes kept beside it (search, counts, layout, conflicts). */
export interface GraphEffect {
  nodesAdded: string[];
  nodesChanged: string[];
  nodesRemoved: string[];
  relationsAdded: Relation[];
  relationsChanged: Relation[];
  relationsRemoved: Relation[];
  /** The conflicts now in force for every node or relation whose conflicts were recomputed. */
  conflicts: Map<string, Conflict[]>;
}

/** Relations by the event their claims say they were part of (their id's fourth part). */
const relationsByEvent = new WeakMap<KnowledgeGraph, Map<string, Set<string>>>();
/** Relations with at least one negated claim: the only ones a negation conflict can start from. */
const negatedRelations = new WeakMap<KnowledgeGraph, Set<string>>();

/**
 * The conflicts of a graph, kept by target so a change replaces only its own: value conflicts
 * (dates, counts, durations, extents) by the node or relation they concern, in the order targets
 * first had one (nodes before relations in a build), and negation conflicts apart. The graph's
 * `conflicts` list is made from them when read after a change.
 */
interface ConflictIndex {
  values: Map<string, Conflict[]>;
  negations: Conflict[];
  list: Conflict[] | null;
}
const conflictIndexes = new WeakMap<KnowledgeGraph, ConflictIndex>();

const hasNegated = (claims: readonly RelationClaim[]) => claims.some((claim) => claim.modality === "negated");

export function emptyKnowledgeGraph(model: GraphModel): KnowledgeGraph {
  const index: ConflictIndex = { values: new Map(), negations: [], list: [] };
  const knowledge = {
    model,
    graph: new MultiDirectedGraph<NodeAttributes, Relation>() as PeaceMultiGraph,
    relations: new Map(),
    incident: new Map(),
    relationType: (id: string) => model.relationTypes.get(id),
    claimsById: new Map(),
    attributeClaims: new Map(),
    get conflicts(): Conflict[] {
      index.list ??= [...[...index.values.values()].flat(), ...index.negations];
      return index.list;
    },
  } satisfies KnowledgeGraph;
  relationsByEvent.set(knowledge, new Map());
  negatedRelations.set(knowledge, new Set());
  conflictIndexes.set(knowledge, index);
  return knowledge;
}

/**
 * Puts a delta into the model, keeping every record that stays where it was in its list. `current`
 * finds a claim's present version (the graph's index), so a replaced claim is found in the list by
 * identity: a scan without writes, not a rewrite of a million-entry array.
 */
export function applyToModel(
  model: GraphModel,
  delta: ModelDelta,
  current: ReadonlyMap<string, Claim>,
): ModelChange {
  for (const source of delta.sources) model.sources.set(source.id, source);
  const entitiesBefore: Entity[] = [];
  for (const entity of delta.entities.put) {
    const before = model.entities.get(entity.id);
    if (before) entitiesBefore.push(before);
    model.entities.set(entity.id, entity);
  }
  const claimsBefore: Claim[] = [];
  for (const claim of delta.claims.put) {
    const before = current.get(claim.id);
    const index = before ? model.claims.indexOf(before) : -1;
    if (index < 0) model.claims.push(claim);
    else {
      claimsBefore.push(before!);
      model.claims[index] = claim;
    }
  }
  for (const id of delta.claims.remove) {
    const before = current.get(id);
    const index = before ? model.claims.indexOf(before) : -1;
    if (index < 0) continue;
    claimsBefore.push(before!);
    model.claims.splice(index, 1);
  }
  for (const id of delta.entities.remove) {
    const before = model.entities.get(id);
    if (before) entitiesBefore.push(before);
    model.entities.delete(id);
  }
  return {
    sourcesAdded: delta.sources,
    entitiesPut: delta.entities.put,
    entitiesBefore,
    entitiesRemoved: delta.entities.remove,
    claimsBefore,
    claimsAdded: delta.claims.put,
  };
}

function without<T extends { id: string }>(list: T[], id: string): T[] {
  const index = list.findIndex((item) => item.id === id);
  if (index >= 0) list.splice(index, 1);
  return list;
}

/** Updates the graph and everything derived from the model after `change`, in place. */
export function updateDerived(knowledge: KnowledgeGraph, change: ModelChange): GraphEffect {
  const { model, graph, relations, incident, claimsById, attributeClaims } = knowledge;
  const byEvent = relationsByEvent.get(knowledge) ?? new Map<string, Set<string>>();
  relationsByEvent.set(knowledge, byEvent);
  const negated = negatedRelations.get(knowledge) ?? new Set<string>();
  negatedRelations.set(knowledge, negated);
  const effect: GraphEffect = {
    nodesAdded: [],
    nodesChanged: [],
    nodesRemoved: [],
    relationsAdded: [],
    relationsChanged: [],
    relationsRemoved: [],
    conflicts: new Map(),
  };
  const touchedNodes = new Set<string>();
  /** The claims of each touched relation, as they will be, and its ends. */
  const touchedRelations = new Map<
    string,
    { ends: { subject: string; object: string }; claims: RelationClaim[] }
  >();
  const relationEntry = (claim: RelationClaim) => {
    const { id, subject, object } = relationOfClaim(claim, model.relationTypes);
    let entry = touchedRelations.get(id);
    if (!entry) {
      const existing = relations.get(id)?.claims;
      entry = { ends: { subject, object }, claims: existing ? [...existing] : [] };
      touchedRelations.set(id, entry);
    }
    return entry;
  };
  const index = conflictIndexes.get(knowledge);
  if (!index) throw new Error("a graph not made by emptyKnowledgeGraph cannot be updated in place");
  /** Records a target's recomputed conflicts, when it has some now or had some before. */
  const setConflicts = (target: string, conflicts: Conflict[]) => {
    if (conflicts.length > 0 || index.values.has(target)) effect.conflicts.set(target, conflicts);
  };

  // Entities first, so a build adds nodes in the model's order.
  /** Entities new to the graph: their node is added once its values are derived, below. */
  const added = new Set<string>();
  for (const entity of change.entitiesPut) {
    if (graph.hasNode(entity.id)) effect.nodesChanged.push(entity.id);
    else {
      added.add(entity.id);
      effect.nodesAdded.push(entity.id);
    }
    touchedNodes.add(entity.id);
  }

  // Claims: an old version leaves its relation or node; a new one joins, in the same place when
  // it replaces a claim of the same relation (an accepted claim keeps its place among the others).
  const replacements = new Map(change.claimsAdded.map((claim) => [claim.id, claim]));
  const placed = new Set<string>();
  for (const before of change.claimsBefore) {
    claimsById.delete(before.id);
    const after = replacements.get(before.id);
    if (before.form === "attribute") {
      touchedNodes.add(before.subject);
      const list = attributeClaims.get(before.subject) ?? [];
      const index = list.findIndex((claim) => claim.id === before.id);
      if (after?.form === "attribute" && after.subject === before.subject && index >= 0) {
        list[index] = after;
        placed.add(after.id);
      } else without(list, before.id);
      continue;
    }
    const entry = relationEntry(before);
    const index = entry.claims.findIndex((claim) => claim.id === before.id);
    if (
      after?.form === "relation" &&
      index >= 0 &&
      relationOfClaim(after, model.relationTypes).id === relationOfClaim(before, model.relationTypes).id
    ) {
      entry.claims[index] = after;
      placed.add(after.id);
    } else without(entry.claims, before.id);
  }
  for (const claim of change.claimsAdded) {
    claimsById.set(claim.id, claim);
    if (claim.form === "attribute") {
      touchedNodes.add(claim.subject);
      if (placed.has(claim.id)) continue;
      const list = attributeClaims.get(claim.subject);
      if (list) list.push(claim);
      else attributeClaims.set(claim.subject, [claim]);
    } else {
      const entry = relationEntry(claim);
      if (!placed.has(claim.id)) entry.claims.push(claim);
    }
  }

  const eventDateOf = eventDateReader((id) => (graph.hasNode(id) ? graph.getNodeAttributes(id) : undefined));
  const dateText = (date: DateValue | null) => date?.text ?? null;
  for (const id of touchedNodes) {
    const entity = model.entities.get(id);
    if (!entity || !(added.has(id) || graph.hasNode(id))) continue; // removed below
    const conflicts: Conflict[] = [];
    const node = deriveNode(entity, attributeClaims.get(id) ?? [], conflicts);
    setConflicts(id, conflicts);
    if (added.has(id)) {
      // A new node: nothing can inherit its date yet, as no relation reaches it.
      graph.addNode(id, node);
      continue;
    }
    const attributes = graph.getNodeAttributes(id);
    const dateChanged = dateText(attributes.date) !== dateText(node.date);
    Object.assign(attributes, node);
    if (!dateChanged) continue;
    // Relations that take their date from this event: those at either end of it, and those part of it.
    for (const relation of incident.get(id) ?? []) relationEntryById(relation);
    for (const relationId of byEvent.get(id) ?? []) relationEntryById(relations.get(relationId)!);
  }
  function relationEntryById(relation: Relation) {
    if (!touchedRelations.has(relation.id))
      touchedRelations.set(relation.id, {
        ends: { subject: relation.subject, object: relation.object },
        claims: relation.claims,
      });
  }

  const addIncident = (node: string, relation: Relation) => {
    const list = incident.get(node);
    if (list) list.push(relation);
    else incident.set(node, [relation]);
  };
  let negationTouched = false;
  for (const [id, { ends, claims }] of touchedRelations) {
    const existing = relations.get(id);
    const event = (claims[0] ?? existing?.claims[0])?.qualifiers.event;
    if (negated.delete(id)) negationTouched = true;
    if (hasNegated(claims)) {
      negated.add(id);
      negationTouched = true;
    }
    if (claims.length === 0) {
      if (!existing) continue;
      graph.dropEdge(id);
      relations.delete(id);
      without(incident.get(existing.subject) ?? [], id);
      if (existing.object !== existing.subject) without(incident.get(existing.object) ?? [], id);
      if (event) byEvent.get(event)?.delete(id);
      effect.relationsRemoved.push(existing);
      setConflicts(id, []);
      continue;
    }
    const conflicts: Conflict[] = [];
    const relation = deriveRelation(
      id,
      ends,
      // A copy of exactly the right length: lists grown by push keep room to spare.
      claims.slice(),
      model.relationTypes.get(claims[0]!.relation),
      eventDateOf,
      conflicts,
    );
    setConflicts(id, conflicts);
    if (existing) {
      // In place: the graph's edge, the incident lists and any reader hold this very object.
      Object.assign(existing, relation);
      effect.relationsChanged.push(existing);
      continue;
    }
    relations.set(id, relation);
    graph.addDirectedEdgeWithKey(id, ends.subject, ends.object, relation);
    addIncident(ends.subject, relation);
    if (ends.object !== ends.subject) addIncident(ends.object, relation);
    if (event) {
      const set = byEvent.get(event);
      if (set) set.add(id);
      else byEvent.set(event, new Set([id]));
    }
    effect.relationsAdded.push(relation);
  }

  for (const id of change.entitiesRemoved) {
    if (!graph.hasNode(id)) continue;
    if ((incident.get(id)?.length ?? 0) > 0 || (attributeClaims.get(id)?.length ?? 0) > 0)
      throw new Error(`entity ${id} was removed while claims still name it`);
    graph.dropNode(id);
    incident.delete(id);
    attributeClaims.delete(id);
    effect.nodesRemoved.push(id);
    setConflicts(id, []);
  }

  // A denial by "any outsider" can contradict relations it does not touch: while one is in the
  // graph, any touched relation may matter to it.
  if (!negationTouched && touchedRelations.size > 0 && negated.size > 0)
    negationTouched = [...negated].some((id) => {
      const subject = relations.get(id)?.subject;
      const entity = subject === undefined ? undefined : model.entities.get(subject);
      return entity !== undefined && (model.nodeTypes.get(entity.type)?.anyOther ?? false);
    });
  updateConflicts(index, knowledge, effect, negationTouched);
  bumpRevision(knowledge);
  return effect;
}

/**
 * Puts the recomputed conflicts in place of the old ones: value conflicts of every recomputed node
 * and relation, and, when asked, every negation conflict. Then `effect.conflicts` holds all the
 * conflicts now in force for each target whose conflicts changed. Costs what changed, plus the
 * negation conflicts when they are recomputed.
 */
function updateConflicts(
  index: ConflictIndex,
  knowledge: KnowledgeGraph,
  effect: GraphEffect,
  negationTouched: boolean,
): void {
  const affected = new Set(effect.conflicts.keys());
  for (const [target, conflicts] of effect.conflicts) {
    if (conflicts.length > 0) index.values.set(target, conflicts);
    else index.values.delete(target);
  }
  if (negationTouched) {
    for (const conflict of index.negations) affected.add(conflict.target.id);
    index.negations = negationConflicts(knowledge.model, knowledge.relations.values());
    for (const conflict of index.negations) affected.add(conflict.target.id);
  }
  index.list = null;
  const negationsOf = new Map<string, Conflict[]>();
  for (const conflict of index.negations) {
    if (!affected.has(conflict.target.id)) continue;
    const list = negationsOf.get(conflict.target.id);
    if (list) list.push(conflict);
    else negationsOf.set(conflict.target.id, [conflict]);
  }
  effect.conflicts = new Map(
    [...affected].map((target) => [
      target,
      [...(index.values.get(target) ?? []), ...(negationsOf.get(target) ?? [])],
    ]),
  );
}

/** Applies a delta to a graph in place: the model first, then what derives from it. */
export function applyChanges(
  knowledge: KnowledgeGraph,
  delta: ModelDelta,
): { change: ModelChange; effect: GraphEffect } {
  const change = applyToModel(knowledge.model, delta, knowledge.claimsById);
  return { change, effect: updateDerived(knowledge, change) };
}

/** The whole model as one change: what a full build applies. */
export function everything(model: GraphModel): ModelChange {
  return {
    sourcesAdded: [...model.sources.values()],
    entitiesPut: [...model.entities.values()],
    entitiesBefore: [],
    entitiesRemoved: [],
    claimsBefore: [],
    claimsAdded: model.claims,
  };
}
