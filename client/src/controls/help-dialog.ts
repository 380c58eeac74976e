import { el } from "../dom.ts";
import { Dialog } from "./dialog.ts";

/** The keys the viewer answers to; `?` opens this list. */
export const KEYS: [string, string][] = [
  ["?", "this help"],
  ["/", "search nodes by name or alias"],
  ["↑ ↓, Enter", "move through suggestions, pick one"],
  ["Esc", "close a list or dialog, then clear the selection"],
  ["+ / −", "zoom in / out"],
  ["0", "fit the visible graph in view"],
  ["f", "fullscreen on or off"],
  ["e", "ego view of the selected node (press again for depth 2, then off)"],
  ["t", "show or hide the data table"],
  ["l", "cycle label density: few, normal, many"],
  ["Space", "play or pause the timeline (when it has focus)"],
  ["Tab", "every control is reachable, with a visible focus ring"],
];

export class HelpDialog {
  private readonly dialog = new Dialog("Keyboard", "help");

  constructor() {
    this.dialog.body.append(
      el(
        "table",
        { className: "keys" },
        el(
          "tbody",
          {},
          ...KEYS.map(([key, what]) =>
            el("tr", {}, el("th", {}, el("kbd", { text: key })), el("td", { text: what })),
          ),
        ),
      ),
    );
  }

  get open(): boolean {
    return this.dialog.open;
  }

  toggle(): void {
    if (this.dialog.open) this.dialog.close();
    else this.dialog.show();
  }
}
