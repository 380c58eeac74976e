import { NODE_KINDS, RELATION_FAMILIES, type Dataset } from "../data/dataset.ts";
import { el } from "../dom.ts";
import { swatch } from "./swatch.ts";

/** What the colours and sizes mean, from the API's own encoding (node type colours, family colours). */
export function legend(dataset: Dataset): HTMLElement {
  const familyColor = new Map(dataset.relationTypes.map((type) => [type.family, type.color]));
  return el(
    "section",
    { className: "legend", attrs: { "aria-label": "Legend" } },
    el("h2", { text: "Legend" }),
    ...NODE_KINDS.map((kind) => {
      const types = dataset.nodeTypes.filter((type) => type.kind === kind && type.count > 0);
      if (types.length === 0) return null;
      return el(
        "details",
        { className: "legend-kind" },
        el("summary", {}, swatch(types[0]!.color), `${kind} (${types.reduce((n, t) => n + t.count, 0)})`),
        el(
          "ul",
          {},
          ...types.map((type) => el("li", {}, swatch(type.color), `${type.label} (${type.count})`)),
        ),
      );
    }),
    el(
      "ul",
      { className: "legend-families" },
      ...RELATION_FAMILIES.filter((family) => familyColor.has(family)).map((family) =>
        el("li", {}, swatch(familyColor.get(family)!, "line"), family),
      ),
    ),
    el("p", {
      className: "muted",
      text: "Node size grows with the number of relations; edge width with the number of sources. Curves separate relations between the same pair.",
    }),
  );
}
