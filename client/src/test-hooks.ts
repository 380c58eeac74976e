import type { GraphQLClient } from "./api/graphql-client.ts";
import type { Dataset } from "./data/dataset.ts";
import type { GraphView } from "./render/graph-view.ts";
import { drawingMode } from "./render/renderer.ts";
import type { FilteredView } from "./state/filtered-view.ts";
import type { NavigationState } from "./state/navigation.ts";
import type { Store } from "./state/store.ts";

/**
 * A few read-only facts for the browser tests and the bench, so they assert on counts and on what
 * sigma computed rather than on pixels. Nothing here changes the viewer.
 */
export interface PeacegraphHooks {
  /** All relations are loaded, the view is computed, and a focus from the URL has arrived. */
  ready(): boolean;
  snapshot(): {
    nodes: number;
    relations: number;
    visibleNodes: number;
    visibleRelations: number;
    visibleRelationsByType: Record<string, number>;
    selection: NavigationState["selection"];
    focus: NavigationState["focus"];
    appearance: NavigationState["appearance"];
    camera: { x: number; y: number; ratio: number } | null;
    /** Whether the camera is in an animated move (a fit or a fly-to). */
    cameraMoving: boolean;
    maxCost: number;
    costBudget: number | null;
    /** Dispute badges and modality marks drawn in the last frame. */
    badges: number;
    /** Focus edges the overlay drew over faded layers (large graphs). */
    litEdges: number;
    /** Node labels drawn and skipped by the collision check in the last frame. */
    labelsDrawn: number;
    labelsSkipped: number;
    timelinePlaying: boolean;
    /** The export view code, once encoded. */
    viewCode: string | null;
    /** How many times the graph was read again and redrawn after a change on the server. */
    liveRefreshes: number;
  };
  /** Where a node is drawn, in page pixels (for pointer tests). */
  nodePosition(id: string): { x: number; y: number } | null;
  /** How sigma draws an item now: its reduced colour, size, and whether it is hidden or lit. */
  nodeDisplay(
    id: string,
  ): { color: string; size: number; hidden: boolean; highlighted: boolean; label: string | null } | null;
  edgeDisplay(id: string): { color: string; size: number; hidden: boolean; label: string | null } | null;
  /** Whether a node lies inside the visible canvas. */
  inViewport(id: string): boolean;
  /** Sigma settings that the drawing mode above 5,000 relations changes. */
  renderMode(): {
    hideEdgesOnMove: boolean;
    hideLabelsOnMove: boolean;
    nodes: "points" | "discs";
    edges: "lines" | "arrows";
  };
  /** A node's size and colour attributes (the appearance), before reducers. */
  nodeLook(id: string): { size: number; color: string } | null;
  /** The boxes of the node labels drawn in the last frame: x1, y1, x2, y2. */
  labelBoxes(): [number, number, number, number][];
}

declare global {
  interface Window {
    __peacegraph?: PeacegraphHooks;
  }
}

export function installTestHooks(sources: {
  client: GraphQLClient;
  graphView: GraphView;
  navigation: Store<NavigationState>;
  view: () => FilteredView | null;
  dataset: () => Dataset | null;
  ready: () => boolean;
  timelinePlaying: () => boolean;
  viewCode: () => string | null;
  liveRefreshes: () => number;
}): void {
  const { graphView } = sources;
  const graph = graphView.graph;
  window.__peacegraph = {
    ready: sources.ready,
    snapshot() {
      const view = sources.view();
      const camera = graphView.sigma?.getCamera().getState();
      const state = sources.navigation.get();
      return {
        nodes: graph.order,
        relations: graph.size,
        visibleNodes: view?.nodes.size ?? graph.order,
        visibleRelations: view?.relations.size ?? graph.size,
        visibleRelationsByType: Object.fromEntries(view?.relationsByType ?? []),
        selection: state.selection,
        focus: state.focus,
        appearance: state.appearance,
        camera: camera ? { x: camera.x, y: camera.y, ratio: camera.ratio } : null,
        cameraMoving: graphView.sigma?.getCamera().isAnimated() ?? false,
        maxCost: sources.client.maxCostSeen,
        costBudget: sources.client.budgetSeen,
        badges: graphView.overlay?.drawnBadges ?? 0,
        litEdges: graphView.overlay?.drawnLitEdges ?? 0,
        labelsDrawn: graphView.placer.drawn,
        labelsSkipped: graphView.placer.skipped,
        timelinePlaying: sources.timelinePlaying(),
        viewCode: sources.viewCode(),
        liveRefreshes: sources.liveRefreshes(),
      };
    },
    nodePosition: (id) => graphView.nodePosition(id),
    nodeDisplay(id) {
      const data = graphView.sigma?.getNodeDisplayData(id);
      return data
        ? {
            color: data.color,
            size: data.size,
            hidden: data.hidden,
            highlighted: data.highlighted,
            label: data.label,
          }
        : null;
    },
    edgeDisplay(id) {
      const data = graphView.sigma?.getEdgeDisplayData(id);
      return data ? { color: data.color, size: data.size, hidden: data.hidden, label: data.label } : null;
    },
    inViewport(id) {
      const sigma = graphView.sigma;
      if (!sigma || !graph.hasNode(id)) return false;
      const point = sigma.graphToViewport(graph.getNodeAttributes(id));
      const { width, height } = sigma.getDimensions();
      return point.x >= 0 && point.y >= 0 && point.x <= width && point.y <= height;
    },
    labelBoxes: () => graphView.placer.lastBoxes(),
    renderMode() {
      const sigma = graphView.sigma!;
      return {
        hideEdgesOnMove: sigma.getSetting("hideEdgesOnMove"),
        hideLabelsOnMove: sigma.getSetting("hideLabelsOnMove"),
        ...drawingMode(sigma),
      };
    },
    nodeLook(id) {
      if (!graph.hasNode(id)) return null;
      const { size, color } = graph.getNodeAttributes(id);
      return { size, color };
    },
  };
}
