import { el } from "../dom.ts";
import type { LayoutController, LayoutPhase } from "../layout/layout-controller.ts";

const BUTTON_TEXT: Record<LayoutPhase, string> = {
  idle: "▶ Run layout",
  running: "■ Stop layout",
  settling: "Removing overlaps…",
};

/** Start/stop ForceAtlas2 and put back the server's layout. */
export class LayoutControl {
  readonly element: HTMLElement;
  private readonly toggle: HTMLButtonElement;

  constructor(controller: () => LayoutController | null, onRestore: () => void) {
    this.toggle = el("button", {
      attrs: {
        type: "button",
        "data-action": "layout",
        title: "ForceAtlas2 in a web worker; stops by itself",
      },
      text: BUTTON_TEXT.idle,
    });
    this.toggle.addEventListener("click", () => controller()?.toggle());
    const restore = el("button", {
      attrs: { type: "button", title: "Back to the server's precomputed layout" },
      text: "Reset layout",
    });
    restore.addEventListener("click", onRestore);
    this.element = el("div", { className: "layout-control" }, this.toggle, restore);
  }

  show(phase: LayoutPhase): void {
    this.toggle.textContent = BUTTON_TEXT[phase];
    this.toggle.disabled = phase === "settling";
    this.toggle.setAttribute("aria-pressed", String(phase === "running"));
  }
}
