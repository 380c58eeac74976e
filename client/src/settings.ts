/**
 * Every knob of the viewer in one typed object, with defaults and a validator (sigma's pattern).
 * Budgets that the README quotes live here too, so the docs, the code and the bench read one place.
 */
export interface ViewerSettings {
  /** Where the GraphQL API answers. */
  graphqlUrl: string;
  /** Prefix of the export endpoint: `${exportUrl}/<format>?…`. */
  exportUrl: string;
  api: {
    /** The server's cost budget per operation (settings.limits.maxCost); responses report it too. */
    costBudget: number;
    /** Entities per page while loading: 100 is the API's cap. */
    entityPageSize: number;
    /** Relations per page while loading: 80 × 110 points stays under the 10,000 budget. */
    relationPageSize: number;
    /** Relations per page in the details panel: each carries its claims and sources. */
    detailsPageSize: number;
    /**
     * The whole graph comes in one request (its graphology export) when the vocabulary's totals stay
     * within these (the server's export limits, settings.limits.maxExportNodes/Relations); past them,
     * or when the server refuses, it comes page by page.
     */
    exportMaxNodes: number;
    exportMaxRelations: number;
    /** Page chains requested at once while loading (one per node kind, then one per relation family). */
    loadConcurrency: number;
  };
  layout: {
    /** ForceAtlas2 stops by itself after this long, so a forgotten layout never burns the CPU. */
    autoStopMs: number;
    /** Noverlap gets this long to separate overlapping nodes after ForceAtlas2 stops. */
    noverlapMaxMs: number;
    /** Gap kept between nodes by noverlap, in screen pixels. */
    noverlapMarginPx: number;
  };
  render: {
    /** Edge labels show for every edge whose two node labels show, once the camera is closer than this. */
    edgeLabelZoomRatio: number;
    /** While a node is hovered or selected, the labels of at most this many of its neighbours show. */
    maxNeighbourLabels: number;
    /**
     * Above this many edges the graph is drawn for speed: edges and labels are hidden while the camera
     * moves, and nodes and edges use sigma's plain programs (points and one-pixel lines: no arrows,
     * widths or curves). Software WebGL runs instanced programs one instance at a time, so sigma's
     * default programs take seconds per frame at 30,000 edges.
     */
    hideEdgesOnMoveAbove: number;
    /** While relations load, arriving pages are drawn at most this often (each batch redraws everything). */
    relationFlushMs: number;
    /**
     * Large graphs repaint only what a filter shows or hides; sigma's label grid is rebuilt (a full
     * refresh) this long after the last filter change.
     */
    reindexDelayMs: number;
    /** Above this many nodes, z-sorting (highlighted nodes on top) is switched off: it costs a sort per frame. */
    zIndexMaxNodes: number;
  };
  camera: {
    /** How long a fly-to takes. */
    flyDurationMs: number;
    /** Zoom ratio of a fly-to a single node (smaller is closer). */
    focusRatio: number;
    /** Room left around nodes fitted into view: 1.3 leaves 30 %. */
    fitPadding: number;
    /** Outliers are left out of the default framing only in graphs of at least this many nodes… */
    outlierMinNodes: number;
    /** …where the central share of positions on each axis is framed… */
    outlierKeep: number;
    /** …when the full extent is at least this many times the central one. */
    outlierSpread: number;
    minRatio: number;
    maxRatio: number;
  };
  search: {
    /** Suggestions shown under the search box. */
    maxSuggestions: number;
    /** Results listed in the search results panel. */
    maxResults: number;
  };
  live: {
    /**
     * When the graph changes on the server (a review, an edit, an article read), the viewer reads it
     * again and redraws in place, without a page reload, up to this many relations; above, it says
     * what changed and offers the refresh (reading a large graph again costs seconds).
     */
    autoRefreshUpTo: number;
    /** Changes arriving within this long are applied together. */
    debounceMs: number;
  };
  analysis: {
    /** Betweenness is exact up to this many nodes; above, estimated from this many sampled sources. */
    exactBetweennessUpTo: number;
    /** Rows the data table draws at once (it scrolls through the rest). */
    tableWindowRows: number;
  };
  timeline: {
    /** Playback moves the window by one step (a month, or a year on long spans) this often. */
    playStepMs: number;
  };
  focus: {
    /** The ego view asks the API for at most this many nodes (its cap is 500). */
    egoMaxNodes: number;
    /** The path finder's longest path, in relations (the API's cap is 6). */
    pathMaxLength: number;
  };
  url: {
    /** Camera and filter changes are written to the URL at most this often. */
    writeDelayMs: number;
  };
  export: {
    /** The visible ids go into an export link only while the link stays shorter than this. */
    maxUrlLength: number;
  };
}

export const DEFAULT_VIEWER_SETTINGS: ViewerSettings = {
  graphqlUrl: "/graphql",
  exportUrl: "/export",
  api: {
    costBudget: 10_000,
    entityPageSize: 100,
    relationPageSize: 80,
    detailsPageSize: 10,
    loadConcurrency: 4,
    exportMaxNodes: 20_000,
    exportMaxRelations: 50_000,
  },
  layout: { autoStopMs: 8_000, noverlapMaxMs: 3_000, noverlapMarginPx: 2 },
  render: {
    edgeLabelZoomRatio: 0.35,
    maxNeighbourLabels: 10,
    hideEdgesOnMoveAbove: 5_000,
    relationFlushMs: 5_000,
    reindexDelayMs: 1_500,
    zIndexMaxNodes: 2_000,
  },
  camera: {
    flyDurationMs: 600,
    focusRatio: 0.25,
    fitPadding: 1.5,
    outlierMinNodes: 200,
    outlierKeep: 0.96,
    outlierSpread: 1.6,
    minRatio: 0.01,
    maxRatio: 4,
  },
  search: { maxSuggestions: 8, maxResults: 200 },
  live: { autoRefreshUpTo: 20_000, debounceMs: 300 },
  analysis: { exactBetweennessUpTo: 1_500, tableWindowRows: 60 },
  timeline: { playStepMs: 700 },
  focus: { egoMaxNodes: 500, pathMaxLength: 6 },
  url: { writeDelayMs: 250 },
  export: { maxUrlLength: 6_000 },
};

/** Every problem with a settings object, as readable lines; empty when it is valid. */
export function validateViewerSettings(settings: ViewerSettings): string[] {
  const problems: string[] = [];
  const positive = (path: string, value: number) => {
    if (!Number.isFinite(value) || value <= 0)
      problems.push(`${path} must be a positive number, not ${value}`);
  };
  const pageSize = (path: string, value: number) => {
    if (!Number.isInteger(value) || value < 1 || value > 100)
      problems.push(`${path} must be a whole number from 1 to 100 (the API's cap), not ${value}`);
  };
  if (!settings.graphqlUrl) problems.push("graphqlUrl must not be empty");
  if (!settings.exportUrl) problems.push("exportUrl must not be empty");
  positive("api.costBudget", settings.api.costBudget);
  pageSize("api.entityPageSize", settings.api.entityPageSize);
  pageSize("api.relationPageSize", settings.api.relationPageSize);
  pageSize("api.detailsPageSize", settings.api.detailsPageSize);
  if (!Number.isInteger(settings.api.loadConcurrency) || settings.api.loadConcurrency < 1)
    problems.push(`api.loadConcurrency must be a whole number ≥ 1, not ${settings.api.loadConcurrency}`);
  if (!Number.isInteger(settings.api.exportMaxNodes) || settings.api.exportMaxNodes < 0)
    problems.push(`api.exportMaxNodes must be a whole number ≥ 0, not ${settings.api.exportMaxNodes}`);
  if (!Number.isInteger(settings.api.exportMaxRelations) || settings.api.exportMaxRelations < 0)
    problems.push(
      `api.exportMaxRelations must be a whole number ≥ 0, not ${settings.api.exportMaxRelations}`,
    );
  positive("layout.autoStopMs", settings.layout.autoStopMs);
  positive("layout.noverlapMaxMs", settings.layout.noverlapMaxMs);
  if (settings.layout.noverlapMarginPx < 0) problems.push("layout.noverlapMarginPx must not be negative");
  positive("render.edgeLabelZoomRatio", settings.render.edgeLabelZoomRatio);
  positive("render.relationFlushMs", settings.render.relationFlushMs);
  positive("render.reindexDelayMs", settings.render.reindexDelayMs);
  if (!Number.isInteger(settings.render.maxNeighbourLabels) || settings.render.maxNeighbourLabels < 0)
    problems.push("render.maxNeighbourLabels must be a whole number ≥ 0");
  positive("camera.flyDurationMs", settings.camera.flyDurationMs);
  positive("camera.focusRatio", settings.camera.focusRatio);
  positive("camera.minRatio", settings.camera.minRatio);
  if (settings.camera.fitPadding < 1) problems.push("camera.fitPadding must be at least 1");
  if (settings.camera.outlierKeep <= 0 || settings.camera.outlierKeep > 1)
    problems.push("camera.outlierKeep must be above 0 and at most 1");
  if (settings.camera.outlierSpread < 1) problems.push("camera.outlierSpread must be at least 1");
  if (!Number.isInteger(settings.search.maxResults) || settings.search.maxResults < 1)
    problems.push("search.maxResults must be a whole number ≥ 1");
  if (!Number.isInteger(settings.analysis.exactBetweennessUpTo) || settings.analysis.exactBetweennessUpTo < 1)
    problems.push("analysis.exactBetweennessUpTo must be a whole number ≥ 1");
  if (!Number.isInteger(settings.analysis.tableWindowRows) || settings.analysis.tableWindowRows < 10)
    problems.push("analysis.tableWindowRows must be a whole number ≥ 10");
  positive("timeline.playStepMs", settings.timeline.playStepMs);
  if (!Number.isInteger(settings.live.autoRefreshUpTo) || settings.live.autoRefreshUpTo < 0)
    problems.push("live.autoRefreshUpTo must be a whole number ≥ 0");
  if (settings.live.debounceMs < 0) problems.push("live.debounceMs must not be negative");
  if (
    !Number.isInteger(settings.focus.egoMaxNodes) ||
    settings.focus.egoMaxNodes < 1 ||
    settings.focus.egoMaxNodes > 500
  )
    problems.push("focus.egoMaxNodes must be a whole number from 1 to 500 (the API's cap)");
  if (
    !Number.isInteger(settings.focus.pathMaxLength) ||
    settings.focus.pathMaxLength < 1 ||
    settings.focus.pathMaxLength > 6
  )
    problems.push("focus.pathMaxLength must be a whole number from 1 to 6 (the API's cap)");
  if (settings.camera.maxRatio <= settings.camera.minRatio)
    problems.push("camera.maxRatio must be larger than camera.minRatio");
  if (!Number.isInteger(settings.search.maxSuggestions) || settings.search.maxSuggestions < 1)
    problems.push("search.maxSuggestions must be a whole number ≥ 1");
  if (settings.url.writeDelayMs < 0) problems.push("url.writeDelayMs must not be negative");
  positive("export.maxUrlLength", settings.export.maxUrlLength);
  return problems;
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** Defaults overlaid with `overrides`, validated; throws one message listing every bad value. */
export function resolveViewerSettings(overrides: DeepPartial<ViewerSettings> = {}): ViewerSettings {
  const merged = structuredClone(DEFAULT_VIEWER_SETTINGS) as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] =
      value && typeof value === "object" && current && typeof current === "object"
        ? { ...current, ...value }
        : value;
  }
  const settings = merged as unknown as ViewerSettings;
  const problems = validateViewerSettings(settings);
  if (problems.length > 0) throw new Error(`invalid viewer settings:\n  ${problems.join("\n  ")}`);
  return settings;
}
