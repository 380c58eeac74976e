import { relationOfClaim } from "../graph/build.ts";
import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import type { Claim, RelationClaim } from "../model/types.ts";
import { DatedList } from "./dated-list.ts";

/**
 * Per-key lists of relations, so a filter on relation type, family or source touches only the
 * relations under its keys instead of every relation. Relations by their ends need no list of
 * their own: `KnowledgeGraph.incident` already holds each node's relations.
 *
 * - by type: each relation once, under its type (a family is the union of its types' lists),
 *   sorted by date (dated-list.ts), so "these types, dated from D on" reads only what it returns;
 * - by source: the relation claims of each source (a relation is under every source one of its
 *   claims cites; the claim leads to it by id). Kept by claim so that it stays right when a
 *   relation's claims change in place: only added and removed claims move entries.
 *
 * The graph is updatable: addRelation/removeRelation follow relations as they appear and disappear
 * (a relation's type never changes: it is part of its id), moveRelation follows one whose date
 * changed in place, and addClaim/removeClaim follow claims.
 */
export class RelationIndex {
  private readonly byType = new Map<string, DatedList>();
  private readonly claimsBySource = new Map<string, RelationClaim[]>();

  constructor(private readonly knowledge: KnowledgeGraph) {
    const byType = new Map<string, Relation[]>();
    for (const relation of knowledge.relations.values()) push(byType, relation.type, relation);
    for (const [type, list] of byType) this.byType.set(type, DatedList.of(list));
    for (const claim of knowledge.model.claims) this.addClaim(claim);
    // Lists grown by push keep up to half their length spare: built in bulk, they are copied tight.
    for (const [source, list] of this.claimsBySource) this.claimsBySource.set(source, list.slice());
  }

  addRelation(relation: Relation): void {
    let list = this.byType.get(relation.type);
    if (!list) this.byType.set(relation.type, (list = new DatedList()));
    list.add(relation);
  }

  removeRelation(relation: Relation): void {
    const list = this.byType.get(relation.type);
    if (list?.remove(relation) && list.size === 0) this.byType.delete(relation.type);
  }

  /** Puts a relation whose date changed in place where its new date sorts. */
  moveRelation(relation: Relation): void {
    if (this.byType.get(relation.type)?.remove(relation)) this.addRelation(relation);
  }

  addClaim(claim: Claim): void {
    if (claim.form === "relation") push(this.claimsBySource, claim.source, claim);
  }

  removeClaim(claim: Claim): void {
    if (claim.form === "relation") drop(this.claimsBySource, claim.source, claim);
  }

  /** Relations of one type, by date. */
  ofType(type: string): DatedList {
    return this.byType.get(type) ?? EMPTY;
  }

  /** How many relation claims cite the source: an upper bound on its relations. */
  claimCount(source: string): number {
    return this.claimsBySource.get(source)?.length ?? 0;
  }

  /** Each relation that a claim of the source belongs to, once per claim (duplicates possible). */
  relationsOfSource(source: string): Relation[] {
    const { relations, model } = this.knowledge;
    const found: Relation[] = [];
    for (const claim of this.claimsBySource.get(source) ?? []) {
      const relation = relations.get(relationOfClaim(claim, model.relationTypes).id);
      if (relation) found.push(relation);
    }
    return found;
  }

  /** The lists as sorted ids, to compare an index kept up to date with one built afresh. */
  contents(): { byType: Record<string, string[]>; claimsBySource: Record<string, string[]> } {
    const ids = <T extends { id: string }>(map: Map<string, T[]>) =>
      Object.fromEntries(
        [...map]
          .filter(([, list]) => list.length > 0)
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([key, list]) => [key, list.map((item) => item.id).sort()]),
      );
    const byType = new Map([...this.byType].map(([type, list]) => [type, [...list.all()]]));
    return { byType: ids(byType), claimsBySource: ids(this.claimsBySource) };
  }
}

const EMPTY = new DatedList();

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Removes one item; the last is moved into its place, since the lists have no order to keep. */
function drop<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (!list) return;
  const index = list.lastIndexOf(item);
  if (index < 0) return;
  list[index] = list[list.length - 1]!;
  list.pop();
  if (list.length === 0) map.delete(key);
}
