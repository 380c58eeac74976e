import { fetchExportFormats } from "./api/export-formats.ts";
import { GraphQLClient } from "./api/graphql-client.ts";
import { loadDataset } from "./api/load-dataset.ts";
import { ExportMenu } from "./controls/export-menu.ts";
import { FilterPanel } from "./controls/filter-panel.ts";
import { LayoutControl } from "./controls/layout-control.ts";
import { legend } from "./controls/legend.ts";
import { SearchBox } from "./controls/search-box.ts";
import { Timeline } from "./controls/timeline.ts";
import type { Dataset, RelationRecord } from "./data/dataset.ts";
import { SearchIndex } from "./data/search-index.ts";
import { installKeyboard } from "./keyboard.ts";
import { LayoutController } from "./layout/layout-controller.ts";
import { DetailsPanel } from "./panels/details-panel.ts";
import {
  addEntityNodes,
  addRelationEdges,
  createViewerGraph,
  curveParallelEdges,
} from "./render/graph-model.ts";
import { Highlight } from "./render/highlight.ts";
import { downloadBlob, renderViewToPng } from "./render/png-export.ts";
import type { ReducerInputs } from "./render/reducers.ts";
import { applyTheme, cameraView, createRenderer, flyToNode, type ViewerSigma } from "./render/renderer.ts";
import { currentTheme, watchTheme } from "./render/theme.ts";
import type { ViewerSettings } from "./settings.ts";
import { buildShell } from "./shell.ts";
import { exportUrl } from "./state/export-url.ts";
import { filterDataset, type FilteredView } from "./state/filtered-view.ts";
import { sameSelection, type NavigationState, type Selection } from "./state/navigation.ts";
import { Store } from "./state/store.ts";
import { syncUrl } from "./state/url-sync.ts";
import { parseNavigation } from "./state/url-state.ts";
import { installTestHooks } from "./test-hooks.ts";

/**
 * Wires the chain: API → dataset → filtered view → visual graph → sigma. Navigation state (selection,
 * filters, camera) lives in one store, mirrored in the URL; every control writes to the store and
 * redraws from it, so there is one direction of flow.
 */
export async function startViewer(root: HTMLElement, settings: ViewerSettings): Promise<void> {
  const shell = buildShell(root);
  const client = new GraphQLClient(settings.graphqlUrl);
  const navigation = new Store<NavigationState>(parseNavigation(location.search));
  const graph = createViewerGraph();
  const highlight = new Highlight(graph);
  const serverPositions = new Map<string, { x: number; y: number }>();
  let theme = currentTheme();
  let dataset: Dataset | null = null;
  let view: FilteredView | null = null;
  let sigma: ViewerSigma | null = null;
  let layout: LayoutController | null = null;
  let searchIndex: SearchIndex | null = null;
  let filterPanel: FilterPanel | null = null;
  let zoomedIn = false;
  let loading = "Loading the graph…";

  const inputs: ReducerInputs = { view: () => view, highlight, theme: () => theme, zoomedIn: () => zoomedIn };
  const timeline = new Timeline((change) => setFilters(change));
  shell.timeline.append(timeline.element);

  // --- navigation actions ---------------------------------------------------------------------------
  const select = (selection: Selection) => navigation.update((state) => ({ ...state, selection }));
  const setFilters = (change: (filters: NavigationState["filters"]) => NavigationState["filters"]) =>
    navigation.update((state) => ({ ...state, filters: change(state.filters) }));
  const pickNode = (id: string) => {
    select({ kind: "node", id });
    if (sigma) void flyToNode(sigma, id, settings);
  };

  const details = new DetailsPanel(client, settings, {
    select: (selection) => (selection?.kind === "node" ? pickNode(selection.id) : select(selection)),
    close: () => select(null),
  });
  shell.details.append(details.element);

  const search = new SearchBox(
    () => searchIndex,
    settings.search.maxSuggestions,
    (id) => {
      const entity = dataset?.entities.get(id);
      return entity ? ` ${dataset?.nodeTypeById.get(entity.type)?.label ?? entity.type}` : "";
    },
    pickNode,
  );
  const layoutControl = new LayoutControl(
    () => layout,
    () => layout?.restore(serverPositions),
  );
  const exportMenu = new ExportMenu({
    urlFor: (format) =>
      exportUrl(
        settings.exportUrl,
        format,
        navigation.get().filters,
        view ? { nodes: view.nodes, total: graph.order } : null,
        settings.export.maxUrlLength,
      ),
    downloadPng: async () => {
      if (!sigma) throw new Error("the graph is not drawn yet");
      const blob = await renderViewToPng(
        sigma,
        theme.background,
        `peacegraph · ${describeView()} · ${location.href}`,
      );
      downloadBlob(blob, "peacegraph-view.png");
    },
    copyLink: async () => {
      try {
        await navigator.clipboard.writeText(location.href);
        return true;
      } catch {
        return false;
      }
    },
  });
  shell.toolbar.append(search.element, layoutControl.element, exportMenu.element);
  installKeyboard({ focusSearch: () => search.focus(), clearSelection: () => select(null) });

  // --- derived state ---------------------------------------------------------------------------------
  const describeView = () =>
    view && dataset
      ? `${view.nodes.size} of ${dataset.entities.size} nodes, ${view.relations.size} of ${dataset.relations.size} relations`
      : "";
  const showStatus = () => {
    shell.status.textContent = [describeView(), loading].filter(Boolean).join(" · ");
  };

  let viewFrame: number | null = null;
  const recomputeView = () => {
    viewFrame = null;
    if (!dataset) return;
    view = filterDataset(dataset, navigation.get().filters);
    filterPanel?.sync(navigation.get().filters, view);
    exportMenu.refresh();
    showStatus();
    sigma?.refresh({ schedule: true });
  };
  /** Filter changes and arriving pages coalesce into one recomputation per frame. */
  const invalidateView = () => {
    viewFrame ??= requestAnimationFrame(recomputeView);
  };

  const refreshHighlight = (change: Parameters<Highlight["update"]>[0]) => {
    if (!highlight.update(change) || !sigma) return;
    // A highlight changes colours, labels and sizes, never which items exist: once everything is in
    // and indexed, each item is repainted in place (no re-indexation, label grid or bounding box).
    // With z-ordering on (small graphs), lit nodes move on top, which only a full refresh does.
    if (loading === "" && !sigma.getSetting("zIndex"))
      sigma.refresh({
        partialGraph: { nodes: graph.nodes(), edges: graph.edges() },
        skipIndexation: true,
        schedule: true,
      });
    else sigma.refresh({ schedule: true });
  };

  navigation.subscribe((next, previous) => {
    if (next.filters !== previous.filters) {
      timeline.sync(next.filters);
      filterPanel?.sync(next.filters, view);
      invalidateView();
    }
    if (!sameSelection(next.selection, previous.selection)) {
      refreshHighlight({ selection: next.selection });
      void details.show(next.selection);
    }
    // A camera that differs from sigma's came from the URL (Back/Forward): apply it.
    if (sigma && next.camera && next.camera !== previous.camera) {
      const current = cameraView(sigma);
      if (
        Math.abs(current.x - next.camera.x) +
          Math.abs(current.y - next.camera.y) +
          Math.abs(current.ratio - next.camera.ratio) >
        1e-3
      )
        sigma.getCamera().setState(next.camera);
    }
  });
  syncUrl(navigation, settings.url.writeDelayMs);
  watchTheme((next) => {
    theme = next;
    if (sigma) {
      applyTheme(sigma, theme);
      sigma.refresh({ schedule: true });
    }
  });

  // --- sigma ---------------------------------------------------------------------------------------
  const createSigma = (data: Dataset) => {
    const renderer = createRenderer(shell.graph, graph, settings, inputs, theme, data.totals.relations);
    // Sigma draws once, synchronously, in its constructor: the nodes are on screen now.
    performance.mark("peacegraph:first-paint");
    renderer.on("enterNode", ({ node }) => {
      shell.graph.classList.add("pointer");
      refreshHighlight({ hoveredNode: node });
    });
    renderer.on("leaveNode", () => {
      shell.graph.classList.remove("pointer");
      refreshHighlight({ hoveredNode: null });
    });
    renderer.on("enterEdge", ({ edge }) => {
      shell.graph.classList.add("pointer");
      refreshHighlight({ hoveredEdge: edge });
    });
    renderer.on("leaveEdge", () => {
      shell.graph.classList.remove("pointer");
      refreshHighlight({ hoveredEdge: null });
    });
    renderer.on("clickNode", ({ node }) => select({ kind: "node", id: node }));
    renderer.on("clickEdge", ({ edge }) => select({ kind: "relation", id: edge }));
    renderer.on("clickStage", () => select(null));
    const camera = renderer.getCamera();
    camera.on("updated", (state) => {
      const closer = state.ratio < settings.render.edgeLabelZoomRatio;
      if (closer !== zoomedIn) {
        zoomedIn = closer;
        renderer.refresh({ skipIndexation: true, schedule: true });
      }
      navigation.update((nav) => ({ ...nav, camera: cameraView(renderer) }));
    });
    const initial = navigation.get();
    if (initial.camera) camera.setState(initial.camera);
    layout = new LayoutController(
      graph,
      settings,
      () => {
        // Graph units per pixel: sigma fits the graph's larger side into the smaller viewport side.
        const { width, height } = renderer.getDimensions();
        const box = renderer.getBBox();
        const extent = Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]);
        return (extent / Math.max(1, Math.min(width, height))) * camera.getState().ratio;
      },
      (phase) => layoutControl.show(phase),
    );
    return renderer;
  };

  installTestHooks({
    client,
    graph,
    navigation,
    view: () => view,
    sigma: () => sigma,
    dataset: () => dataset,
    ready: () => loading === "",
  });

  // --- loading -------------------------------------------------------------------------------------
  // Each batch of edges makes sigma reprocess the whole graph, and each frame costs a composite: add
  // arriving pages in a few batches, not one per page, or redrawing starves the page fetches.
  let pendingRelations: RelationRecord[] = [];
  let lastFlush = performance.now();
  const flushRelations = (data: Dataset) => {
    addRelationEdges(graph, data, pendingRelations);
    pendingRelations = [];
    lastFlush = performance.now();
    highlight.refocus();
    invalidateView();
  };
  showStatus();
  void fetchExportFormats(client, settings.exportUrl).then((formats) => exportMenu.setFormats(formats));
  try {
    const loaded = await loadDataset(client, settings, {
      onVocabulary: (data) => {
        dataset = data;
        filterPanel = new FilterPanel(data, (change) => setFilters(change));
        shell.sidebar.append(filterPanel.element, legend(data));
        filterPanel.sync(navigation.get().filters, null);
      },
      onEntities: (data) => {
        addEntityNodes(graph, data.entities.values());
        for (const entity of data.entities.values())
          serverPositions.set(entity.id, { x: entity.x, y: entity.y });
        searchIndex = new SearchIndex();
        searchIndex.add(data.entities.values());
        view = filterDataset(data, navigation.get().filters);
        // First paint: positions are precomputed on the server, so nothing waits for a layout.
        sigma = createSigma(data);
        loading = `Loading relations (0 of ${data.totals.relations})…`;
        showStatus();
        const { selection } = navigation.get();
        if (selection) {
          refreshHighlight({ selection });
          void details.show(selection);
          if (selection.kind === "node" && !navigation.get().camera)
            void flyToNode(sigma, selection.id, settings);
        }
      },
      onRelations: (relations, data) => {
        pendingRelations.push(...relations);
        loading = `Loading relations (${data.relations.size} of ${data.totals.relations})…`;
        // No DOM change per page: with software WebGL every frame costs a slow composite.
        if (performance.now() - lastFlush >= settings.render.relationFlushMs) flushRelations(data);
      },
    });
    flushRelations(loaded);
    curveParallelEdges(graph);
    highlight.refocus();
    timeline.setData(loaded);
    timeline.sync(navigation.get().filters);
    loading = "";
    recomputeView();
    (sigma as ViewerSigma | null)?.refresh();
    performance.mark("peacegraph:loaded");
  } catch (error) {
    loading = `Could not load the graph: ${(error as Error).message}`;
    shell.status.classList.add("error");
    showStatus();
    throw error;
  }
}
