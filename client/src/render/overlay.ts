import type { Modality } from "../data/dataset.ts";
import type { FilteredView } from "../state/filtered-view.ts";
import type { ViewerSigma } from "./renderer.ts";

/**
 * A 2D layer over sigma's canvases for marks WebGL does not draw: a badge on every visible disputed
 * node and relation (sources disagree about it), and a mark on relations whose sources hedge,
 * announce or deny them. Redrawn after each sigma frame; only marks inside the viewport are drawn.
 */

export interface OverlayInputs {
  view: () => FilteredView | null;
  disputedNodes: () => ReadonlySet<string>;
  disputedRelations: () => ReadonlySet<string>;
  /** Relations whose modality is not asserted. */
  modalities: () => ReadonlyMap<string, Modality>;
  badgeColor: () => string;
  textColor: () => string;
  /** Whether an item is dimmed by the current focus (its mark is drawn faint). */
  dimmed: (kind: "node" | "edge", id: string) => boolean;
  /** Edges to draw lit over sigma's faded layers (large graphs with a focus). */
  litEdges: () => string[];
}

/** A hub's lit edges beyond this many are left to the faded layer. */
const MAX_LIT_EDGES = 5_000;

const MODALITY_MARKS: Record<Exclude<Modality, "asserted">, string> = {
  announced: "…",
  hedged: "?",
  negated: "✕",
};

export class Overlay {
  readonly canvas: HTMLCanvasElement;
  /** Badges drawn in the last frame, for the tests. */
  drawnBadges = 0;
  drawnMarks = 0;
  drawnLitEdges = 0;

  constructor(
    private readonly sigma: ViewerSigma,
    private readonly inputs: OverlayInputs,
  ) {
    this.canvas = document.createElement("canvas");
    this.canvas.className = "graph-overlay";
    this.canvas.setAttribute("aria-hidden", "true");
    sigma.getContainer().append(this.canvas);
    sigma.on("afterRender", () => this.draw());
  }

  private badge(context: CanvasRenderingContext2D, x: number, y: number, faint: boolean): void {
    context.globalAlpha = faint ? 0.35 : 1;
    context.beginPath();
    context.arc(x, y, 6.5, 0, Math.PI * 2);
    context.fillStyle = this.inputs.badgeColor();
    context.fill();
    context.lineWidth = 1.5;
    context.strokeStyle = "#ffffff";
    context.stroke();
    context.fillStyle = "#ffffff";
    context.fillText("!", x, y + 0.5);
    this.drawnBadges++;
  }

  /** Where an edge is drawn halfway: the midpoint, pushed out along the normal for curved edges. */
  private edgeMiddle(edge: string): { x: number; y: number } | null {
    const graph = this.sigma.getGraph();
    const [source, target] = graph.extremities(edge);
    const a = this.sigma.graphToViewport(graph.getNodeAttributes(source));
    const b = this.sigma.graphToViewport(graph.getNodeAttributes(target));
    const curvature = graph.getEdgeAttribute(edge, "curvature") ?? 0;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    return { x: (a.x + b.x) / 2 + (dy * curvature) / 2, y: (a.y + b.y) / 2 - (dx * curvature) / 2 };
  }

  draw(): void {
    const { width, height } = this.sigma.getDimensions();
    const ratio = window.devicePixelRatio || 1;
    if (
      this.canvas.width !== Math.round(width * ratio) ||
      this.canvas.height !== Math.round(height * ratio)
    ) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(height * ratio);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const context = this.canvas.getContext("2d");
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    this.drawnBadges = 0;
    this.drawnMarks = 0;
    const view = this.inputs.view();
    const graph = this.sigma.getGraph();
    const inside = (p: { x: number; y: number }) =>
      p.x >= -8 && p.y >= -8 && p.x <= width + 8 && p.y <= height + 8;
    context.font = "bold 10px system-ui, sans-serif";
    context.textAlign = "center";
    context.textBaseline = "middle";

    const lit = this.inputs.litEdges();
    context.lineWidth = 1.5;
    for (const edge of lit.slice(0, MAX_LIT_EDGES)) {
      if (!graph.hasEdge(edge)) continue;
      const [source, target] = graph.extremities(edge);
      const a = this.sigma.graphToViewport(graph.getNodeAttributes(source));
      const b = this.sigma.graphToViewport(graph.getNodeAttributes(target));
      context.strokeStyle = graph.getEdgeAttribute(edge, "color");
      context.beginPath();
      context.moveTo(a.x, a.y);
      context.lineTo(b.x, b.y);
      context.stroke();
    }
    this.drawnLitEdges = Math.min(lit.length, MAX_LIT_EDGES);

    for (const [edge, modality] of this.inputs.modalities()) {
      if (modality === "asserted" || !graph.hasEdge(edge) || (view && !view.relations.has(edge))) continue;
      const middle = this.edgeMiddle(edge);
      if (!middle || !inside(middle)) continue;
      context.globalAlpha = this.inputs.dimmed("edge", edge) ? 0.3 : 1;
      context.fillStyle = this.inputs.textColor();
      context.fillText(MODALITY_MARKS[modality], middle.x, middle.y - 7);
      this.drawnMarks++;
    }
    for (const edge of this.inputs.disputedRelations()) {
      if (!graph.hasEdge(edge) || (view && !view.relations.has(edge))) continue;
      const middle = this.edgeMiddle(edge);
      if (middle && inside(middle)) this.badge(context, middle.x, middle.y, this.inputs.dimmed("edge", edge));
    }
    for (const node of this.inputs.disputedNodes()) {
      if (!graph.hasNode(node) || (view && !view.nodes.has(node))) continue;
      const data = this.sigma.getNodeDisplayData(node);
      if (!data) continue;
      const centre = this.sigma.graphToViewport(graph.getNodeAttributes(node));
      const radius = this.sigma.scaleSize(data.size);
      const corner = { x: centre.x + radius * 0.8 + 3, y: centre.y - radius * 0.8 - 3 };
      if (inside(corner)) this.badge(context, corner.x, corner.y, this.inputs.dimmed("node", node));
    }
    context.globalAlpha = 1;
  }
}
