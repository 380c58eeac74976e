import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import { InvalidArgument, checkRange } from "./invalid-argument.ts";
import type { RelationPredicate } from "./relation-filter.ts";

export const NEIGHBORHOOD_LIMITS = { maxIds: 20, maxDepth: 3, maxNodes: 500 } as const;

export interface Subgraph {
  nodes: string[];
  relations: Relation[];
  truncated: boolean;
}

/**
 * Breadth-first from the start nodes, following relations that pass `keep` in either direction.
 * Stops adding nodes at `maxNodes`; returns every kept relation among the nodes it reached.
 */
export function neighborhood(
  knowledge: KnowledgeGraph,
  ids: readonly string[],
  depth: number,
  keep: RelationPredicate,
  maxNodes: number,
): Subgraph {
  checkRange("ids (count)", ids.length, 1, NEIGHBORHOOD_LIMITS.maxIds);
  checkRange("depth", depth, 0, NEIGHBORHOOD_LIMITS.maxDepth);
  checkRange("maxNodes", maxNodes, 1, NEIGHBORHOOD_LIMITS.maxNodes);
  const { graph } = knowledge;
  for (const id of ids) if (!graph.hasNode(id)) throw new InvalidArgument("ids", `unknown node "${id}"`);

  const reached = new Set<string>();
  let truncated = false;
  let frontier: string[] = [];
  for (const id of ids) {
    if (reached.size >= maxNodes) {
      truncated = true;
      break;
    }
    if (!reached.has(id)) {
      reached.add(id);
      frontier.push(id);
    }
  }
  for (let step = 0; step < depth && frontier.length > 0 && !truncated; step++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachEdge(node, (_key, relation, source, target) => {
        if (truncated || !keep(relation)) return;
        const other = source === node ? target : source;
        if (reached.has(other)) return;
        if (reached.size >= maxNodes) {
          truncated = true;
          return;
        }
        reached.add(other);
        next.push(other);
      });
      if (truncated) break;
    }
    frontier = next;
  }

  const relations: Relation[] = [];
  for (const node of reached) {
    graph.forEachOutEdge(node, (_key, relation, _source, target) => {
      if (reached.has(target) && keep(relation)) relations.push(relation);
    });
  }
  return { nodes: [...reached], relations, truncated };
}
