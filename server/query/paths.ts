import type { KnowledgeGraph, Relation } from "../graph/types.ts";
import { InvalidArgument, checkRange } from "./invalid-argument.ts";
import type { RelationPredicate } from "./relation-filter.ts";

export const PATH_LIMITS = { maxLength: 6, maxPaths: 20 } as const;

export interface Path {
  nodes: string[];
  relations: Relation[];
}

/**
 * Shortest paths from `from` to `to`, following relations in either direction. A breadth-first
 * search records every shortest-path predecessor of each node, then up to `first` paths are read
 * back from `to`. Parallel relations between the same pair give distinct paths.
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

  const distance = new Map<string, number>([[from, 0]]);
  const predecessors = new Map<string, { node: string; relation: Relation }[]>();
  let frontier = [from];
  for (let step = 1; step <= maxLength && frontier.length > 0 && !distance.has(to); step++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachEdge(node, (_key, relation, source, target) => {
        if (!keep(relation)) return;
        const other = source === node ? target : source;
        const known = distance.get(other);
        if (known === undefined) {
          distance.set(other, step);
          next.push(other);
        } else if (known !== step) {
          return;
        }
        const list = predecessors.get(other);
        if (list) list.push({ node, relation });
        else predecessors.set(other, [{ node, relation }]);
      });
    }
    frontier = next;
  }
  if (!distance.has(to)) return [];

  const paths: Path[] = [];
  const walk = (node: string, nodes: string[], relations: Relation[]) => {
    if (paths.length >= first) return;
    if (node === from) {
      paths.push({ nodes: [from, ...nodes], relations: [...relations] });
      return;
    }
    for (const step of predecessors.get(node) ?? []) {
      walk(step.node, [node, ...nodes], [step.relation, ...relations]);
      if (paths.length >= first) return;
    }
  };
  walk(to, [], []);
  return paths;
}
