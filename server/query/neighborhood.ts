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
  return reachNeighborhood(knowledge, ids, depth, keep, maxNodes);
}

/**
 * The traversal behind `neighborhood`, without the API's caps on ids, depth and nodes: exports
 * apply their own limits (server/export/selection.ts). Unknown ids are still refused.
 */
export function reachNeighborhood(
  knowledge: KnowledgeGraph,
  ids: readonly string[],
  depth: number,
  keep: RelationPredicate,
  maxNodes: number,
): Subgraph {
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
      // An array scan that stops at the cap, so a hub's thousands of relations are not all visited.
      for (const relation of knowledge.incident.get(node) ?? []) {
        if (!keep(relation)) continue;
        const other = relation.subject === node ? relation.object : relation.subject;
        if (reached.has(other)) continue;
        if (reached.size >= maxNodes) {
          truncated = true;
          break;
        }
        reached.add(other);
        next.push(other);
      }
      if (truncated) break;
    }
    frontier = next;
  }

  // The relations among the reached nodes: from each node, scan its outgoing relations, or, for a
  // hub with more of them than there are reached nodes, look up the relations to each reached node.
  const relations: Relation[] = [];
  for (const node of reached) {
    if (graph.outDegree(node) <= reached.size) {
      for (const relation of knowledge.incident.get(node) ?? []) {
        if (relation.subject === node && reached.has(relation.object) && keep(relation))
          relations.push(relation);
      }
    } else {
      for (const other of reached) {
        graph.forEachOutEdge(node, other, (_key, relation) => {
          if (keep(relation)) relations.push(relation);
        });
      }
    }
  }
  return { nodes: [...reached], relations, truncated };
}
