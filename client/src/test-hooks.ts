import type { GraphQLClient } from "./api/graphql-client.ts";
import type { Dataset } from "./data/dataset.ts";
import type { ViewerGraph } from "./render/graph-model.ts";
import type { ViewerSigma } from "./render/renderer.ts";
import type { FilteredView } from "./state/filtered-view.ts";
import type { NavigationState } from "./state/navigation.ts";
import type { Store } from "./state/store.ts";

/**
 * A few read-only facts for the browser tests and the bench, so they assert on counts rather than on
 * pixels. Nothing here changes the viewer.
 */
export interface PeacegraphHooks {
  /** All relations are loaded and the view is computed. */
  ready(): boolean;
  snapshot(): {
    nodes: number;
    relations: number;
    visibleNodes: number;
    visibleRelations: number;
    visibleRelationsByType: Record<string, number>;
    selection: NavigationState["selection"];
    camera: { x: number; y: number; ratio: number } | null;
    maxCost: number;
    costBudget: number | null;
  };
  /** Where a node is drawn, in page pixels (for pointer tests). */
  nodePosition(id: string): { x: number; y: number } | null;
}

declare global {
  interface Window {
    __peacegraph?: PeacegraphHooks;
  }
}

export function installTestHooks(sources: {
  client: GraphQLClient;
  graph: ViewerGraph;
  navigation: Store<NavigationState>;
  view: () => FilteredView | null;
  sigma: () => ViewerSigma | null;
  dataset: () => Dataset | null;
  ready: () => boolean;
}): void {
  window.__peacegraph = {
    ready: sources.ready,
    snapshot() {
      const view = sources.view();
      const camera = sources.sigma()?.getCamera().getState();
      return {
        nodes: sources.graph.order,
        relations: sources.graph.size,
        visibleNodes: view?.nodes.size ?? sources.graph.order,
        visibleRelations: view?.relations.size ?? sources.graph.size,
        visibleRelationsByType: Object.fromEntries(view?.relationsByType ?? []),
        selection: sources.navigation.get().selection,
        camera: camera ? { x: camera.x, y: camera.y, ratio: camera.ratio } : null,
        maxCost: sources.client.maxCostSeen,
        costBudget: sources.client.budgetSeen,
      };
    },
    nodePosition(id) {
      const sigma = sources.sigma();
      if (!sigma || !sources.graph.hasNode(id)) return null;
      const point = sigma.graphToViewport(sources.graph.getNodeAttributes(id));
      const box = sigma.getContainer().getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y };
    },
  };
}
