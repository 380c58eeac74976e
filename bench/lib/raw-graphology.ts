/**
 * The floor: the scale section's queries written straight against graphology, with no GraphQL, no
 * argument checks and no filters beyond what each query needs. GraphQL's cost is measured against it.
 */
import type { PeaceMultiGraph, Relation } from "../../server/graph/types.ts";

/** Nodes reached breadth-first (at most `maxNodes`) and the relations among them. */
export function rawNeighborhood(
  graph: PeaceMultiGraph,
  start: string,
  depth: number,
  maxNodes: number,
): { nodes: string[]; relations: string[] } {
  const reached = new Set([start]);
  let frontier = [start];
  for (let step = 0; step < depth && reached.size < maxNodes; step++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.someNeighbor(node, (neighbor) => {
        if (reached.size >= maxNodes) return true;
        if (!reached.has(neighbor)) {
          reached.add(neighbor);
          next.push(neighbor);
        }
        return false;
      });
      if (reached.size >= maxNodes) break;
    }
    frontier = next;
  }
  const relations: string[] = [];
  for (const node of reached) {
    if (graph.outDegree(node) <= reached.size) {
      graph.forEachOutEdge(node, (key, _attributes, _source, target) => {
        if (reached.has(target)) relations.push(key);
      });
    } else {
      for (const other of reached) graph.forEachOutEdge(node, other, (key) => void relations.push(key));
    }
  }
  return { nodes: [...reached], relations };
}

interface Side {
  distance: Map<string, number>;
  predecessors: Map<string, string[]>;
  frontier: string[];
  depth: number;
}

/** Up to `first` shortest paths (as node ids), following relations in either direction: bidirectional BFS. */
export function rawShortestPaths(
  graph: PeaceMultiGraph,
  from: string,
  to: string,
  maxLength: number,
  first: number,
): string[][] {
  const side = (root: string): Side => ({
    distance: new Map([[root, 0]]),
    predecessors: new Map(),
    frontier: [root],
    depth: 0,
  });
  const forward = side(from);
  const backward = side(to);
  const cost = (s: Side) => s.frontier.reduce((sum, node) => sum + graph.degree(node), 0);
  let meeting: string[] = [];
  while (
    forward.depth + backward.depth < maxLength &&
    forward.frontier.length > 0 &&
    backward.frontier.length > 0
  ) {
    const grow = cost(forward) <= cost(backward) ? forward : backward;
    const other = grow === forward ? backward : forward;
    const level = grow.depth + 1;
    const next: string[] = [];
    for (const node of grow.frontier) {
      graph.forEachNeighbor(node, (neighbor) => {
        const known = grow.distance.get(neighbor);
        if (known === undefined) {
          grow.distance.set(neighbor, level);
          next.push(neighbor);
        } else if (known !== level) return;
        const list = grow.predecessors.get(neighbor);
        if (list) list.push(node);
        else grow.predecessors.set(neighbor, [node]);
      });
    }
    grow.frontier = next;
    grow.depth = level;
    let closest = Infinity;
    for (const node of next) {
      const distance = other.distance.get(node);
      if (distance === undefined) continue;
      if (distance < closest) [closest, meeting] = [distance, [node]];
      else if (distance === closest) meeting.push(node);
    }
    if (meeting.length > 0) break;
  }
  const paths: string[][] = [];
  const heads = (node: string): string[][] =>
    node === from
      ? [[from]]
      : (forward.predecessors.get(node) ?? []).flatMap((p) => heads(p).map((h) => [...h, node]));
  const tails = (node: string): string[][] =>
    node === to
      ? [[to]]
      : (backward.predecessors.get(node) ?? []).flatMap((p) => tails(p).map((t) => [node, ...t]));
  for (const node of meeting) {
    for (const head of heads(node)) {
      for (const tail of tails(node)) {
        if (paths.length >= first) return paths;
        paths.push([...head, ...tail.slice(1)]);
      }
    }
  }
  return paths;
}

/** A node's first relations by date (a top-k insertion, no full sort), and how many there are. */
export function rawNodeRelations(
  graph: PeaceMultiGraph,
  id: string,
  first: number,
): { total: number; page: Relation[] } {
  const key = (relation: Relation) => `${relation.date?.start ?? "9999"} ${relation.id}`;
  const page: { key: string; relation: Relation }[] = [];
  let total = 0;
  graph.forEachEdge(id, (_edge, relation) => {
    total++;
    const entry = { key: key(relation), relation };
    if (page.length === first && entry.key >= page[first - 1]!.key) return;
    let at = page.length;
    while (at > 0 && page[at - 1]!.key > entry.key) at--;
    page.splice(at, 0, entry);
    if (page.length > first) page.pop();
  });
  return { total, page: page.map((entry) => entry.relation) };
}

/** Relations passing a filter, sorted by id, one page of them, and how many there are. */
export function rawFilteredRelations(
  graph: PeaceMultiGraph,
  keep: (relation: Relation) => boolean,
  first: number,
): { total: number; page: string[] } {
  const ids: string[] = [];
  graph.forEachEdge((key, relation) => {
    if (keep(relation)) ids.push(key);
  });
  ids.sort();
  return { total: ids.length, page: ids.slice(0, first) };
}
