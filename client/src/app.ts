import { MetricStore, type NodeMetric } from "./analysis/metrics.ts";
import { fetchExportFormats } from "./api/export-formats.ts";
import { fetchFeatures, NO_FEATURES, type ApiFeatures } from "./api/features.ts";
import { fetchFocusScope, type FocusScope } from "./api/focus.ts";
import { GraphQLClient } from "./api/graphql-client.ts";
import { loadDataset, type LoadedGraph } from "./api/load-dataset.ts";
import { AppearancePanel } from "./controls/appearance-panel.ts";
import { ConflictsList } from "./controls/conflicts-list.ts";
import { DataTable } from "./controls/data-table.ts";
import { FilterPanel } from "./controls/filter-panel.ts";
import { graphButtons } from "./controls/graph-buttons.ts";
import { HelpDialog } from "./controls/help-dialog.ts";
import { LayoutControl } from "./controls/layout-control.ts";
import { Legend } from "./controls/legend.ts";
import { legendFilters } from "./controls/legend-filters.ts";
import { SearchBox } from "./controls/search-box.ts";
import { SearchResults } from "./controls/search-results.ts";
import { Timeline } from "./controls/timeline.ts";
import type { Dataset } from "./data/dataset.ts";
import { SearchIndex } from "./data/search-index.ts";
import { el } from "./dom.ts";
import { createExportMenu } from "./exporting.ts";
import { installKeyboard } from "./keyboard.ts";
import { LayoutController } from "./layout/layout-controller.ts";
import { DetailsPanel } from "./panels/details-panel.ts";
import { SourceTexts } from "./panels/passage.ts";
import { computeLooks, METRIC_LABELS, sizeRange, type ColorLegend } from "./render/appearance.ts";
import { GraphView } from "./render/graph-view.ts";
import { cameraView } from "./render/renderer.ts";
import { currentTheme, watchTheme } from "./render/theme.ts";
import type { ViewerSettings } from "./settings.ts";
import { buildShell } from "./shell.ts";
import { filterDataset, type FilteredView } from "./state/filtered-view.ts";
import {
  LABEL_DENSITIES,
  sameFocus,
  sameSelection,
  type Appearance,
  type Focus,
  type NavigationState,
  type Selection,
} from "./state/navigation.ts";
import { Store } from "./state/store.ts";
import { syncUrl } from "./state/url-sync.ts";
import { parseNavigation } from "./state/url-state.ts";
import { encodeView } from "./state/view-code.ts";
import { installTestHooks } from "./test-hooks.ts";
import { installLiveUpdates } from "./live/live-updates.ts";
import { describeChanges, refreshGraph } from "./live/refresh-graph.ts";

/**
 * Wires the chain: API → dataset → filtered view → visual graph → sigma. Navigation state (selection,
 * filters, focus, appearance, camera) lives in one store, mirrored in the URL; every control writes
 * to the store and the view is derived from it, so there is one direction of flow.
 */
export async function startViewer(root: HTMLElement, settings: ViewerSettings): Promise<void> {
  const shell = buildShell(root);
  const client = new GraphQLClient(settings.graphqlUrl);
  const navigation = new Store<NavigationState>(parseNavigation(location.search));
  let theme = currentTheme();
  const graphView = new GraphView(shell.graph, settings, theme);
  const serverPositions = new Map<string, { x: number; y: number }>();
  const texts = new SourceTexts(client);
  let features: ApiFeatures = NO_FEATURES;
  let dataset: Dataset | null = null;
  let loadedGraph: LoadedGraph | null = null;
  let view: FilteredView | null = null;
  let focusScope: FocusScope | null = null;
  let layout: LayoutController | null = null;
  let searchIndex: SearchIndex | null = null;
  let filterPanel: FilterPanel | null = null;
  let legend: Legend | null = null;
  let viewCode: string | null = null;
  let loading = "Loading the graph…";
  let metricStatus = "";
  /** What the last refresh after a change on the server did, or that one is waiting. */
  let liveStatus = "";
  let liveAction: HTMLElement | undefined;
  const metrics = new MetricStore(() => dataset, settings.analysis.exactBetweennessUpTo);

  // --- navigation actions ---------------------------------------------------------------------------
  const update = (change: (state: NavigationState) => NavigationState) => navigation.update(change);
  const select = (selection: Selection) => update((state) => ({ ...state, selection }));
  const setFilters = (change: (filters: NavigationState["filters"]) => NavigationState["filters"]) =>
    update((state) => ({ ...state, filters: change(state.filters) }));
  const setFocus = (focus: Focus) => update((state) => ({ ...state, focus }));
  const setAppearance = (change: Partial<Appearance>) =>
    update((state) => ({ ...state, appearance: { ...state.appearance, ...change } }));

  /** A node and its visible neighbours, in view. */
  const fitNeighbourhood = (id: string) => {
    if (!graphView.graph.hasNode(id)) return;
    const neighbours = graphView.graph.neighbors(id).filter((node) => !view || view.nodes.has(node));
    void graphView.fit([id, ...neighbours]);
  };
  const fitSelection = (selection: Selection) => {
    if (selection?.kind === "node") fitNeighbourhood(selection.id);
    else if (selection?.kind === "relation" && graphView.graph.hasEdge(selection.id))
      void graphView.fit(graphView.graph.extremities(selection.id));
  };
  const pick = (selection: Selection) => {
    select(selection);
    fitSelection(selection);
  };
  const pickNode = (id: string) => pick({ kind: "node", id });

  const isDisputed = (id: string) => dataset?.conflictsByTarget.has(id) ?? false;
  const describeType = (id: string) => {
    const entity = dataset?.entities.get(id);
    return entity ? ` ${dataset?.nodeTypeById.get(entity.type)?.label ?? entity.type}` : "";
  };
  const searchResults = new SearchResults(describeType, isDisputed, pickNode);
  const details = new DetailsPanel(
    {
      client,
      settings,
      features: () => features,
      dataset: () => dataset,
      focus: () => navigation.get().focus,
      texts,
    },
    {
      select: (selection) => pick(selection),
      close: () => select(null),
      setFocus,
      fit: (nodes) => void graphView.fit(nodes),
      pathPicker: (from) =>
        new SearchBox({
          index: () => searchIndex,
          maxSuggestions: settings.search.maxSuggestions,
          maxResults: settings.search.maxSuggestions,
          describe: describeType,
          isDisputed,
          onPick: (to) => {
            if (to !== from) setFocus({ kind: "path", from, to });
          },
          idPrefix: "path",
          label: "Find the shortest paths to another node",
          placeholder: "another node…",
        }).element,
    },
  );
  shell.details.append(details.element);

  const search = new SearchBox({
    index: () => searchIndex,
    maxSuggestions: settings.search.maxSuggestions,
    maxResults: settings.search.maxResults,
    describe: describeType,
    isDisputed,
    onPick: pickNode,
    onShowAll: (query, results) => searchResults.show(query, results),
    idPrefix: "search",
    label: "Search nodes by name or alias (press / to focus)",
    placeholder: "Search nodes…  /",
  });
  const layoutControl = new LayoutControl(
    () => layout,
    () => layout?.restore(serverPositions),
  );
  const conflictsList = new ConflictsList(() => dataset, pick);
  const help = new HelpDialog();
  const table = new DataTable(
    () => dataset,
    () => view,
    () => metrics.values(),
    pick,
    settings.analysis.tableWindowRows,
  );
  shell.table.append(table.element);
  const tableButton = el("button", {
    attrs: {
      type: "button",
      "data-action": "table",
      "aria-pressed": "false",
      title: "Nodes and relations as a table (t)",
    },
    text: "Table",
  });
  const toggleTable = () => {
    table.toggle();
    tableButton.setAttribute("aria-pressed", String(table.open));
  };
  tableButton.addEventListener("click", toggleTable);

  const describeCounts = () =>
    view && dataset
      ? `${view.nodes.size} of ${dataset.entities.size} nodes, ${view.relations.size} of ${dataset.relations.size} relations`
      : "";
  const isWholeGraph = () =>
    view !== null &&
    dataset !== null &&
    view.nodes.size === dataset.entities.size &&
    view.relations.size === dataset.relations.size;
  const exportMenu = createExportMenu({
    settings,
    graphView,
    navigation,
    theme: () => theme,
    dataset: () => dataset,
    view: () => view,
    exact: () => loadedGraph?.drawingVersion !== null && loadedGraph !== null,
    viewCode: () => (isWholeGraph() ? "" : viewCode),
    describeCounts,
    legend: () => currentLegend,
  });
  const appearancePanel = new AppearancePanel(setAppearance);
  shell.toolbar.append(
    search.element,
    conflictsList.button,
    tableButton,
    layoutControl.element,
    exportMenu.element,
  );

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void shell.graphArea.requestFullscreen().catch(() => undefined);
  };
  shell.graphArea.append(
    graphButtons({
      zoomIn: () => graphView.zoom(1.5),
      zoomOut: () => graphView.zoom(1 / 1.5),
      fit: () => void graphView.fitVisible(),
      fullscreen,
      help: () => help.toggle(),
    }),
  );
  const focusBar = el("div", { className: "focus-bar", attrs: { "data-testid": "focus-bar" } });
  focusBar.hidden = true;
  shell.graphArea.append(focusBar);

  installKeyboard({
    focusSearch: () => search.focus(),
    clearSelection: () => select(null),
    help: () => help.toggle(),
    zoomIn: () => graphView.zoom(1.5),
    zoomOut: () => graphView.zoom(1 / 1.5),
    fit: () => void graphView.fitVisible(),
    fullscreen,
    ego: () => {
      const { selection, focus } = navigation.get();
      if (selection?.kind !== "node") return;
      const depth = focus?.kind === "ego" && focus.id === selection.id ? focus.depth : 0;
      setFocus(depth === 2 ? null : { kind: "ego", id: selection.id, depth: depth === 1 ? 2 : 1 });
    },
    table: toggleTable,
    labels: () => {
      const current = LABEL_DENSITIES.indexOf(navigation.get().appearance.labels);
      setAppearance({ labels: LABEL_DENSITIES[(current + 1) % LABEL_DENSITIES.length]! });
    },
  });

  // --- derived state ---------------------------------------------------------------------------------
  let currentLegend: ColorLegend = { kind: "types" };
  const showStatus = () => {
    const focus = navigation.get().focus;
    const focusText =
      focus?.kind === "ego" && focusScope?.truncated
        ? "ego view cut at the API's cap"
        : focus?.kind === "path" && focusScope && focusScope.paths === 0
          ? `no path of ${settings.focus.pathMaxLength} relations or fewer`
          : "";
    shell.status.textContent = [describeCounts(), focusText, loading, metricStatus, liveStatus]
      .filter(Boolean)
      .join(" · ");
    if (liveAction) shell.status.append(" ", liveAction);
  };

  const showFocusBar = () => {
    const focus = navigation.get().focus;
    focusBar.hidden = focus === null;
    if (!focus || !dataset) return;
    const label = (id: string) => dataset?.entities.get(id)?.label ?? id;
    const exit = el("button", {
      className: "small",
      attrs: { type: "button", "data-action": "exit-focus" },
      text: "show the whole graph",
    });
    exit.addEventListener("click", () => setFocus(null));
    focusBar.replaceChildren(
      el("span", {
        text:
          focus.kind === "ego"
            ? `Ego view: ${label(focus.id)}, ${focus.depth} step${focus.depth > 1 ? "s" : ""}`
            : `Shortest paths: ${label(focus.from)} → ${label(focus.to)}${focusScope ? ` (${focusScope.paths} found)` : ""}`,
      }),
      exit,
    );
  };

  let viewFrame: number | null = null;
  let viewCodeRun = 0;
  const recomputeView = () => {
    viewFrame = null;
    if (!dataset) return;
    const start = performance.now();
    const { filters, focus } = navigation.get();
    view = filterDataset(dataset, filters, focus && focusScope ? focusScope : null);
    graphView.setView(view, focus?.kind === "path" ? focusScope : null);
    filterPanel?.sync(filters, view);
    legend?.render(filters, view);
    timeline.sync(filters, view);
    table.refresh();
    showStatus();
    // The exact view for exports, encoded off the critical path.
    viewCode = null;
    const run = ++viewCodeRun;
    const visible = view;
    if (loadedGraph?.drawingVersion && loadedGraph.drawingOrder && loading === "")
      void encodeView(loadedGraph.drawingVersion, loadedGraph.drawingOrder, visible).then((code) => {
        if (run !== viewCodeRun) return;
        viewCode = code;
        exportMenu.refresh();
      });
    exportMenu.refresh();
    performance.measure("peacegraph:view", { start });
  };
  /** Filter changes and arriving pages coalesce into one recomputation per frame. */
  const invalidateView = () => {
    viewFrame ??= requestAnimationFrame(recomputeView);
  };

  const timeline = new Timeline((change) => setFilters(change), settings.timeline.playStepMs);
  shell.timeline.append(timeline.element);

  /** Sizes and colours from the appearance; a metric not yet computed is computed, then applied. */
  let looksRun = 0;
  const applyAppearance = () => {
    if (!dataset || !graphView.sigma) return;
    const { appearance } = navigation.get();
    const wanted = [appearance.sizeBy, appearance.colorBy].filter(
      (metric): metric is NodeMetric =>
        metric !== "none" && metric !== "type" && metric !== "kind" && metric !== "degree",
    );
    const missing = wanted.filter((metric) => !metrics.get(metric));
    const run = ++looksRun;
    if (missing.length > 0 && loading === "") {
      metricStatus = `Computing ${missing.map((metric) => METRIC_LABELS[metric]).join(" and ")}…`;
      showStatus();
      void Promise.all(missing.map((metric) => metrics.compute(metric)))
        .then(() => {
          metricStatus = "";
          if (run === looksRun) applyAppearance();
        })
        .catch((error: unknown) => {
          metricStatus = `Could not compute: ${(error as Error).message}`;
          showStatus();
        });
    }
    const { looks, legend: colors } = computeLooks(dataset, appearance, metrics.values());
    currentLegend = colors;
    graphView.setLooks(looks);
    graphView.setLabelDensity(appearance.labels);
    const notes = wanted.map((metric) => metrics.get(metric)?.note).filter(Boolean);
    legend?.setAppearance(
      colors,
      `Node size: ${appearance.sizeBy === "none" ? "the same for all" : `${METRIC_LABELS[appearance.sizeBy]}, capped at ${sizeRange(dataset.entities.size).max} px`}. Edge width: number of sources.${notes.length ? ` Betweenness ${notes.join("; ")}.` : ""}`,
    );
    if (view) legend?.render(navigation.get().filters, view);
    appearancePanel.sync(appearance, metricStatus);
    table.refresh();
    showStatus();
  };

  let focusRun = 0;
  const applyFocus = (focus: Focus) => {
    const run = ++focusRun;
    focusScope = null;
    showFocusBar();
    details.refreshFocus();
    if (!focus) {
      invalidateView();
      return;
    }
    void fetchFocusScope(client, settings, focus)
      .then((scope) => {
        if (run !== focusRun) return;
        focusScope = scope;
        showFocusBar();
        recomputeView();
        if (scope.nodes.size > 0)
          void graphView.fit([...scope.nodes].filter((node) => view?.nodes.has(node)));
      })
      .catch((error: unknown) => {
        if (run !== focusRun) return;
        focusBar.textContent = `Could not load the focus: ${(error as Error).message}`;
      });
  };

  navigation.subscribe((next, previous) => {
    if (next.filters !== previous.filters) {
      timeline.sync(next.filters, view);
      filterPanel?.sync(next.filters, view);
      invalidateView();
    }
    if (!sameFocus(next.focus, previous.focus)) applyFocus(next.focus);
    if (next.appearance !== previous.appearance) applyAppearance();
    if (!sameSelection(next.selection, previous.selection)) {
      graphView.select(next.selection);
      void details.show(next.selection);
    }
    // A camera that differs from sigma's came from the URL (Back/Forward): apply it.
    const sigma = graphView.sigma;
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
    graphView.setTheme(theme);
  });

  installTestHooks({
    client,
    graphView,
    navigation,
    view: () => view,
    dataset: () => dataset,
    ready: () => loading === "" && !live.busy && (navigation.get().focus === null || focusScope !== null),
    liveRefreshes: () => live.count,
    timelinePlaying: () => timeline.playing,
    viewCode: () => viewCode,
  });

  // --- live changes --------------------------------------------------------------------------------
  // A review, an edit or a new article on the server: the graph is read again and redrawn in place.
  const featuresRequest = fetchFeatures(client).catch(() => NO_FEATURES);
  const live = installLiveUpdates({
    settings,
    loaded: () => loading === "" && dataset !== null,
    relations: () => dataset?.totals.relations ?? 0,
    status: (text, action) => {
      liveStatus = text;
      liveAction = action;
      showStatus();
    },
    refresh: async () => {
      if (!dataset) return "nothing loaded yet";
      const { loaded, changes } = await refreshGraph(
        client,
        settings,
        featuresRequest,
        graphView,
        dataset,
        (data) => computeLooks(data, navigation.get().appearance, metrics.values()).looks,
      );
      const fresh = loaded.dataset;
      for (const entity of fresh.entities.values())
        if (!serverPositions.has(entity.id)) serverPositions.set(entity.id, { x: entity.x, y: entity.y });
      dataset = fresh;
      loadedGraph = loaded;
      metrics.forget();
      searchIndex = new SearchIndex();
      searchIndex.add(fresh.entities.values());
      const panel = new FilterPanel(fresh, (change) => setFilters(change));
      filterPanel?.element.replaceWith(panel.element);
      filterPanel = panel;
      const nextLegend = new Legend(fresh, legendFilters(fresh, setFilters));
      legend?.element.replaceWith(nextLegend.element);
      legend = nextLegend;
      conflictsList.refresh();
      timeline.setData(fresh);
      applyAppearance();
      recomputeView();
      const { selection } = navigation.get();
      if (selection) void details.show(selection);
      return describeChanges(changes);
    },
  });

  // --- loading -------------------------------------------------------------------------------------
  showStatus();
  void fetchExportFormats(client, settings.exportUrl).then((formats) => exportMenu.setFormats(formats));
  try {
    void featuresRequest.then((found) => (features = found));
    loadedGraph = await loadDataset(client, settings, featuresRequest, {
      onVocabulary: (data) => {
        dataset = data;
        filterPanel = new FilterPanel(data, (change) => setFilters(change));
        legend = new Legend(data, legendFilters(data, setFilters));
        shell.sidebar.append(searchResults.element, appearancePanel.element, filterPanel.element);
        shell.graphArea.append(legend.element);
        filterPanel.sync(navigation.get().filters, null);
        conflictsList.refresh();
        appearancePanel.sync(navigation.get().appearance, "");
      },
      onEntities: (data) => {
        for (const entity of data.entities.values())
          serverPositions.set(entity.id, { x: entity.x, y: entity.y });
        searchIndex = new SearchIndex();
        searchIndex.add(data.entities.values());
        const { looks, legend: colors } = computeLooks(data, navigation.get().appearance, metrics.values());
        currentLegend = colors;
        view = filterDataset(data, navigation.get().filters);
        graphView.view = view;
        const sigma = graphView.start(data, looks, navigation.get().appearance.labels, {
          clickNode: (node) => pickNode(node),
          clickEdge: (edge) => pick({ kind: "relation", id: edge }),
          clickStage: () => select(null),
          cameraMoved: () => update((nav) => ({ ...nav, camera: cameraView(sigma) })),
        });
        // Sigma draws once, synchronously, in its constructor: the nodes are on screen now.
        performance.mark("peacegraph:first-paint");
        const initial = navigation.get();
        if (initial.camera) sigma.getCamera().setState(initial.camera);
        layout = new LayoutController(
          graphView.graph,
          settings,
          () => {
            // Graph units per pixel: sigma fits the graph's larger side into the smaller viewport side.
            const { width, height } = sigma.getDimensions();
            const box = sigma.getBBox();
            const extent = Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]);
            return (extent / Math.max(1, Math.min(width, height))) * sigma.getCamera().getState().ratio;
          },
          (phase) => layoutControl.show(phase),
        );
        loading = `Loading relations (0 of ${data.totals.relations})…`;
        showStatus();
        if (initial.selection) {
          graphView.select(initial.selection);
          void details.show(initial.selection);
        }
      },
      onRelations: (relations, data) => {
        graphView.addRelations(data, relations);
        loading = `Loading relations (${data.relations.size} of ${data.totals.relations})…`;
        invalidateView();
      },
    });
    graphView.finishLoading();
    timeline.setData(loadedGraph.dataset);
    loading = "";
    const initial = navigation.get();
    applyAppearance();
    if (initial.focus) applyFocus(initial.focus);
    recomputeView();
    if (initial.selection && !initial.camera && !initial.focus) fitSelection(initial.selection);
    performance.mark("peacegraph:loaded");
  } catch (error) {
    loading = `Could not load the graph: ${(error as Error).message}`;
    shell.status.classList.add("error");
    showStatus();
    throw error;
  }
}
