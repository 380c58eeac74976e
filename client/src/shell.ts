import { el } from "./dom.ts";

/** The page's fixed regions; controls are mounted into them as their data arrives. */
export interface Shell {
  header: HTMLElement;
  toolbar: HTMLElement;
  sidebar: HTMLElement;
  graph: HTMLElement;
  details: HTMLElement;
  timeline: HTMLElement;
  status: HTMLElement;
}

export function buildShell(root: HTMLElement): Shell {
  const toolbar = el("div", { className: "toolbar" });
  const header = el(
    "header",
    { className: "app-header" },
    el("h1", { text: "peacegraph" }),
    el("span", { className: "tagline", text: "Armenia–Azerbaijan peace process, every fact quoted" }),
    toolbar,
  );
  const sidebar = el("div", { className: "sidebar", attrs: { "aria-label": "Filters and legend" } });
  const graph = el("div", {
    className: "graph",
    attrs: { role: "img", "aria-label": "Graph of actors, events and places", "data-testid": "graph" },
  });
  const status = el("p", { className: "status", attrs: { role: "status", "aria-live": "polite" } });
  const timeline = el("div", { className: "timeline-slot" });
  const details = el("div", { className: "details-slot" });
  const main = el("main", { className: "stage" }, graph, status, timeline);
  root.replaceChildren(header, el("div", { className: "body" }, sidebar, main, details));
  return { header, toolbar, sidebar, graph, details, timeline, status };
}
