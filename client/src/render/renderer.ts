import EdgeCurveProgram, { EdgeCurvedArrowProgram } from "@sigma/edge-curve";
import Sigma from "sigma";
import {
  EdgeArrowProgram,
  EdgeLineProgram,
  EdgeRectangleProgram,
  NodeCircleProgram,
  NodePointProgram,
  type EdgeProgramType,
  type NodeProgramType,
} from "sigma/rendering";
import type { ViewerSettings } from "../settings.ts";
import type { CameraView, LabelDensity } from "../state/navigation.ts";
import { LABEL_DENSITY_SETTINGS, type LabelPlacer } from "./labels.ts";
import type { EdgeAttributes, EdgeProgramName, NodeAttributes, ViewerGraph } from "./graph-model.ts";
import { createEdgeReducer, createNodeReducer, type ReducerInputs } from "./reducers.ts";
import { themedNodeHover, type Theme } from "./theme.ts";

export type ViewerSigma = Sigma<NodeAttributes, EdgeAttributes>;

// The programs read only sigma's display data; their typings default to plain Attributes.
const EDGE_PROGRAMS = {
  arrow: EdgeArrowProgram,
  line: EdgeRectangleProgram,
  curvedArrow: EdgeCurvedArrowProgram,
  curved: EdgeCurveProgram,
} as unknown as Record<EdgeProgramName, EdgeProgramType<NodeAttributes, EdgeAttributes>>;

/**
 * Large graphs: every edge a one-pixel line and every node a point. These programs are not instanced;
 * software WebGL (SwiftShader) draws instanced ones instance by instance, seconds per frame at 30,000.
 */
const PLAIN_EDGE_PROGRAMS = {
  arrow: EdgeLineProgram,
  line: EdgeLineProgram,
  curvedArrow: EdgeLineProgram,
  curved: EdgeLineProgram,
} as unknown as Record<EdgeProgramName, EdgeProgramType<NodeAttributes, EdgeAttributes>>;
const nodePrograms = (large: boolean) =>
  ({ circle: large ? NodePointProgram : NodeCircleProgram }) as unknown as Record<
    string,
    NodeProgramType<NodeAttributes, EdgeAttributes>
  >;

const LABEL_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Sigma over the viewer's graph, with the performance knobs set for the graph's size. */
export function createRenderer(
  container: HTMLElement,
  graph: ViewerGraph,
  settings: ViewerSettings,
  inputs: ReducerInputs,
  theme: Theme,
  expectedEdges: number,
  labels: { placer: LabelPlacer; density: LabelDensity },
): ViewerSigma {
  const large = expectedEdges > settings.render.hideEdgesOnMoveAbove;
  const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container, {
    nodeReducer: createNodeReducer(inputs),
    edgeReducer: createEdgeReducer(inputs),
    renderEdgeLabels: true,
    enableEdgeEvents: true,
    defaultEdgeType: "arrow",
    edgeProgramClasses: large ? PLAIN_EDGE_PROGRAMS : EDGE_PROGRAMS,
    nodeProgramClasses: nodePrograms(large),
    // Software WebGL redraws tens of thousands of edges slowly: hide them (and the labels) while the
    // camera moves.
    hideEdgesOnMove: large,
    hideLabelsOnMove: large,
    // Lit nodes are drawn on sigma's upper layer whatever the size; z-ordering only sorts edges and
    // the rest on small graphs, where a full refresh is cheap.
    zIndex: graph.order <= settings.render.zIndexMaxNodes,
    ...LABEL_DENSITY_SETTINGS[labels.density],
    defaultDrawNodeLabel: labels.placer.drawer(() => currentLabelTheme.theme),
    labelFont: LABEL_FONT,
    labelSize: 13,
    edgeLabelFont: LABEL_FONT,
    edgeLabelSize: 11,
    ...themeSettings(theme),
    minCameraRatio: settings.camera.minRatio,
    maxCameraRatio: settings.camera.maxRatio,
    stagePadding: 24,
  });
  // Label boxes are placed anew each frame.
  sigma.on("beforeRender", () => labels.placer.reset());
  return sigma;
}

/** The theme the label drawer reads; applyTheme swaps it. */
const currentLabelTheme: { theme: Theme } = { theme: null as unknown as Theme };

/** How sigma draws now: plain points and one-pixel lines (large graphs), or discs and arrows. */
export function drawingMode(sigma: ViewerSigma): { nodes: "points" | "discs"; edges: "lines" | "arrows" } {
  const nodes = sigma.getSetting("nodeProgramClasses") as Record<string, unknown>;
  const edges = sigma.getSetting("edgeProgramClasses") as Record<string, unknown>;
  return {
    nodes: nodes.circle === NodePointProgram ? "points" : "discs",
    edges: edges.arrow === EdgeLineProgram ? "lines" : "arrows",
  };
}

export function setLabelDensity(sigma: ViewerSigma, density: LabelDensity): void {
  for (const [key, value] of Object.entries(LABEL_DENSITY_SETTINGS[density]))
    sigma.setSetting(key as "labelDensity", value);
}

export function themeSettings(theme: Theme) {
  currentLabelTheme.theme = theme;
  return {
    labelColor: { color: theme.label },
    edgeLabelColor: { color: theme.label },
    defaultDrawNodeHover: themedNodeHover(theme),
  };
}

export function applyTheme(sigma: ViewerSigma, theme: Theme): void {
  const values = themeSettings(theme);
  sigma.setSetting("labelColor", values.labelColor);
  sigma.setSetting("edgeLabelColor", values.edgeLabelColor);
  sigma.setSetting("defaultDrawNodeHover", values.defaultDrawNodeHover);
}

export function cameraView(sigma: ViewerSigma): CameraView {
  const { x, y, ratio } = sigma.getCamera().getState();
  return { x, y, ratio };
}

/**
 * A node's position in the camera's (framed) coordinates. Computed from the graph's attributes, not
 * sigma's display cache, which holds raw coordinates between a refresh and the next render.
 */
export function framedPosition(sigma: ViewerSigma, node: string): { x: number; y: number } | null {
  const graph = sigma.getGraph();
  if (!graph.hasNode(node)) return null;
  const { x, y } = graph.getNodeAttributes(node);
  return sigma.viewportToFramedGraph(sigma.graphToViewport({ x, y }));
}
