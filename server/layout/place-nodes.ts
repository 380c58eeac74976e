import type Graph from "graphology";
import type { Position } from "./layout.ts";

/**
 * Positions for nodes that arrive while the server runs. Re-running ForceAtlas2 would move every
 * node an analyst has learnt to find; instead a new node goes near its neighbours (their centroid,
 * nudged by a small offset derived from its id, so the same graph gives the same place) and
 * everything else stays put. A restart lays the whole graph out afresh.
 */

/** A number in [0, 1) from a string (FNV-1a), for offsets that do not depend on Math.random. */
function unitHash(text: string, salt: number): number {
  let hash = 0x811c9dc5 ^ salt;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0) / 4294967296;
}

/** Places each node of `ids` that has no position yet; returns how many it placed. */
export function placeNodes(graph: Graph, positions: Map<string, Position>, ids: Iterable<string>): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let bounded = false;
  const bounds = () => {
    if (bounded) return;
    bounded = true;
    for (const { x, y } of positions.values()) {
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
    if (!Number.isFinite(minX)) [minX, maxX, minY, maxY] = [0, 100, 0, 100];
  };
  let placed = 0;
  // Nodes placed in this call count as neighbours for those after them, so a new cluster stays together.
  for (const id of ids) {
    if (positions.has(id) || !graph.hasNode(id)) continue;
    let sumX = 0;
    let sumY = 0;
    let known = 0;
    graph.forEachNeighbor(id, (neighbour) => {
      const position = positions.get(neighbour);
      if (!position) return;
      sumX += position.x;
      sumY += position.y;
      known++;
    });
    const angle = unitHash(id, 1) * 2 * Math.PI;
    let position: Position;
    if (known > 0) {
      const radius = 1 + unitHash(id, 2) * 2;
      position = { x: sumX / known + radius * Math.cos(angle), y: sumY / known + radius * Math.sin(angle) };
    } else {
      bounds();
      position = { x: minX + unitHash(id, 3) * (maxX - minX), y: minY + unitHash(id, 4) * (maxY - minY) };
    }
    positions.set(id, { x: Math.round(position.x * 1000) / 1000, y: Math.round(position.y * 1000) / 1000 });
    placed++;
  }
  return placed;
}
