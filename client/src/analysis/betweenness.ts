/**
 * Betweenness centrality (Brandes), undirected and unweighted, over nodes 0…n-1. Exact up to
 * `exactUpTo` nodes; above that, from `exactUpTo` evenly spread source nodes, scaled up by n/k
 * (the usual sampling estimate), so ten thousand nodes take seconds rather than minutes.
 */
export function betweenness(
  nodeCount: number,
  edges: Uint32Array,
  exactUpTo: number,
): { values: Float64Array; note: string | null } {
  // Adjacency in compressed rows, parallel edges and loops dropped.
  const seen = new Set<number>();
  const pairs: number[] = [];
  for (let e = 0; e < edges.length; e += 2) {
    const a = edges[e]!;
    const b = edges[e + 1]!;
    if (a === b) continue;
    const key = Math.min(a, b) * nodeCount + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    pairs.push(a, b);
  }
  const degree = new Uint32Array(nodeCount);
  for (const node of pairs) degree[node]!++;
  const offsets = new Uint32Array(nodeCount + 1);
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const neighbours = new Uint32Array(pairs.length);
  const fill = offsets.slice(0, nodeCount);
  for (let p = 0; p < pairs.length; p += 2) {
    neighbours[fill[pairs[p]!]!++] = pairs[p + 1]!;
    neighbours[fill[pairs[p + 1]!]!++] = pairs[p]!;
  }

  const sampled = nodeCount > exactUpTo;
  const sourceCount = sampled ? exactUpTo : nodeCount;
  const step = nodeCount / sourceCount;
  const centrality = new Float64Array(nodeCount);
  const sigma = new Float64Array(nodeCount);
  const distance = new Int32Array(nodeCount);
  const delta = new Float64Array(nodeCount);
  const order = new Uint32Array(nodeCount);
  const queue = new Uint32Array(nodeCount);
  for (let s = 0; s < sourceCount; s++) {
    const source = Math.floor(s * step);
    sigma.fill(0);
    distance.fill(-1);
    delta.fill(0);
    sigma[source] = 1;
    distance[source] = 0;
    let head = 0;
    let tail = 0;
    let visited = 0;
    queue[tail++] = source;
    while (head < tail) {
      const v = queue[head++]!;
      order[visited++] = v;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = neighbours[k]!;
        if (distance[w]! < 0) {
          distance[w] = distance[v]! + 1;
          queue[tail++] = w;
        }
        if (distance[w] === distance[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    for (let i = visited - 1; i > 0; i--) {
      const w = order[i]!;
      for (let k = offsets[w]!; k < offsets[w + 1]!; k++) {
        const v = neighbours[k]!;
        if (distance[v] === distance[w]! - 1) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      }
      centrality[w]! += delta[w]!;
    }
  }
  // Each undirected path was counted from both ends; a sample counts 1/step of the sources.
  const scale = (sampled ? step : 1) / 2;
  for (let i = 0; i < nodeCount; i++) centrality[i]! *= scale;
  return {
    values: centrality,
    note: sampled ? `estimated from ${sourceCount} of ${nodeCount} nodes` : null,
  };
}
