import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import type { Direction } from "./node-relations.ts";
import { nodeRelations } from "./node-relations.ts";
import { pageBounds, pageOf, paginateSorted, type Page } from "./paginate.ts";
import type { RelationPredicate } from "./relation-filter.ts";
import { compareRelations, type RelationSortField, type SortOrder } from "./sort.ts";

export interface RelationOrderLimits {
  /** Nodes with at least this many relations get their sorted orders kept. */
  minDegree: number;
  /** At most this many sorted orders are kept; the least recently used goes first. */
  maxOrders: number;
}

export const DEFAULT_RELATION_ORDER_LIMITS: RelationOrderLimits = { minDegree: 1_000, maxOrders: 64 };

/**
 * Hubs' relations in each sort order asked for, kept between requests, so a page of a hub's
 * 50,000 relations is a walk from the start of a kept order rather than a selection over all of
 * them. An order is dropped when a change touches its node (the graph is updatable).
 */
export class RelationOrders {
  private readonly orders = new Map<string, Relation[]>();

  constructor(readonly limits: RelationOrderLimits = DEFAULT_RELATION_ORDER_LIMITS) {}

  /** The node's relations sorted, or undefined when the node has too few to be worth keeping. */
  sorted(
    knowledge: KnowledgeGraph,
    node: string,
    field: RelationSortField,
    order: SortOrder,
  ): readonly Relation[] | undefined {
    const incident = knowledge.incident.get(node) ?? [];
    if (incident.length < this.limits.minDegree) return undefined;
    const key = `${node}\n${field}\n${order}`;
    let sorted = this.orders.get(key);
    if (sorted)
      this.orders.delete(key); // re-inserted below: Map order is recency
    else sorted = [...incident].sort(compareRelations(field, order));
    this.orders.set(key, sorted);
    while (this.orders.size > this.limits.maxOrders) this.orders.delete(this.orders.keys().next().value!);
    return sorted;
  }

  /** Whether the node's relations are kept in this order. */
  isKept(node: string, field: RelationSortField, order: SortOrder): boolean {
    return this.orders.has(`${node}\n${field}\n${order}`);
  }

  /** Forgets the orders of nodes whose relations changed. */
  invalidate(nodes: Iterable<string>): void {
    const touched = new Set(nodes);
    if (touched.size === 0) return;
    for (const key of [...this.orders.keys()]) {
      if (touched.has(key.slice(0, key.indexOf("\n")))) this.orders.delete(key);
    }
  }
}

/**
 * One page of a node's relations on the given side that pass `keep`, in the given order. For a
 * hub, the page is read off a kept order: the walk tests each relation once (for the total) and
 * keeps only the page's; for other nodes, the relations are selected and sorted per request.
 */
export function nodeRelationsPage(
  knowledge: KnowledgeGraph,
  orders: RelationOrders,
  node: string,
  direction: Direction,
  keep: RelationPredicate | undefined,
  sort: { field: RelationSortField; order: SortOrder },
  first: number | null | undefined,
  after: string | null | undefined,
): Page<Relation> {
  const sorted = orders.sorted(knowledge, node, sort.field, sort.order);
  if (!sorted) {
    const relations = nodeRelations(knowledge, node, direction, keep ?? (() => true));
    return paginateSorted(relations, compareRelations(sort.field, sort.order), first, after);
  }
  const { start, size } = pageBounds(first, after);
  const onSide = (relation: Relation) =>
    direction === "BOTH" || (direction === "OUTGOING" ? relation.subject === node : relation.object === node);
  if (direction === "BOTH" && !keep)
    return pageOf(sorted.slice(start, start + size), start, size, sorted.length);
  const slice: Relation[] = [];
  let total = 0;
  for (const relation of sorted) {
    if (!onSide(relation) || (keep && !keep(relation))) continue;
    if (total >= start && total < start + size) slice.push(relation);
    total++;
  }
  return pageOf(slice, start, size, total);
}
