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

/** Narrow screens (800 px, a tablet), the camera buttons and the keyboard help. */
describe("viewer on narrow screens and by keyboard", () => {
  let server: TestServer;
  let narrow: TestBrowser;
  let tablet: TestBrowser;
  let wide: TestBrowser;
  beforeAll(async () => {
    server = await startTestServer();
    [narrow, tablet, wide] = await Promise.all([
      launchBrowser({ viewport: { width: 800, height: 700 } }),
      launchBrowser({ viewport: { width: 1024, height: 768 }, hasTouch: true }),
      launchBrowser(),
    ]);
  });
  afterAll(async () => {
    await Promise.all([narrow?.close(), tablet?.close(), wide?.close()]);
    await server?.close();
  });

  it(
    "leaves most of an 800 px screen to the graph, with panels that open over it",
    { timeout: 60_000 },
    async () => {
      const page = await narrow.newPage();
      await openViewer(page, `${server.url}/?node=antonio-guterres`);
      await page.locator("[data-testid=details][data-loaded=antonio-guterres]").waitFor();
      const graph = (await page.locator("[data-testid=graph]").boundingBox())!;
      // The sidebar starts folded and the details lie over the graph: the graph keeps the full width.
      expect(graph.width).toBeGreaterThanOrEqual(780);
      expect(await page.locator("#sidebar").isVisible()).toBe(false);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-800px.png") });
      await page.locator("[data-action=toggle-sidebar]").click();
      await page.locator("#sidebar").waitFor({ state: "visible" });
      expect((await page.locator("[data-testid=graph]").boundingBox())!.width).toBeGreaterThanOrEqual(780);
      await page.locator('input[data-kind="place"]').uncheck();
      await waitForSnapshot(page, "s.visibleNodes < s.nodes");
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-800px-filters.png") });
      await page.locator("[data-action=toggle-sidebar]").click();
      await page.locator("#sidebar").waitFor({ state: "hidden" });
      await page.close();
    },
  );

  it("selects a node by touch on a tablet", { timeout: 60_000 }, async () => {
    const page = await tablet.newPage();
    await openViewer(page, `${server.url}/`);
    const position = await page.evaluate(() => window.__peacegraph!.nodePosition("armenia"));
    await page.touchscreen.tap(position!.x, position!.y);
    await waitForSnapshot(page, `s.selection?.id === "armenia"`);
    await page.locator("[data-testid=details][data-loaded=armenia]").waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-tablet.png") });
    await page.close();
  });

  it("zooms, fits and goes fullscreen from the buttons and the keys", { timeout: 60_000 }, async () => {
    const page = await wide.newPage();
    await openViewer(page, `${server.url}/`);
    const start = (await snapshot(page)).camera!.ratio;
    await page.locator("button[data-action=zoomIn]").click();
    const zoomedIn = await waitForSnapshot(page, `!s.cameraMoving && s.camera.ratio < ${start * 0.8}`);
    await page.keyboard.press("-");
    await waitForSnapshot(page, `!s.cameraMoving && s.camera.ratio > ${zoomedIn.camera!.ratio * 1.2}`);
    await page.keyboard.press("+");
    await page.keyboard.press("+");
    await cameraSettled(page);
    await page.keyboard.press("0");
    await cameraSettled(page);
    // Fit shows every visible node.
    const outside = await page.evaluate(() =>
      ["armenia", "antonio-guterres", "nagorno-karabakh", "azerbaijan"].filter(
        (id) => !window.__peacegraph!.inViewport(id),
      ),
    );
    expect(outside).toEqual([]);
    await page.locator("button[data-action=fullscreen]").click();
    await page.waitForFunction(() => document.fullscreenElement?.classList.contains("graph-area") === true);
    await page.keyboard.press("f");
    await page.waitForFunction(() => document.fullscreenElement === null);
    await page.close();
  });

  it(
    "opens the keyboard help with ?, and Escape closes it without losing the selection",
    { timeout: 60_000 },
    async () => {
      const page = await wide.newPage();
      await openViewer(page, `${server.url}/?node=armenia`);
      await page.locator("[data-testid=details][data-loaded=armenia]").waitFor();
      await page.locator("body").press("?");
      const help = page.locator("[data-testid=help]");
      await help.waitFor();
      const text = (await help.textContent()) ?? "";
      for (const key of ["/", "Esc", "+ / −", "0", "f", "e", "t"]) expect(text).toContain(key);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-help.png") });
      await page.keyboard.press("Escape");
      await help.waitFor({ state: "hidden" });
      expect((await snapshot(page)).selection).toEqual({ kind: "node", id: "armenia" });
      // e: the ego view of the selection; t: the table.
      await page.keyboard.press("e");
      await waitForSnapshot(page, `s.focus?.kind === "ego" && s.focus.depth === 1`);
      await page.keyboard.press("t");
      await page.locator("[data-testid=data-table]").waitFor();
      await page.close();
    },
  );
});
