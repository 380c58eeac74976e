import type { Dataset, Modality, RelationRecord } from "../data/dataset.ts";
import type { ViewerSettings } from "../settings.ts";
import type { FilteredView, Scope } from "../state/filtered-view.ts";
import type { LabelDensity, Selection } from "../state/navigation.ts";
import type { NodeLook } from "./appearance.ts";
import { cameraToFit, fitNodes, robustBBox } from "./camera.ts";
import {
  addEntityNodes,
  addRelationEdges,
  applyLooks,
  createViewerGraph,
  curveParallelEdges,
  type ViewerGraph,
} from "./graph-model.ts";
import { Highlight } from "./highlight.ts";
import { LabelPlacer } from "./labels.ts";
import { Overlay } from "./overlay.ts";
import type { ReducerInputs } from "./reducers.ts";
import { applyTheme, createRenderer, setLabelDensity, type ViewerSigma } from "./renderer.ts";
import type { Theme } from "./theme.ts";

export interface GraphEvents {
  clickNode(node: string): void;
  clickEdge(edge: string): void;
  clickStage(): void;
  cameraMoved(): void;
}

/**
 * Everything between the filtered view and the pixels: the graphology graph sigma draws, the
 * highlight, the overlay of dispute badges, label placement and the camera. The app hands it data
 * and state; it never reads navigation itself.
 */
export class GraphView {
  readonly graph: ViewerGraph = createViewerGraph();
  readonly highlight: Highlight;
  readonly placer = new LabelPlacer();
  sigma: ViewerSigma | null = null;
  overlay: Overlay | null = null;
  view: FilteredView | null = null;
  /** The path view's items, lit over the rest. */
  pathScope: Scope | null = null;
  private zoomedIn = false;
  private loaded = false;
  private disputedNodes = new Set<string>();
  private disputedRelations = new Set<string>();
  private readonly modalities = new Map<string, Modality>();

  constructor(
    private readonly container: HTMLElement,
    private readonly settings: ViewerSettings,
    private theme: Theme,
  ) {
    this.highlight = new Highlight(
      this.graph,
      () => settings.render.maxNeighbourLabels,
      (node) => !this.view || this.view.nodes.has(node),
    );
  }

  private inputs(): ReducerInputs {
    return {
      view: () => this.view,
      highlight: this.highlight,
      theme: () => this.theme,
      zoomedIn: () => this.zoomedIn,
      path: () => this.pathScope,
    };
  }

  /** Nodes in, sigma created: the first paint. Positions come from the server, so nothing waits. */
  start(dataset: Dataset, looks: ReadonlyMap<string, NodeLook>, density: LabelDensity, events: GraphEvents) {
    for (const conflict of dataset.conflicts)
      (conflict.targetKind === "node" ? this.disputedNodes : this.disputedRelations).add(conflict.target);
    addEntityNodes(this.graph, dataset.entities.values(), dataset.degree, looks);
    const sigma = createRenderer(
      this.container,
      this.graph,
      this.settings,
      this.inputs(),
      this.theme,
      dataset.totals.relations,
      {
        placer: this.placer,
        density,
      },
    );
    this.sigma = sigma;
    // The container shrinks when a panel or the table opens: sigma only follows window resizes.
    new ResizeObserver(() => {
      sigma.resize();
      sigma.refresh({ schedule: true });
    }).observe(this.container);
    const box = robustBBox(dataset.entities.values(), this.settings.camera);
    if (box) {
      sigma.setCustomBBox(box);
      sigma.refresh();
    }
    this.overlay = new Overlay(sigma, {
      view: () => this.view,
      disputedNodes: () => this.disputedNodes,
      disputedRelations: () => this.disputedRelations,
      modalities: () => this.modalities,
      badgeColor: () => "#d9822b",
      textColor: () => this.theme.label,
      dimmed: (kind, id) => this.isDimmed(kind, id),
    });
    sigma.on("enterNode", ({ node }) => {
      this.container.classList.add("pointer");
      this.refreshHighlight({ hoveredNode: node });
    });
    sigma.on("leaveNode", () => {
      this.container.classList.remove("pointer");
      this.refreshHighlight({ hoveredNode: null });
    });
    sigma.on("enterEdge", ({ edge }) => {
      this.container.classList.add("pointer");
      this.refreshHighlight({ hoveredEdge: edge });
    });
    sigma.on("leaveEdge", () => {
      this.container.classList.remove("pointer");
      this.refreshHighlight({ hoveredEdge: null });
    });
    sigma.on("clickNode", ({ node }) => events.clickNode(node));
    sigma.on("clickEdge", ({ edge }) => events.clickEdge(edge));
    sigma.on("clickStage", () => events.clickStage());
    sigma.getCamera().on("updated", (state) => {
      const closer = state.ratio < this.settings.render.edgeLabelZoomRatio;
      if (closer !== this.zoomedIn) {
        this.zoomedIn = closer;
        sigma.refresh({ skipIndexation: true, schedule: true });
      }
      events.cameraMoved();
    });
    return sigma;
  }

  private isDimmed(kind: "node" | "edge", id: string): boolean {
    const { highlight } = this;
    if (kind === "node") {
      if (highlight.focus !== null) return id !== highlight.focus && !highlight.focusNeighbours.has(id);
      if (this.pathScope) return !this.pathScope.nodes.has(id);
      return false;
    }
    if (highlight.selectedRelation) return id !== highlight.selectedRelation;
    if (highlight.focus !== null) return !highlight.focusEdges.has(id);
    if (this.pathScope) return !this.pathScope.relations.has(id);
    return false;
  }

  addRelations(dataset: Dataset, relations: RelationRecord[]): void {
    addRelationEdges(this.graph, dataset, relations);
    for (const relation of relations)
      if (relation.modality !== "asserted") this.modalities.set(relation.id, relation.modality);
    this.highlight.refocus();
  }

  /** All relations are in: curve parallel edges, and repaint in place from now on. */
  finishLoading(): void {
    curveParallelEdges(this.graph);
    this.highlight.refocus();
    this.loaded = true;
    this.sigma?.refresh();
  }

  setView(view: FilteredView, pathScope: Scope | null): void {
    this.view = view;
    this.pathScope = pathScope;
    this.highlight.refocus();
    this.sigma?.refresh({ schedule: true });
  }

  refreshHighlight(change: Partial<Pick<Highlight, "hoveredNode" | "hoveredEdge" | "selection">>): void {
    const { sigma } = this;
    if (!this.highlight.update(change) || !sigma) return;
    // A highlight changes colours, labels and sizes, never which items exist: once everything is in
    // and indexed, each item is repainted in place (no re-indexation, label grid or bounding box).
    // Lit nodes reach the top through sigma's highlighted layer, not by re-sorting. With z-ordering
    // on (small graphs) lit edges move on top too, which only a full refresh does.
    if (this.loaded && !sigma.getSetting("zIndex"))
      sigma.refresh({
        partialGraph: { nodes: this.graph.nodes(), edges: this.graph.edges() },
        skipIndexation: true,
        schedule: true,
      });
    else sigma.refresh({ schedule: true });
  }

  select(selection: Selection): void {
    this.refreshHighlight({ selection });
  }

  setLooks(looks: ReadonlyMap<string, NodeLook>): void {
    applyLooks(this.graph, looks);
    this.highlight.refocus();
  }

  setLabelDensity(density: LabelDensity): void {
    if (this.sigma) setLabelDensity(this.sigma, density);
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    if (this.sigma) {
      applyTheme(this.sigma, theme);
      this.sigma.refresh({ schedule: true });
    }
  }

  fit(nodes: string[]): Promise<void> {
    return this.sigma ? fitNodes(this.sigma, nodes, this.settings) : Promise.resolve();
  }

  /** The camera that fits the nodes, without moving there (the PNG export renders with it). */
  fitState(nodes: string[]) {
    return this.sigma ? cameraToFit(this.sigma, nodes, this.settings) : null;
  }

  /** Fits what the filters show (all of it, outliers included). */
  fitVisible(): Promise<void> {
    return this.fit(this.view ? [...this.view.nodes] : this.graph.nodes());
  }

  zoom(factor: number): void {
    const camera = this.sigma?.getCamera();
    if (!camera) return;
    void camera.animate({ ratio: camera.getState().ratio / factor }, { duration: 200 });
  }

  /** Where a node is drawn, in page pixels. */
  nodePosition(id: string): { x: number; y: number } | null {
    const sigma = this.sigma;
    if (!sigma || !this.graph.hasNode(id)) return null;
    const point = sigma.graphToViewport(this.graph.getNodeAttributes(id));
    const box = sigma.getContainer().getBoundingClientRect();
    return { x: box.left + point.x, y: box.top + point.y };
  }
}
