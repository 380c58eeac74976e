import { ExportMenu } from "./controls/export-menu.ts";
import { NODE_KINDS, RELATION_FAMILIES, type Dataset } from "./data/dataset.ts";
import type { ColorLegend } from "./render/appearance.ts";
import type { GraphView } from "./render/graph-view.ts";
import { downloadBlob, renderViewToPng } from "./render/png-export.ts";
import type { Theme } from "./render/theme.ts";
import type { ViewerSettings } from "./settings.ts";
import { describeFilters } from "./state/describe-view.ts";
import { exportUrl, exportUrlForView } from "./state/export-url.ts";
import type { FilteredView } from "./state/filtered-view.ts";
import type { NavigationState } from "./state/navigation.ts";
import type { Store } from "./state/store.ts";
import { navigationUrl } from "./state/url-sync.ts";

export interface ExportSources {
  settings: ViewerSettings;
  graphView: GraphView;
  navigation: Store<NavigationState>;
  theme: () => Theme;
  dataset: () => Dataset | null;
  view: () => FilteredView | null;
  /** Whether the graph came as a drawing, so that views can be exported exactly. */
  exact: () => boolean;
  /** The encoded view: "" when everything shows, null while it is being encoded. */
  viewCode: () => string | null;
  describeCounts: () => string;
  legend: () => ColorLegend;
}

/**
 * The Export / share menu of the current view: exact links (`view=`) when the graph came as a
 * drawing, else the filters and visible ids; a PNG with legend, filters in words and fit; the link.
 */
export function createExportMenu(sources: ExportSources): ExportMenu {
  const { settings, graphView, navigation } = sources;
  return new ExportMenu({
    urlFor: (format) => {
      const code = sources.viewCode();
      if (sources.exact() && code !== null)
        return exportUrlForView(settings.exportUrl, format, code === "" ? null : code);
      const view = sources.view();
      return exportUrl(
        settings.exportUrl,
        format,
        navigation.get().filters,
        view ? { nodes: view.nodes, total: graphView.graph.order } : null,
        settings.export.maxUrlLength,
      );
    },
    describe: () =>
      sources.exact()
        ? `Exactly what is shown: ${sources.describeCounts()}.`
        : "Close to the view: the filters and visible nodes; relations the viewer hides by corroboration or date may be included.",
    downloadPng: async () => {
      const sigma = graphView.sigma;
      const dataset = sources.dataset();
      const view = sources.view();
      if (!sigma || !dataset || !view) throw new Error("the graph is not drawn yet");
      const theme = sources.theme();
      const blob = await renderViewToPng(
        sigma,
        {
          background: theme.background,
          text: theme.label,
          legend: pngLegend(dataset, sources.legend()),
          caption: [
            `peacegraph · ${sources.describeCounts()}`,
            ...describeFilters(dataset, navigation.get().filters, navigation.get().focus),
            location.href,
          ],
        },
        graphView.fitState([...view.nodes]),
      );
      downloadBlob(blob, "peacegraph-view.png");
    },
    copyLink: async () => {
      try {
        // The address bar lags the camera by the URL write delay; copy the state as it is now.
        await navigator.clipboard.writeText(new URL(navigationUrl(navigation.get()), location.href).href);
        return true;
      } catch {
        return false;
      }
    },
  });
}

/** The PNG's legend: node colours as the current colouring has them, and the relation families. */
function pngLegend(
  dataset: Dataset,
  colors: ColorLegend,
): { color: string; label: string; shape: "dot" | "line" }[] {
  const entries: { color: string; label: string; shape: "dot" | "line" }[] = [];
  if (colors.kind === "types") {
    for (const kind of NODE_KINDS) {
      const type = dataset.nodeTypes.find((candidate) => candidate.kind === kind && candidate.count > 0);
      if (type) entries.push({ color: type.color, label: `${kind}s (shades by type)`, shape: "dot" });
    }
  } else if (colors.kind === "categories") {
    for (const entry of colors.entries.slice(0, 10))
      entries.push({ color: entry.color, label: entry.label, shape: "dot" });
  } else {
    entries.push({ color: colors.colors[0]!, label: `lowest ${colors.title}`, shape: "dot" });
    entries.push({ color: colors.colors.at(-1)!, label: `highest ${colors.title}`, shape: "dot" });
  }
  const familyColor = new Map(dataset.relationTypes.map((type) => [type.family, type.color]));
  for (const family of RELATION_FAMILIES)
    if (familyColor.has(family))
      entries.push({ color: familyColor.get(family)!, label: family, shape: "line" });
  return entries;
}
