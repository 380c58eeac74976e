import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticGraphData } from "../../bench/lib/synthetic-graph.ts";
import {
  ARTIFACTS,
  launchBrowser,
  openViewer,
  snapshot,
  STATE_TIMEOUT_MS,
  waitForSnapshot,
  type TestBrowser,
} from "../helpers/browser.ts";
import { PROJECT_ROOT } from "../helpers/fixture.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** The timeline's ticks, shading, zoom, histogram and playback; and the drawing mode past 5,000 relations. */
describe("viewer timeline and large graphs", () => {
  let seed: TestServer;
  let large: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    const dataDir = await writeSyntheticGraphData(PROJECT_ROOT, {
      nodes: 1_500,
      relations: 6_000,
      communities: 6,
    });
    [seed, large, browser] = await Promise.all([
      startTestServer(),
      // A short layout: this test is about drawing, not about positions.
      startTestServer({ layout: { iterations: 5, seed: 1 } }, dataDir),
      launchBrowser(),
    ]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await Promise.all([seed?.close(), large?.close()]);
  });

  const histogram = (page: import("playwright-core").Page) =>
    page.locator(".timeline-histogram").evaluate((canvas) => ({ ...(canvas as HTMLCanvasElement).dataset }));

  it("labels the years, shades the chosen range, and zooms into it", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${seed.url}/?from=2020-01&to=2023-12`);
    const before = await histogram(page);
    const years = before.years!.split(",").map(Number);
    expect(years.length).toBeGreaterThan(3);
    expect(years[0]).toBeGreaterThanOrEqual(1988);
    expect(years.at(-1)).toBeLessThanOrEqual(2023);
    // The shade: a column inside the range is tinted above the bars; one outside is not.
    const shade = await page.locator(".timeline-histogram").evaluate((element) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext("2d")!;
      const at = (fraction: number) => [
        ...context.getImageData(Math.floor(canvas.width * fraction), 2, 1, 1).data,
      ];
      return { inside: at(0.97), outside: at(0.3) };
    });
    expect(shade.inside[3]).toBeGreaterThan(0);
    expect(shade.outside[3]).toBe(0);

    const max = await page.locator("#timeline-from").getAttribute("max");
    await page.locator("[data-action=timeline-zoom]").click();
    await page.waitForFunction(
      () => document.querySelector(".timeline-histogram")!.getAttribute("data-window") === "2020-01/2023-12",
    );
    expect(Number(await page.locator("#timeline-from").getAttribute("max"))).toBeLessThan(Number(max));
    expect((await histogram(page)).years).toBe("2020,2021,2022,2023");
    await page.locator("[data-action=timeline-zoom]").click();
    await page.waitForFunction(
      (full) => document.querySelector("#timeline-from")!.getAttribute("max") === full,
      max,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-timeline-zoom.png") });
    await page.close();
  });

  it("counts in its histogram only what passes the other filters", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${seed.url}/`);
    const all = Number((await histogram(page)).passing);
    expect(all).toBeGreaterThan(0);
    await page.locator('input[data-kind="event"]').uncheck();
    await page.waitForFunction(
      (total) => Number(document.querySelector(".timeline-histogram")!.getAttribute("data-passing")) < total,
      all,
      { timeout: STATE_TIMEOUT_MS },
    );
    await page.close();
  });

  it("plays the range forward through time, and pauses", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${seed.url}/?from=2023-01&to=2023-03`);
    await page.locator("[data-action=timeline-play]").click();
    await waitForSnapshot(page, "s.timelinePlaying");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("from") === "2023-03", null, {
      timeout: STATE_TIMEOUT_MS,
    });
    await page.locator("[data-action=timeline-play]").click();
    await waitForSnapshot(page, "!s.timelinePlaying");
    const paused = new URL(page.url()).searchParams.get("from");
    expect(paused! >= "2023-03").toBe(true);
    await page.close();
  });

  it(
    "draws a graph past 5,000 relations for speed, fading the rest by layer around a focus",
    { timeout: 120_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${large.url}/`, 60_000);
      const state = await snapshot(page);
      expect(state.relations).toBeGreaterThan(5_000);
      expect(await page.evaluate(() => window.__peacegraph!.renderMode())).toEqual({
        hideEdgesOnMove: true,
        hideLabelsOnMove: true,
        nodes: "points",
        edges: "lines",
      });
      // A focused hub fades the rest by layer (no repaint of 6,000 edges) and draws its own edges over it.
      const stranger = await page.evaluate(() => window.__peacegraph!.nodeDisplay("event-7"));
      const position = await page.evaluate(() => window.__peacegraph!.nodePosition("actor-0"));
      await page.mouse.move(position!.x, position!.y);
      await page.waitForFunction(() => window.__peacegraph!.nodeDisplay("actor-0")?.highlighted, null, {
        timeout: 60_000,
      });
      const lit = await waitForSnapshot(page, "s.litEdges > 0", 60_000);
      const { node } = await large.query<{ node: { degree: number } }>(
        '{ node(id: "actor-0") { ... on Entity { degree } } }',
      );
      expect(lit.litEdges).toBeGreaterThan(Math.min(node.degree, 5_000) / 2);
      const faded = await page.evaluate(() => ({
        dimmed: document.querySelector("[data-testid=graph]")!.classList.contains("dim-rest"),
        edges: Number(getComputedStyle(document.querySelector("canvas.sigma-edges")!).opacity),
      }));
      expect(faded).toEqual({ dimmed: true, edges: 0.15 });
      // A node outside the neighbourhood was left as it was drawn: not repainted one by one.
      expect(await page.evaluate(() => window.__peacegraph!.nodeDisplay("event-7"))).toEqual(stranger);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-large-mode.png") });
      await page.close();

      // The seed graph keeps discs, arrows and dimmed (not hidden) edges.
      const small = await browser.newPage();
      await openViewer(small, `${seed.url}/`);
      expect(await small.evaluate(() => window.__peacegraph!.renderMode())).toEqual({
        hideEdgesOnMove: false,
        hideLabelsOnMove: false,
        nodes: "discs",
        edges: "arrows",
      });
      await small.close();
    },
  );
});
