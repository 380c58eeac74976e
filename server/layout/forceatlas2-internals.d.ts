/** The two internal modules of graphology-layout-forceatlas2 that the layout drives directly. */
declare module "graphology-layout-forceatlas2/iterate.js" {
  /** One ForceAtlas2 iteration over flat matrices: 10 floats per node, 3 per edge. */
  export default function iterate(
    settings: Record<string, unknown>,
    nodes: Float32Array,
    edges: Float32Array,
  ): void;
}

declare module "graphology-layout-forceatlas2/defaults.js" {
  const defaults: Record<string, unknown>;
  export default defaults;
}
