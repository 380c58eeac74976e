import { el } from "../dom.ts";

export interface GraphButtonActions {
  zoomIn(): void;
  zoomOut(): void;
  fit(): void;
  fullscreen(): void;
  help(): void;
}

/** Zoom, fit and fullscreen over the graph's corner, for those without a wheel or a keyboard. */
export function graphButtons(actions: GraphButtonActions): HTMLElement {
  const button = (action: keyof GraphButtonActions, text: string, label: string) => {
    const element = el("button", {
      className: "graph-button",
      attrs: { type: "button", "data-action": action, "aria-label": label, title: label },
      text,
    });
    element.addEventListener("click", () => actions[action]());
    return element;
  };
  return el(
    "div",
    { className: "graph-buttons", attrs: { role: "toolbar", "aria-label": "Camera" } },
    button("zoomIn", "+", "Zoom in (+)"),
    button("zoomOut", "−", "Zoom out (−)"),
    button("fit", "◎", "Fit the visible graph (0)"),
    button("fullscreen", "⤢", "Fullscreen (f)"),
    button("help", "?", "Keyboard help (?)"),
  );
}
