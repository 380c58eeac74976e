import type { EdgeDisplayData, NodeDisplayData } from "sigma/types";
import type { FilteredView } from "../state/filtered-view.ts";
import type { EdgeAttributes, NodeAttributes } from "./graph-model.ts";
import type { Highlight } from "./highlight.ts";
import type { Theme } from "./theme.ts";

/**
 * The last link before sigma: filters hide, the focus lights a neighbourhood and dims the rest.
 * Reducers run for every item on every refresh, so they only read precomputed sets and mutate the
 * copy sigma hands them (sigma copies attributes before reducing).
 */
export interface ReducerInputs {
  view: () => FilteredView | null;
  highlight: Highlight;
  theme: () => Theme;
  /** Whether the camera is close enough for every edge label. */
  zoomedIn: () => boolean;
}

type NodeData = NodeAttributes & Partial<NodeDisplayData>;
type EdgeData = EdgeAttributes & Partial<EdgeDisplayData>;

export function createNodeReducer({ view, highlight, theme }: ReducerInputs) {
  return (node: string, data: NodeData): Partial<NodeDisplayData> => {
    const visible = view();
    if (visible && !visible.nodes.has(node)) {
      data.hidden = true;
      return data;
    }
    const selected = highlight.selection?.kind === "node" && highlight.selection.id === node;
    if (selected || node === highlight.hoveredNode) {
      data.highlighted = true;
      data.forceLabel = true;
      data.zIndex = 2;
    } else if (highlight.focus !== null) {
      if (node === highlight.focus || highlight.focusNeighbours.has(node)) {
        data.forceLabel = true;
        data.zIndex = 1;
      } else {
        data.color = theme().dimmedNode;
        data.label = "";
        data.zIndex = 0;
      }
    }
    return data;
  };
}

/**
 * `hideDimmed` (large graphs): while a node is focused, the edges it does not touch are hidden rather
 * than dimmed, since with tens of thousands of them the dimmed haze costs most of the frame.
 */
export function createEdgeReducer({ view, highlight, theme, zoomedIn }: ReducerInputs, hideDimmed = false) {
  return (edge: string, data: EdgeData): Partial<EdgeDisplayData> => {
    const visible = view();
    if (visible && !visible.relations.has(edge)) {
      data.hidden = true;
      return data;
    }
    const selected = highlight.selection?.kind === "relation" && highlight.selection.id === edge;
    const lit = selected || edge === highlight.hoveredEdge || highlight.focusEdges.has(edge);
    if (lit) {
      data.label = data.typeLabel;
      data.forceLabel = true;
      data.size = (data.size ?? 1) + (selected ? 2 : 1);
      data.zIndex = 1;
    } else if (highlight.focus !== null) {
      if (hideDimmed) data.hidden = true;
      data.color = theme().dimmedEdge;
      data.label = null;
    } else {
      // Sigma shows an edge label only when both end labels show: zoomed in, that is the neighbourhood.
      data.label = zoomedIn() ? data.typeLabel : null;
    }
    return data;
  };
}
