import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  cameraSettled,
  launchBrowser,
  openViewer,
  snapshot,
  waitForSnapshot,
  type TestBrowser,
} from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Guterres' neighbourhood in the seed graph, written out by hand (an oracle independent of the API). */
const GUTERRES_DEPTH_1 = [
  "antonio-guterres",
  "guterres-commendation",
  "joint-statement-2023-12",
  "united-nations",
];
const GUTERRES_TO_AZERBAIJAN = ["antonio-guterres", "azerbaijan", "joint-statement-2023-12"];

describe("viewer focus", () => {
  let server: TestServer;
  let browser: TestBrowser;
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visibleNodes = (page: import("playwright-core").Page) =>
    page.evaluate(
      (ids) => ids.filter((id) => window.__peacegraph!.nodeDisplay(id)?.hidden === false),
      [
        "antonio-guterres",
        "guterres-commendation",
        "joint-statement-2023-12",
        "united-nations",
        "azerbaijan",
        "armenia",
        "russia",
      ],
    );

  it("fits a selected node and all its neighbours in view", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    // Zoom in on the middle of the graph, far from Guterres: without a fit, his neighbours stay out.
    for (let i = 0; i < 3; i++) {
      await page.locator("button[data-action=zoomIn]").click();
      await cameraSettled(page);
    }
    const outside = await page.evaluate(
      (ids) => ids.filter((id) => !window.__peacegraph!.inViewport(id)),
      GUTERRES_DEPTH_1,
    );
    expect(outside.length).toBeGreaterThan(0);
    await page.keyboard.press("/");
    await page.keyboard.type("guterres");
    await page.locator('.search-option[data-node="antonio-guterres"]').waitFor();
    await page.keyboard.press("Enter");
    await cameraSettled(page);
    const inView = await page.evaluate(
      (ids) => ids.map((id) => window.__peacegraph!.inViewport(id)),
      GUTERRES_DEPTH_1,
    );
    expect(inView).toEqual(GUTERRES_DEPTH_1.map(() => true));
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-fit-on-select.png") });
    await page.close();
  });

  it(
    "shows the ego view of a node, depth 1 then 2, and back to the whole graph",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/?node=antonio-guterres`);
      const details = page.locator("[data-testid=details][data-loaded=antonio-guterres]");
      await details.waitFor();
      const whole = await snapshot(page);
      await details.locator("button[data-ego='1']").click();
      const ego = await waitForSnapshot(
        page,
        `s.focus?.kind === "ego" && s.visibleNodes === ${GUTERRES_DEPTH_1.length}`,
      );
      expect(ego.visibleRelations).toBe(3);
      expect((await visibleNodes(page)).sort()).toEqual(GUTERRES_DEPTH_1);
      expect(new URL(page.url()).searchParams.get("ego")).toBe("antonio-guterres,1");
      expect(await page.locator("[data-testid=focus-bar]").textContent()).toContain(
        "Ego view: António Guterres, 1 step",
      );
      await cameraSettled(page);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-ego.png") });

      await page.locator("[data-testid=details] button[data-ego='2']").click();
      const two = await waitForSnapshot(
        page,
        `s.focus?.depth === 2 && s.visibleNodes > ${GUTERRES_DEPTH_1.length}`,
      );
      expect(two.visibleNodes).toBeLessThan(whole.visibleNodes);
      // Back returns to depth 1: a focus is a history entry.
      await page.goBack();
      await waitForSnapshot(page, `s.focus?.depth === 1 && s.visibleNodes === ${GUTERRES_DEPTH_1.length}`);
      await page.locator("[data-action=exit-focus]").click();
      await waitForSnapshot(page, `s.focus === null && s.visibleNodes === ${whole.visibleNodes}`);
      await page.close();
    },
  );

  it("finds the shortest paths between two nodes and draws them", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/?node=antonio-guterres`);
    const details = page.locator("[data-testid=details][data-loaded=antonio-guterres]");
    await details.waitFor();
    await details.locator(".path-row input").fill("azerbaijan");
    await page.locator('#path-suggestions .search-option[data-node="azerbaijan"]').waitFor();
    await page.locator('#path-suggestions .search-option[data-node="azerbaijan"]').click();
    const state = await waitForSnapshot(page, `s.focus?.kind === "path" && s.visibleNodes === 3`);
    expect(state.visibleRelations).toBe(2);
    expect((await visibleNodes(page)).sort()).toEqual(GUTERRES_TO_AZERBAIJAN);
    expect(new URL(page.url()).searchParams.get("path")).toBe("antonio-guterres,azerbaijan");
    // The path is drawn lit: its relations thicker than drawn plain, each labelled.
    const edge = await page.evaluate(() =>
      window.__peacegraph!.edgeDisplay("azerbaijan--ISSUED--joint-statement-2023-12"),
    );
    expect(edge?.hidden).toBe(false);
    expect(edge?.label).toBe("issued");
    expect(await page.locator("[data-testid=focus-bar]").textContent()).toContain("1 found");
    await cameraSettled(page);
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-path.png") });
    await page.close();
  });
});
