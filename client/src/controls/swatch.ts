import { el } from "../dom.ts";

/** A colour chip. The colour is set through the CSSOM, which accepts only a valid colour value. */
export function swatch(color: string, shape: "dot" | "line" = "dot"): HTMLElement {
  const chip = el("span", { className: `swatch swatch-${shape}`, attrs: { "aria-hidden": "true" } });
  chip.style.backgroundColor = color;
  return chip;
}
