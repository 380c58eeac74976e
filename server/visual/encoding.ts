import type { NodeKind, RelationFamily } from "../model/types.ts";

/**
 * How the graph looks, decided once on the server so the viewer and every export (GEXF viz,
 * GraphML) agree. Colours are by node kind, shaded by type; edges by relation family.
 */

/** Base hue per kind, and a palette of shades that the types of that kind cycle through. */
const KIND_SHADES: Record<NodeKind, readonly string[]> = {
  actor: [
    "#2f6db5",
    "#4a8fd9",
    "#1f4e87",
    "#6aa7e8",
    "#3b7bc4",
    "#15396a",
    "#88b9ee",
    "#5579a6",
    "#2c5d94",
    "#9cc4f0",
    "#416a9e",
    "#1a4677",
    "#7298c8",
  ],
  event: [
    "#d9822b",
    "#e89f4f",
    "#b8661a",
    "#f0b470",
    "#c97624",
    "#9e5410",
    "#f5c88f",
    "#a8703c",
    "#d28b45",
    "#e0a561",
    "#8f4a0c",
    "#f2bd7e",
    "#bf7a36",
    "#e39640",
    "#a35a14",
    "#f7d3a3",
    "#cc8238",
    "#b06820",
    "#eaa95c",
    "#934f11",
  ],
  place: ["#3a9d5d", "#5cbf7c", "#267a43", "#7fd09a", "#2f8a50"],
};

export const EDGE_COLORS: Record<RelationFamily, string> = {
  cooperation: "#3a9d5d",
  conflict: "#c9423a",
  neutral: "#8a8f98",
  structural: "#b7bcc4",
};

export const KIND_COLORS: Record<NodeKind, string> = {
  actor: KIND_SHADES.actor[0]!,
  event: KIND_SHADES.event[0]!,
  place: KIND_SHADES.place[0]!,
};

/** A colour for each node type: the kind's hue, a distinct shade per type, stable across runs. */
export function typeColors(types: Iterable<{ id: string; kind: NodeKind }>): Map<string, string> {
  const colors = new Map<string, string>();
  const used: Record<NodeKind, number> = { actor: 0, event: 0, place: 0 };
  for (const type of types) {
    const shades = KIND_SHADES[type.kind];
    colors.set(type.id, shades[used[type.kind]++ % shades.length]!);
  }
  return colors;
}

/** Node size from degree: grows with the square root, so hubs stand out without swamping the view. */
export function nodeSize(degree: number): number {
  return Math.round((3 + 2.2 * Math.sqrt(degree)) * 100) / 100;
}
