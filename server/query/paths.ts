import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import { InvalidArgument, checkRange } from "./invalid-argument.ts";
import type { RelationPredicate } from "./relation-filter.ts";

export const PATH_LIMITS = { maxLength: 6, maxPaths: 20 } as const;

export interface Path {
  nodes: string[];
  relations: Relation[];
}

interface Step {
  node: string;
  relation: Relation;
}

/** One side of a bidirectional breadth-first search: distances from its root, and every shortest step. */
interface Search {
  distance: Map<string, number>;
  /** For each reached node, the steps that reach it from a node one level closer to the root. */
  steps: Map<string, Step[]>;
  frontier: string[];
  depth: number;
}

const newSearch = (root: string): Search => ({
  distance: new Map([[root, 0]]),
  steps: new Map(),
  frontier: [root],
  depth: 0,
});

/** Expands one whole level of a search, following kept relations in either direction. */
function expand(knowledge: KnowledgeGraph, search: Search, keep: RelationPredicate): void {
  const level = search.depth + 1;
  const next: string[] = [];
  for (const node of search.frontier) {
    for (const relation of knowledge.incident.get(node) ?? []) {
      if (!keep(relation)) continue;
      const other = relation.subject === node ? relation.object : relation.subject;
      const known = search.distance.get(other);
      if (known === undefined) {
        search.distance.set(other, level);
        next.push(other);
      } else if (known !== level) {
        continue;
      }
      const list = search.steps.get(other);
      if (list) list.push({ node, relation });
      else search.steps.set(other, [{ node, relation }]);
    }
  }
  search.frontier = next;
  search.depth = level;
}

/** How many relations expanding a search's next level will scan. */
function frontierCost(knowledge: KnowledgeGraph, search: Search): number {
  let cost = 0;
  for (const node of search.frontier) cost += knowledge.incident.get(node)?.length ?? 0;
  return cost;
}

/**
 * Shortest paths from `from` to `to`, following relations in either direction. A bidirectional
 * breadth-first search grows, level by level, whichever side has fewer relations to scan, so a path
 * through a hub costs two small searches instead of one that floods the hub's whole neighbourhood.
 * Each side records every shortest-path step; where the two meet, up to `first` paths are read back,
 * from `from` to the meeting node and on to `to`. Parallel relations between the same pair give
 * distinct paths.
 */
export function shortestPaths(
  knowledge: KnowledgeGraph,
  from: string,
  to: string,
  maxLength: number,
  keep: RelationPredicate,
  first: number,
): Path[] {
  checkRange("maxLength", maxLength, 1, PATH_LIMITS.maxLength);
  checkRange("first", first, 1, PATH_LIMITS.maxPaths);
  const { graph } = knowledge;
  if (!graph.hasNode(from)) throw new InvalidArgument("from", `unknown node "${from}"`);
  if (!graph.hasNode(to)) throw new InvalidArgument("to", `unknown node "${to}"`);
  if (from === to) return [{ nodes: [from], relations: [] }];

  const forward = newSearch(from);
  const backward = newSearch(to);
  let meeting: string[] = [];
  while (
    forward.depth + backward.depth < maxLength &&
    forward.frontier.length > 0 &&
    backward.frontier.length > 0
  ) {
    const side = frontierCost(knowledge, forward) <= frontierCost(knowledge, backward) ? forward : backward;
    const other = side === forward ? backward : forward;
    expand(knowledge, side, keep);
    // The nodes just reached that the other side had reached: the shortest paths run through those
    // of them closest to the other side's root.
    let closest = Infinity;
    for (const node of side.frontier) {
      const distance = other.distance.get(node);
      if (distance === undefined) continue;
      if (distance < closest) {
        closest = distance;
        meeting = [node];
      } else if (distance === closest) meeting.push(node);
    }
    if (meeting.length > 0) break;
  }
  if (meeting.length === 0) return [];

  const paths: Path[] = [];
  // Every way from `from` to `node` along the forward steps, as nodes and relations in order.
  const prefixes = (node: string, visit: (nodes: string[], relations: Relation[]) => boolean): boolean => {
    if (node === from) return visit([from], []);
    for (const step of forward.steps.get(node) ?? []) {
      const stop = prefixes(step.node, (nodes, relations) =>
        visit([...nodes, node], [...relations, step.relation]),
      );
      if (stop) return true;
    }
    return false;
  };
  // Every way from `node` on to `to` along the backward steps.
  const suffixes = (node: string, visit: (nodes: string[], relations: Relation[]) => boolean): boolean => {
    if (node === to) return visit([to], []);
    for (const step of backward.steps.get(node) ?? []) {
      const stop = suffixes(step.node, (nodes, relations) =>
        visit([node, ...nodes], [step.relation, ...relations]),
      );
      if (stop) return true;
    }
    return false;
  };
  for (const node of meeting) {
    const stop = prefixes(node, (headNodes, headRelations) =>
      suffixes(node, (tailNodes, tailRelations) => {
        paths.push({
          nodes: [...headNodes, ...tailNodes.slice(1)],
          relations: [...headRelations, ...tailRelations],
        });
        return paths.length >= first;
      }),
    );
    if (stop) break;
  }
  return paths;
}
