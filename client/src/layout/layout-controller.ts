// The server's own fit of ForceAtlas2 to the graph's size, so a re-run looks like the start-up layout.
import { forceAtlas2SettingsFor } from "../../../server/layout/forceatlas2-settings.ts";
import FA2LayoutSupervisor from "graphology-layout-forceatlas2/worker";
import NoverlapLayoutSupervisor from "graphology-layout-noverlap/worker";
import type { ViewerSettings } from "../settings.ts";
import type { ViewerGraph } from "../render/graph-model.ts";

export type LayoutPhase = "idle" | "running" | "settling";

/**
 * ForceAtlas2 in a web worker, started and stopped by the analyst, stopping by itself after a while
 * (react-sigma #15); then noverlap, also in a worker, pulls overlapping nodes apart. Positions stay
 * where the layout left them; `restore` puts back the server's precomputed, seeded layout.
 */
export class LayoutController {
  private fa2: FA2LayoutSupervisor | null = null;
  private noverlap: NoverlapLayoutSupervisor | null = null;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private phaseValue: LayoutPhase = "idle";

  constructor(
    private readonly graph: ViewerGraph,
    private readonly settings: ViewerSettings,
    /** Graph units per screen pixel at the current zoom, so noverlap can keep gaps in pixels. */
    private readonly unitsPerPixel: () => number,
    private readonly onPhase: (phase: LayoutPhase) => void,
  ) {}

  get phase(): LayoutPhase {
    return this.phaseValue;
  }

  start(): void {
    if (this.phaseValue !== "idle") this.halt();
    // A fresh supervisor each run: it copies the graph's edges into the worker when created.
    this.fa2 = new FA2LayoutSupervisor(this.graph, {
      settings: forceAtlas2SettingsFor(this.graph.order),
    });
    this.fa2.start();
    this.setPhase("running");
    this.timers.push(setTimeout(() => this.stop(), this.settings.layout.autoStopMs));
  }

  /** Stops ForceAtlas2 and lets noverlap settle the result. */
  stop(): void {
    if (this.phaseValue !== "running") return;
    this.clearTimers();
    this.fa2?.kill();
    this.fa2 = null;
    const scale = this.unitsPerPixel();
    const margin = this.settings.layout.noverlapMarginPx * scale;
    this.noverlap = new NoverlapLayoutSupervisor(this.graph, {
      settings: { margin, ratio: 1 },
      inputReducer: (_key, attributes) => ({
        x: attributes.x,
        y: attributes.y,
        size: (attributes.size ?? 1) * scale,
      }),
      onConverged: () => this.finish(),
    });
    this.noverlap.start();
    this.setPhase("settling");
    this.timers.push(setTimeout(() => this.finish(), this.settings.layout.noverlapMaxMs));
  }

  toggle(): void {
    if (this.phaseValue === "running") this.stop();
    else if (this.phaseValue === "idle") this.start();
  }

  /** Stops everything at once, keeping positions as they are. */
  halt(): void {
    this.clearTimers();
    this.fa2?.kill();
    this.fa2 = null;
    this.noverlap?.kill();
    this.noverlap = null;
    this.setPhase("idle");
  }

  /** Puts every node back at the given positions (the server's layout). */
  restore(positions: ReadonlyMap<string, { x: number; y: number }>): void {
    this.halt();
    this.graph.updateEachNodeAttributes(
      (node, attributes) => {
        const position = positions.get(node);
        return position ? { ...attributes, x: position.x, y: position.y } : attributes;
      },
      { attributes: ["x", "y"] },
    );
  }

  private finish(): void {
    this.clearTimers();
    this.noverlap?.kill();
    this.noverlap = null;
    this.setPhase("idle");
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
  }

  private setPhase(phase: LayoutPhase): void {
    if (phase === this.phaseValue) return;
    this.phaseValue = phase;
    this.onPhase(phase);
  }
}
