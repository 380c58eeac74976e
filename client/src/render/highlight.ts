import type { Selection } from "../state/navigation.ts";
import type { ViewerGraph } from "./graph-model.ts";

/**
 * What the pointer and the selection single out. The focused node's neighbours and edges are
 * computed once per change, so the reducers that run for every item on every refresh are set lookups.
 */
export class Highlight {
  hoveredNode: string | null = null;
  hoveredEdge: string | null = null;
  selection: Selection = null;
  /** The node whose neighbourhood is lit: the hovered one, else the selected one. */
  focus: string | null = null;
  focusNeighbours: ReadonlySet<string> = new Set();
  focusEdges: ReadonlySet<string> = new Set();

  constructor(private readonly graph: ViewerGraph) {}

  /** Recomputes the focus; returns whether anything a reducer reads changed. */
  update(change: Partial<Pick<Highlight, "hoveredNode" | "hoveredEdge" | "selection">>): boolean {
    const before = [this.hoveredNode, this.hoveredEdge, this.selection];
    Object.assign(this, change);
    const selectedNode = this.selection?.kind === "node" ? this.selection.id : null;
    const focus = this.hoveredNode ?? selectedNode;
    const focusChanged = focus !== this.focus;
    if (focusChanged) this.refocus(focus);
    const after = [this.hoveredNode, this.hoveredEdge, this.selection];
    return focusChanged || before.some((value, i) => value !== after[i]);
  }

  /** Edges may have arrived since the focus was computed (while loading): recompute its sets. */
  refocus(focus: string | null = this.focus): void {
    this.focus = focus && this.graph.hasNode(focus) ? focus : null;
    this.focusNeighbours = new Set(this.focus ? this.graph.neighbors(this.focus) : []);
    this.focusEdges = new Set(this.focus ? this.graph.edges(this.focus) : []);
  }
}
