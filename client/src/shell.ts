import { el } from "./dom.ts";

/** The page's fixed regions; controls are mounted into them as their data arrives. */
export interface Shell {
  header: HTMLElement;
  toolbar: HTMLElement;
  sidebar: HTMLElement;
  graph: HTMLElement;
  /** Over the graph: legend, camera buttons, focus bar. */
  graphArea: HTMLElement;
  details: HTMLElement;
  timeline: HTMLElement;
  table: HTMLElement;
  status: HTMLElement;
}

/**
 * Header, a collapsible sidebar, the graph with the timeline and table under it, and the details
 * panel. On narrow screens (under 900 px) the sidebar starts folded and both side panels lie over
 * the graph instead of squeezing it; the toggle buttons open and close them.
 */
export function buildShell(root: HTMLElement): Shell {
  const toolbar = el("div", { className: "toolbar" });
  const sidebarToggle = el("button", {
    className: "panel-toggle",
    attrs: {
      type: "button",
      "aria-controls": "sidebar",
      "aria-expanded": "true",
      "data-action": "toggle-sidebar",
    },
    text: "☰ Filters",
  });
  const header = el(
    "header",
    { className: "app-header" },
    sidebarToggle,
    el("h1", { text: "peacegraph" }),
    el("span", { className: "tagline", text: "Armenia–Azerbaijan peace process, every fact quoted" }),
    toolbar,
  );
  const sidebar = el("div", {
    className: "sidebar",
    attrs: { id: "sidebar", "aria-label": "Filters and legend" },
  });
  const graph = el("div", {
    className: "graph",
    attrs: { role: "img", "aria-label": "Graph of actors, events and places", "data-testid": "graph" },
  });
  const status = el("p", { className: "status", attrs: { role: "status", "aria-live": "polite" } });
  const graphArea = el("div", { className: "graph-area" }, graph, status);
  const timeline = el("div", { className: "timeline-slot" });
  const table = el("div", { className: "table-slot" });
  const details = el("div", { className: "details-slot" });
  const main = el("main", { className: "stage" }, graphArea, timeline, table);
  const body = el("div", { className: "body" }, sidebar, main, details);
  root.replaceChildren(header, body);

  const narrow = window.matchMedia("(max-width: 900px)");
  const setSidebar = (open: boolean) => {
    body.classList.toggle("sidebar-closed", !open);
    sidebarToggle.setAttribute("aria-expanded", String(open));
  };
  setSidebar(!narrow.matches);
  narrow.addEventListener("change", () => setSidebar(!narrow.matches));
  sidebarToggle.addEventListener("click", () => setSidebar(body.classList.contains("sidebar-closed")));
  return { header, toolbar, sidebar, graph, graphArea, details, timeline, table, status };
}
