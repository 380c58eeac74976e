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
  /** Past render.hideEdgesOnMoveAbove relations: cheap programs, and dimming by layer (reducers.ts). */
  private large = false;
  private fullRefreshPending = false;
  private density: LabelDensity | null = null;
  private reindexTimer: ReturnType<typeof setTimeout> | null = null;
  private lastFit: { nodes: string[]; at: number } | null = null;
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
      dimByLayer: this.large,
    };
  }

  /** Nodes in, sigma created: the first paint. Positions come from the server, so nothing waits. */
  start(dataset: Dataset, looks: ReadonlyMap<string, NodeLook>, density: LabelDensity, events: GraphEvents) {
    for (const conflict of dataset.conflicts)
      (conflict.targetKind === "node" ? this.disputedNodes : this.disputedRelations).add(conflict.target);
    addEntityNodes(this.graph, dataset.entities.values(), dataset.degree, looks);
    this.large = dataset.totals.relations > this.settings.render.hideEdgesOnMoveAbove;
    // Large graphs dim by fading layers, which would leave every label bright: only the focus's show.
    this.placer.filter = (node) => !this.large || !this.layerDimmed() || this.litNodes().has(node);
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
    this.density = density;
    // The container shrinks when a panel or the table opens: sigma only follows window resizes.
    sigma.on("afterProcess", () => (this.fullRefreshPending = false));
    new ResizeObserver(() => {
      sigma.resize();
      this.fullRefresh(sigma);
      // A panel that opens with a selection narrows the graph just after its fit: fit again.
      if (this.lastFit && performance.now() - this.lastFit.at < 2_000) void this.fit(this.lastFit.nodes);
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
      litEdges: () => (this.large && this.layerDimmed() ? this.litEdges() : []),
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
    // Main-thread time of each frame's JavaScript (reducers run in refresh, drawing calls in render),
    // apart from the canvas read-back the browser does after: the bench reads these measures.
    let renderStart = 0;
    sigma.on("beforeRender", () => {
      renderStart = performance.now();
      this.reserveHoverBox(sigma);
    });
    sigma.on("afterRender", () => performance.measure("peacegraph:render", { start: renderStart }));
    sigma.on("clickNode", ({ node }) => events.clickNode(node));
    sigma.on("clickEdge", ({ edge }) => events.clickEdge(edge));
    sigma.on("clickStage", () => events.clickStage());
    sigma.getCamera().on("updated", (state) => {
      const closer = state.ratio < this.settings.render.edgeLabelZoomRatio;
      if (closer !== this.zoomedIn) {
        this.zoomedIn = closer;
        this.repaint(sigma);
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

  /**
   * Nodes or relations were added or dropped after loading (a change on the server): curve parallel
   * edges again, and index everything now (not on the next frame): a repaint in place that came
   * first, such as new sizes and colours, would not find the new items indexed.
   */
  finishChange(): void {
    curveParallelEdges(this.graph);
    this.highlight.refocus();
    this.sigma?.refresh();
  }

  setView(view: FilteredView, pathScope: Scope | null): void {
    const previous = this.view;
    const pathChanged = pathScope !== this.pathScope;
    this.view = view;
    this.pathScope = pathScope;
    this.highlight.refocus();
    const sigma = this.sigma;
    if (!sigma) return;
    if (!this.large || !this.loaded || this.fullRefreshPending || !previous || pathChanged) {
      this.repaint(sigma);
      return;
    }
    // Large graphs: a filter changes which items show, never where they are, so only the items that
    // appear or disappear are repainted. Sigma's label grid is rebuilt a moment after the last
    // change (a full refresh), so that nodes brought back get their labels again.
    const nodes = changedMembers(previous.nodes, view.nodes);
    const edges = changedMembers(previous.relations, view.relations);
    sigma.refresh({ partialGraph: { nodes, edges }, skipIndexation: true, schedule: true });
    if (this.reindexTimer) clearTimeout(this.reindexTimer);
    this.reindexTimer = setTimeout(() => {
      this.reindexTimer = null;
      const start = performance.now();
      this.fullRefresh(sigma);
      sigma.once("afterRender", () => performance.measure("peacegraph:reindex", { start }));
    }, this.settings.render.reindexDelayMs);
  }

  /**
   * The hovered or selected node's boxed label is drawn on sigma's upper layer, after the others:
   * keep its place free so that no neighbour's label is drawn under it.
   */
  private reserveHoverBox(sigma: ViewerSigma): void {
    const selected = this.highlight.selection?.kind === "node" ? this.highlight.selection.id : null;
    const node = this.highlight.hoveredNode ?? selected;
    if (!node || !this.graph.hasNode(node) || (this.view && !this.view.nodes.has(node))) return;
    const { x, y } = sigma.graphToViewport(this.graph.getNodeAttributes(node));
    const size = sigma.scaleSize(this.graph.getNodeAttribute(node, "size"));
    const fontSize = sigma.getSetting("labelSize");
    this.measure.font = `${fontSize}px ${sigma.getSetting("labelFont")}`;
    const width = this.measure.measureText(this.graph.getNodeAttribute(node, "label")).width;
    this.placer.reserve(x - size - 2, y - fontSize / 2 - 3, x + size + width + 8, y + fontSize / 2 + 3);
  }

  private readonly measure = document.createElement("canvas").getContext("2d")!;

  /** Whether a focus fades the rest (large graphs): a hovered or selected node, or a selected relation. */
  private layerDimmed(): boolean {
    return this.highlight.focus !== null || this.highlight.selectedRelation !== null;
  }

  /** The nodes a focus lights: the focus and its neighbours, or a selected relation's ends. */
  private litNodes(): Set<string> {
    const { highlight } = this;
    if (highlight.focus !== null) return new Set([highlight.focus, ...highlight.focusNeighbours]);
    const relation = highlight.selectedRelation;
    return new Set(relation ? this.graph.extremities(relation) : []);
  }

  private litEdges(): string[] {
    const { highlight } = this;
    const edges = highlight.focus !== null ? [...highlight.focusEdges] : [];
    if (highlight.selectedRelation) edges.push(highlight.selectedRelation);
    if (highlight.hoveredEdge) edges.push(highlight.hoveredEdge);
    return edges.filter((edge) => !this.view || this.view.relations.has(edge));
  }

  refreshHighlight(change: Partial<Pick<Highlight, "hoveredNode" | "hoveredEdge" | "selection">>): void {
    const { sigma } = this;
    const litBefore = this.large ? this.litNodes() : null;
    if (!this.highlight.update(change) || !sigma) return;
    if (litBefore && this.loaded) {
      // Large graphs: only the nodes entering or leaving the light change; the rest is faded by CSS.
      const start = performance.now();
      this.container.classList.toggle("dim-rest", this.layerDimmed());
      const changed = new Set([...litBefore, ...this.litNodes()]);
      if (this.highlight.selection?.kind === "node") changed.add(this.highlight.selection.id);
      if (this.fullRefreshPending) this.fullRefresh(sigma);
      else
        sigma.refresh({
          partialGraph: { nodes: [...changed], edges: [] },
          skipIndexation: true,
          schedule: true,
        });
      performance.measure("peacegraph:highlight", { start });
      return;
    }
    // The reducers' time, for the bench (a partial repaint runs them here, not in the frame).
    const start = performance.now();
    this.repaint(sigma);
    performance.measure("peacegraph:highlight", { start });
  }

  private repaint(sigma: ViewerSigma): void {
    // A highlight changes colours, labels and sizes, never which items exist: once everything is in
    // and indexed, each item is repainted in place (no re-indexation, label grid or bounding box).
    // Lit nodes reach the top through sigma's highlighted layer, not by re-sorting. With z-ordering
    // on (small graphs) lit edges move on top too, which only a full refresh does.
    if (this.loaded && !this.fullRefreshPending && !sigma.getSetting("zIndex"))
      sigma.refresh({
        partialGraph: { nodes: this.graph.nodes(), edges: this.graph.edges() },
        skipIndexation: true,
        schedule: true,
      });
    else this.fullRefresh(sigma);
  }

  /**
   * A full refresh clears sigma's indexes until its next frame re-processes the graph; a repaint in
   * place before then would find none, so it waits for that frame (fullRefreshPending).
   */
  private fullRefresh(sigma: ViewerSigma): void {
    this.fullRefreshPending = true;
    sigma.refresh({ schedule: true });
  }

  select(selection: Selection): void {
    this.refreshHighlight({ selection });
  }

  setLooks(looks: ReadonlyMap<string, NodeLook>): void {
    applyLooks(this.graph, looks);
    this.highlight.refocus();
  }

  setLabelDensity(density: LabelDensity): void {
    if (!this.sigma || density === this.density) return;
    this.density = density;
    setLabelDensity(this.sigma, density);
    // Changing a setting makes sigma refresh in full on its next frame.
    this.fullRefreshPending = true;
  }

  setTheme(theme: Theme): void {
    this.theme = theme;
    if (this.sigma) {
      applyTheme(this.sigma, theme);
      this.fullRefresh(this.sigma);
    }
  }

  fit(nodes: string[]): Promise<void> {
    this.lastFit = { nodes, at: performance.now() };
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

/** Members of either set that are not in both. */
function changedMembers(before: ReadonlySet<string>, after: ReadonlySet<string>): string[] {
  const changed: string[] = [];
  for (const id of before) if (!after.has(id)) changed.push(id);
  for (const id of after) if (!before.has(id)) changed.push(id);
  return changed;
}
