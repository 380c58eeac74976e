import type { ViewerSettings } from "../settings.ts";
import type { ViewerSigma } from "./renderer.ts";

/**
 * Camera moves: fit a set of nodes in view, and frame the graph so that a few far-off nodes do not
 * squash everything else into the middle.
 */

export interface BBox {
  x: [number, number];
  y: [number, number];
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * The box the camera frames by default. With many nodes, the box of the central `keep` share of
 * positions on each axis, widened by a margin, when the full extent is much larger: outliers stay
 * reachable by zooming out or with Fit, but the structure fills the screen.
 */
export function robustBBox(
  positions: Iterable<{ x: number; y: number }>,
  settings: ViewerSettings["camera"],
): BBox | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const { x, y } of positions) {
    xs.push(x);
    ys.push(y);
  }
  if (xs.length < settings.outlierMinNodes) return null;
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  const tail = (1 - settings.outlierKeep) / 2;
  const box: BBox = {
    x: [quantile(xs, tail), quantile(xs, 1 - tail)],
    y: [quantile(ys, tail), quantile(ys, 1 - tail)],
  };
  const full = Math.max(xs.at(-1)! - xs[0]!, ys.at(-1)! - ys[0]!);
  const core = Math.max(box.x[1] - box.x[0], box.y[1] - box.y[0]);
  if (core <= 0 || full < core * settings.outlierSpread) return null;
  const margin = core * 0.08;
  return {
    x: [box.x[0] - margin, box.x[1] + margin],
    y: [box.y[0] - margin, box.y[1] + margin],
  };
}

/**
 * Moves the camera so that every given node is in view, with some room around them. Positions are
 * taken from the graph's attributes through sigma's current framing, never from its display cache,
 * which holds raw coordinates between a refresh and the next render.
 */
export function fitNodes(sigma: ViewerSigma, nodes: string[], settings: ViewerSettings): Promise<void> {
  const target = cameraToFit(sigma, nodes, settings);
  if (!target) return Promise.resolve();
  return sigma
    .getCamera()
    .animate(target, { duration: settings.camera.flyDurationMs, easing: "quadraticInOut" });
}

/** The camera state that fits the nodes (see fitNodes); null when none is in the graph. */
export function cameraToFit(
  sigma: ViewerSigma,
  nodes: string[],
  settings: ViewerSettings,
): { x: number; y: number; ratio: number; angle: number } | null {
  const graph = sigma.getGraph();
  // A panel may just have opened beside the graph: measure the container as it is now.
  sigma.resize();
  const framed = nodes
    .filter((node) => graph.hasNode(node))
    .map((node) => sigma.viewportToFramedGraph(sigma.graphToViewport(graph.getNodeAttributes(node))));
  if (framed.length === 0) return null;
  const xs = framed.map((point) => point.x);
  const ys = framed.map((point) => point.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const centre = { x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
  // The group's size on screen at ratio 1, centred: the ratio scales it linearly.
  const probe = { ...centre, ratio: 1, angle: 0 };
  const a = sigma.framedGraphToViewport({ x: minX, y: minY }, { cameraState: probe });
  const b = sigma.framedGraphToViewport({ x: maxX, y: maxY }, { cameraState: probe });
  const { width, height } = sigma.getDimensions();
  const needed = Math.max(
    Math.abs(b.x - a.x) / Math.max(1, width),
    Math.abs(b.y - a.y) / Math.max(1, height),
  );
  const ratio =
    framed.length === 1 || needed === 0
      ? settings.camera.focusRatio
      : Math.max(
          settings.camera.minRatio,
          Math.min(settings.camera.maxRatio, needed * settings.camera.fitPadding),
        );
  return { ...centre, ratio, angle: 0 };
}
