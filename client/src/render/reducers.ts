import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import type { FilteredView } from "../state/filtered-view.ts";
import type { EdgeAttributes, NodeAttributes } from "./graph-model.ts";
import type { Highlight } from "./highlight.ts";
import type { Theme } from "./theme.ts";

/**
 * The last link before sigma: filters hide, the focus lights a neighbourhood and dims the rest.
 * Lit nodes are marked `highlighted`, which sigma draws on its upper layer: lit always above dimmed,
 * whatever the graph's size. Reducers run for every item on every refresh, so they only read
 * precomputed sets and mutate the copy sigma hands them (sigma copies attributes before reducing).
 */
export interface ReducerInputs {
  view: () => FilteredView | null;
  highlight: Highlight;
  theme: () => Theme;
  /** Whether the camera is close enough for every edge label. */
  zoomedIn: () => boolean;
  /** Items of the path view, drawn lit over the rest. */
  path: () => { nodes: ReadonlySet<string>; relations: ReadonlySet<string> } | null;
  /**
   * Large graphs: the rest is dimmed by fading sigma's node and edge layers (CSS, no repaint), and the
   * focus is drawn above them (sigma's highlighted layer, the overlay's edges), so a hover repaints its
   * neighbourhood only, not tens of thousands of items.
   */
  dimByLayer: boolean;
}

/** Extra display fields our label and hover drawers read. */
export interface LabelFlags {
  /** Draw the boxed hover label (the hovered or selected node). */
  hoverBox?: boolean;
}

type NodeData = NodeAttributes & Partial<NodeDisplayData> & LabelFlags;
type EdgeData = EdgeAttributes & Partial<EdgeDisplayData>;

export function createNodeReducer({ view, highlight, theme, path, dimByLayer }: ReducerInputs) {
  const dim = (data: NodeData) => {
    if (dimByLayer) return;
    data.color = theme().dimmedNode;
    data.label = "";
    data.zIndex = 0;
  };
  return (node: string, data: NodeData): Partial<NodeDisplayData> => {
    const visible = view();
    if (visible && !visible.nodes.has(node)) {
      data.hidden = true;
      return data;
    }
    const selected = highlight.selection?.kind === "node" && highlight.selection.id === node;
    const relation = highlight.selectedRelation;
    const pathItems = path();
    if (node === highlight.hoveredNode || (selected && highlight.hoveredNode === null)) {
      data.highlighted = true;
      data.forceLabel = true;
      data.hoverBox = true;
      data.zIndex = 2;
    } else if (highlight.hoveredNode !== null || (highlight.focus !== null && !relation && !pathItems)) {
      if (highlight.focusNeighbours.has(node) || selected) {
        data.highlighted = true;
        // Only the best-connected neighbours are labelled: a hub's forty labels would be a blur.
        data.forceLabel = highlight.labelledNeighbours.has(node) || selected;
        if (!data.forceLabel) data.label = "";
        data.zIndex = 1;
      } else dim(data);
    } else if (relation) {
      if (highlight.relationEnds(relation).includes(node)) {
        data.highlighted = true;
        data.forceLabel = true;
        data.zIndex = 2;
      } else dim(data);
    } else if (pathItems) {
      if (pathItems.nodes.has(node)) {
        data.highlighted = true;
        data.forceLabel = true;
        data.zIndex = 2;
      } else dim(data);
    }
    return data;
  };
}

/** Edges: the focus's lit and labelled, the rest dimmed (or, large, left to the faded layer). */
export function createEdgeReducer({ view, highlight, theme, zoomedIn, path, dimByLayer }: ReducerInputs) {
  const dim = (data: EdgeData) => {
    if (dimByLayer) return;
    data.color = theme().dimmedEdge;
    data.label = null;
  };
  return (edge: string, data: EdgeData): Partial<EdgeDisplayData> => {
    const visible = view();
    if (visible && !visible.relations.has(edge)) {
      data.hidden = true;
      return data;
    }
    const relation = highlight.selectedRelation;
    const pathItems = path();
    // Large graphs draw the lit edges on the overlay; the reducer leaves every edge as it is.
    if (dimByLayer && !pathItems) {
      data.label = null;
      return data;
    }
    if (edge === relation) {
      // The selected relation stands out: twice as thick and more, on top, labelled.
      data.size = (data.size ?? 1) * 2 + 3;
      data.label = data.typeLabel;
      data.forceLabel = true;
      data.zIndex = 2;
    } else if (edge === highlight.hoveredEdge) {
      data.size = (data.size ?? 1) + 2;
      data.label = data.typeLabel;
      data.forceLabel = true;
      data.zIndex = 2;
    } else if (highlight.hoveredNode !== null || (highlight.focus !== null && !relation && !pathItems)) {
      if (highlight.focusEdges.has(edge)) {
        data.size = (data.size ?? 1) + 1;
        data.zIndex = 1;
        // A passing pointer labels no edges (they crowd round a hub); a selected node labels those to
        // its labelled neighbours only, so a hub's forty relations stay readable.
        const other = highlight.otherEnd(edge);
        data.label =
          highlight.hoveredNode === null && other !== null && highlight.labelledNeighbours.has(other)
            ? data.typeLabel
            : null;
        data.forceLabel = data.label !== null;
      } else dim(data);
    } else if (relation) {
      dim(data);
    } else if (pathItems) {
      if (pathItems.relations.has(edge)) {
        data.size = (data.size ?? 1) + 2;
        data.label = data.typeLabel;
        data.forceLabel = true;
        data.zIndex = 1;
      } else dim(data);
    } else {
      // Sigma shows an edge label only when both end labels show: zoomed in, that is the neighbourhood.
      data.label = zoomedIn() ? data.typeLabel : null;
    }
    return data;
  };
}
