import type { Selection } from "../state/navigation.ts";
import type { ViewerGraph } from "./graph-model.ts";

/**
 * What the pointer and the selection single out. The focused node's neighbours and edges, and the
 * few neighbours whose labels show, are computed once per change, so the reducers that run for
 * every item on every refresh are set lookups.
 */
export class Highlight {
  hoveredNode: string | null = null;
  hoveredEdge: string | null = null;
  selection: Selection = null;
  /** The node whose neighbourhood is lit: the hovered one, else the selected one. */
  focus: string | null = null;
  focusNeighbours: ReadonlySet<string> = new Set();
  focusEdges: ReadonlySet<string> = new Set();
  /** The focus's best-connected visible neighbours: only their labels show, so a hub does not flood. */
  labelledNeighbours: ReadonlySet<string> = new Set();

  constructor(
    private readonly graph: ViewerGraph,
    private readonly maxNeighbourLabels: () => number,
    private readonly isVisible: (node: string) => boolean,
  ) {}

  /** The selected relation, when the selection is one that the graph holds. */
  get selectedRelation(): string | null {
    return this.selection?.kind === "relation" && this.graph.hasEdge(this.selection.id)
      ? this.selection.id
      : null;
  }

  /** The two ends of a relation of the graph. */
  relationEnds(edge: string): string[] {
    return this.graph.hasEdge(edge) ? this.graph.extremities(edge) : [];
  }

  /** The end of a focus edge that is not the focus. */
  otherEnd(edge: string): string | null {
    if (!this.focus || !this.graph.hasEdge(edge)) return null;
    return this.graph.opposite(this.focus, edge);
  }

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

  /** Edges may have arrived, or the view changed, since the focus was computed: recompute its sets. */
  refocus(focus: string | null = this.focus): void {
    this.focus = focus && this.graph.hasNode(focus) ? focus : null;
    this.focusNeighbours = new Set(this.focus ? this.graph.neighbors(this.focus) : []);
    this.focusEdges = new Set(this.focus ? this.graph.edges(this.focus) : []);
    const ranked = [...this.focusNeighbours]
      .filter(this.isVisible)
      .sort((a, b) => this.graph.getNodeAttribute(b, "size") - this.graph.getNodeAttribute(a, "size"));
    this.labelledNeighbours = new Set(ranked.slice(0, this.maxNeighbourLabels()));
  }
}
