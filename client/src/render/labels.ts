import type { NodeDisplayData, PartialButFor } from "sigma/types";
import type { LabelDensity } from "../state/navigation.ts";
import type { LabelFlags } from "./reducers.ts";
import type { Theme } from "./theme.ts";

/**
 * Collision-aware node labels. Sigma picks candidate labels per grid cell; this drawer then places
 * each one right of its node, else left, below or above, wherever it overlaps no label already drawn
 * in this frame, and skips it when all four overlap. The boxed label of the hovered or selected node
 * is drawn on sigma's hover layer instead, so it is never hidden.
 */

type LabelData = PartialButFor<NodeDisplayData, "x" | "y" | "size" | "label" | "color"> &
  LabelFlags & { key?: string };

interface LabelSettings {
  labelSize: number;
  labelWeight: string;
  labelFont: string;
}

/** Sigma's label settings for each density: how many candidates per cell, and how small a node may be. */
export const LABEL_DENSITY_SETTINGS: Record<
  LabelDensity,
  { labelDensity: number; labelGridCellSize: number; labelRenderedSizeThreshold: number }
> = {
  few: { labelDensity: 0.25, labelGridCellSize: 160, labelRenderedSizeThreshold: 9 },
  normal: { labelDensity: 0.7, labelGridCellSize: 110, labelRenderedSizeThreshold: 5 },
  many: { labelDensity: 2, labelGridCellSize: 60, labelRenderedSizeThreshold: 1 },
};

export class LabelPlacer {
  /** Boxes drawn this frame, flat: x1, y1, x2, y2, … */
  private boxes: number[] = [];
  private readonly widths = new Map<string, number>();
  private font = "";
  /** Which nodes may have a label now (large graphs with a focus: only the lit ones). */
  filter: (node: string) => boolean = () => true;
  /** Labels drawn and skipped in the last frame, for the tests and the bench. */
  drawn = 0;
  skipped = 0;

  reset(): void {
    this.boxes = [];
    this.drawn = 0;
    this.skipped = 0;
  }

  private collides(x1: number, y1: number, x2: number, y2: number): boolean {
    const boxes = this.boxes;
    for (let i = 0; i < boxes.length; i += 4)
      if (x1 < boxes[i + 2]! && x2 > boxes[i]! && y1 < boxes[i + 3]! && y2 > boxes[i + 1]!) return true;
    return false;
  }

  /** The boxes drawn in this frame so far. */
  lastBoxes(): [number, number, number, number][] {
    const boxes: [number, number, number, number][] = [];
    for (let i = 0; i < this.boxes.length; i += 4)
      boxes.push([this.boxes[i]!, this.boxes[i + 1]!, this.boxes[i + 2]!, this.boxes[i + 3]!]);
    return boxes;
  }

  /** Keeps a box free, such as the hovered node's label box. */
  reserve(x1: number, y1: number, x2: number, y2: number): void {
    this.boxes.push(x1, y1, x2, y2);
  }

  private width(context: CanvasRenderingContext2D, label: string): number {
    if (context.font !== this.font) {
      this.font = context.font;
      this.widths.clear();
    }
    let width = this.widths.get(label);
    if (width === undefined) {
      width = context.measureText(label).width;
      this.widths.set(label, width);
    }
    return width;
  }

  /** A drawer to give sigma as defaultDrawNodeLabel. */
  drawer(theme: () => Theme) {
    return (context: CanvasRenderingContext2D, data: LabelData, settings: LabelSettings): void => {
      if (!data.label || data.hoverBox || !this.filter(data.key ?? "")) return;
      const size = settings.labelSize;
      context.font = `${settings.labelWeight} ${size}px ${settings.labelFont}`;
      const width = this.width(context, data.label);
      const gap = 3;
      const half = size / 2 + 1;
      const candidates: [number, number][] = [
        [data.x + data.size + gap, data.y],
        [data.x - data.size - gap - width, data.y],
        [data.x - width / 2, data.y + data.size + gap + half],
        [data.x - width / 2, data.y - data.size - gap - half],
      ];
      // The labels canvas is sized in device pixels; boxes are in CSS pixels.
      const ratio = window.devicePixelRatio || 1;
      const right = context.canvas.width / ratio;
      const bottom = context.canvas.height / ratio;
      for (const [left, middle] of candidates) {
        const box: [number, number, number, number] = [
          left - 1,
          middle - half,
          left + width + 1,
          middle + half,
        ];
        // A label cut by the canvas edge is worse than one on the other side.
        if (box[0] < 0 || box[2] > right || box[1] < 0 || box[3] > bottom) continue;
        if (this.collides(...box)) continue;
        this.boxes.push(...box);
        this.drawn++;
        // A halo in the background colour keeps a label readable over edges.
        context.lineWidth = 3;
        context.strokeStyle = theme().background;
        context.strokeText(data.label, left, middle + size / 3);
        context.fillStyle = theme().label;
        context.fillText(data.label, left, middle + size / 3);
        return;
      }
      this.skipped++;
    };
  }
}
