import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  launchBrowser,
  openViewer,
  paintedPixels,
  snapshot,
  type TestBrowser,
} from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// The viewer in a real Chromium against the real server over the seed graph.
describe("viewer", () => {
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

  it("draws the whole graph at first load, within the API's cost budget", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const state = await snapshot(page);
    const stats = await server.query<{ stats: { nodes: number; relations: number } }>(
      "{ stats { nodes relations } }",
    );
    expect(state.nodes).toBe(stats.stats.nodes);
    expect(state.relations).toBe(stats.stats.relations);
    expect(state.visibleNodes).toBe(stats.stats.nodes);
    expect(state.maxCost).toBeGreaterThan(0);
    expect(state.maxCost).toBeLessThanOrEqual(state.costBudget ?? 0);

    const { painted, total } = await paintedPixels(page, "[data-testid=graph]");
    // Nodes, edges and labels cover a visible share of the canvas; a blank WebGL canvas covers none.
    expect(painted / total).toBeGreaterThan(0.01);
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-loaded.png") });
    await page.close();
  });

  it(
    "finds Guterres with / and shows the seed article's quote, with unknown outlet and URL",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      await page.keyboard.press("/");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("role"))).toBe("combobox");
      await page.keyboard.type("Guterres");
      await page.locator(".search-option").first().waitFor();
      expect(await page.locator(".search-option").first().getAttribute("data-node")).toBe("antonio-guterres");
      await page.keyboard.press("Enter");

      const details = page.locator("[data-testid=details][data-loaded=antonio-guterres]");
      await details.waitFor();
      await expect.poll(() => details.locator("h2").textContent()).toBe("António Guterres");
      const text = (await details.textContent()) ?? "";
      expect(text).toContain("has commended the recent agreement");
      expect(text).toContain("outlet unknown");
      expect(text).toContain("URL unknown");
      expect(await details.locator('a[href="https://www.wikidata.org/wiki/Q311440"]').count()).toBe(1);
      expect(new URL(page.url()).searchParams.get("node")).toBe("antonio-guterres");
      await page.waitForTimeout(700); // the camera's flight
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-guterres.png") });

      // Escape clears the selection and closes the panel.
      await page.locator("[data-testid=graph]").click({ position: { x: 5, y: 5 } });
      await page.keyboard.press("Escape");
      await expect.poll(async () => (await snapshot(page)).selection).toBeNull();
      expect(await page.locator("[data-testid=details]").isHidden()).toBe(true);
      await page.close();
    },
  );

  it("flags the joint statement's conflicting dates, each with its source", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/?node=joint-statement-2023-12`);
    const details = page.locator("[data-testid=details][data-loaded=joint-statement-2023-12]");
    await details.waitFor();
    const conflict = details.locator(".conflict").first();
    const text = (await conflict.textContent()) ?? "";
    expect(text).toContain("Sources disagree on the date");
    expect(text).toContain("2023-12-07");
    expect(text).toContain("2023-12-08");
    expect(text).toContain("BNN Breaking");
    await page.close();
  });

  it("shows a relation's claims when an edge is selected", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const id = "antonio-guterres--LEADS--united-nations";
    await openViewer(page, `${server.url}/?relation=${encodeURIComponent(id)}`);
    const details = page.locator(`[data-testid=details][data-loaded="${id}"]`);
    await details.waitFor();
    expect(await details.textContent()).toContain("The United Nations Secretary-General, Antonio Guterres");
    await page.close();
  });

  it(
    "hides a relation type's edges when its filter is unticked, and exports that view",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const before = await snapshot(page);
      expect(before.visibleRelationsByType.WELCOMED).toBeGreaterThan(0);

      await page.locator('input[data-relation-type="WELCOMED"]').uncheck();
      await expect.poll(async () => (await snapshot(page)).visibleRelationsByType.WELCOMED ?? 0).toBe(0);
      const after = await snapshot(page);
      expect(after.visibleRelations).toBe(before.visibleRelations - before.visibleRelationsByType.WELCOMED!);
      await expect.poll(() => new URL(page.url()).searchParams.get("types")).toMatch(/RELEASED/);
      expect(new URL(page.url()).searchParams.get("types")).not.toMatch(/WELCOMED/);

      await page.locator(".export-menu summary").click();
      const link = page.locator('a[data-export="gexf"]');
      await expect.poll(() => link.getAttribute("href")).toMatch(/^\/export\//);
      const href = (await link.getAttribute("href")) ?? "";
      const exportUrl = new URL(href, server.url);
      expect(exportUrl.pathname).toBe("/export/gexf");
      expect(exportUrl.searchParams.get("types")?.split(",")).not.toContain("WELCOMED");
      expect(exportUrl.searchParams.get("types")?.split(",")).toContain("RELEASED");
      // Every node still shows: the filters alone describe the view.
      expect(exportUrl.searchParams.get("ids")).toBeNull();

      // Fewer nodes than the graph holds: the visible ids go along, with depth 0.
      await page.locator('input[data-kind="place"]').uncheck();
      await expect.poll(async () => (await snapshot(page)).visibleNodes).toBeLessThan(after.visibleNodes);
      const narrowed = await snapshot(page);
      await expect
        .poll(async () =>
          new URL((await link.getAttribute("href")) ?? "", server.url).searchParams.get("depth"),
        )
        .toBe("0");
      const narrowedUrl = new URL((await link.getAttribute("href")) ?? "", server.url);
      expect(narrowedUrl.searchParams.get("kinds")).toBe("actor,event");
      expect(narrowedUrl.searchParams.get("ids")?.split(",").length).toBe(narrowed.visibleNodes);

      const download = page.waitForEvent("download");
      await page.locator('button[data-export="png"]').click();
      const file = await download;
      const saved = path.join(ARTIFACTS, "viewer-export.png");
      await file.saveAs(saved);
      const { readFile } = await import("node:fs/promises");
      const bytes = await readFile(saved);
      expect(bytes.subarray(1, 4).toString()).toBe("PNG");
      expect(bytes.length).toBeGreaterThan(5_000);
      await page.close();
    },
  );

  it("narrows the graph with the timeline", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const before = await snapshot(page);
    // Keyboard on the slider: End moves the start to the last month, December 2023.
    await page.locator("#timeline-from").focus();
    await page.keyboard.press("End");
    await expect.poll(() => new URL(page.url()).searchParams.get("from")).toBe("2023-12");
    const after = await snapshot(page);
    expect(after.visibleNodes).toBeLessThan(before.visibleNodes);
    expect(after.visibleRelations).toBeLessThan(before.visibleRelations);
    expect(after.visibleNodes).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-timeline.png") });
    await page.close();
  });

  it(
    "runs ForceAtlas2 in a worker on demand, then noverlap, and keeps the new positions",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const position = () => page.evaluate(() => window.__peacegraph!.nodePosition("armenia"));
      const before = await position();
      const button = page.locator("button[data-action=layout]");
      await button.click();
      await expect.poll(() => button.getAttribute("aria-pressed")).toBe("true");
      await page.waitForTimeout(1_500);
      await button.click();
      await expect.poll(() => button.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("false");
      await expect.poll(() => button.isDisabled(), { timeout: 10_000 }).toBe(false);
      const after = await position();
      expect(Math.hypot(after!.x - before!.x, after!.y - before!.y)).toBeGreaterThan(1);
      await page.waitForTimeout(500);
      expect(await position()).toEqual(after);
      await page.close();
    },
  );

  it("reopens the same selection, filters and camera from a copied URL", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    await page.keyboard.press("/");
    await page.keyboard.type("guterres");
    await page.locator(".search-option").first().waitFor();
    await page.keyboard.press("Enter");
    await page.locator('input[data-relation-type="WELCOMED"]').uncheck();
    await page.locator('input[data-kind="place"]').uncheck();
    await page.locator("#timeline-from").focus();
    await page.keyboard.press("PageUp");
    await page.waitForTimeout(1_000); // the camera's flight and the URL's write delay
    const original = await snapshot(page);
    const copied = page.url();
    const params = new URL(copied).searchParams;
    expect(params.get("node")).toBe("antonio-guterres");
    expect(params.get("kinds")).toBe("actor,event");
    expect(params.get("from")).not.toBeNull();
    expect(params.get("camera")).not.toBeNull();

    const reopened = await browser.newPage();
    await openViewer(reopened, copied);
    await reopened.locator("[data-testid=details][data-loaded=antonio-guterres]").waitFor();
    const restored = await snapshot(reopened);
    expect(restored.selection).toEqual(original.selection);
    expect(restored.visibleNodes).toBe(original.visibleNodes);
    expect(restored.visibleRelations).toBe(original.visibleRelations);
    expect(restored.camera!.ratio).toBeCloseTo(original.camera!.ratio, 3);
    expect(restored.camera!.x).toBeCloseTo(original.camera!.x, 3);
    expect(await reopened.locator('input[data-relation-type="WELCOMED"]').isChecked()).toBe(false);
    expect(await reopened.locator('input[data-kind="place"]').isChecked()).toBe(false);
    expect(await reopened.locator("#timeline-from").inputValue()).toBe(
      await page.locator("#timeline-from").inputValue(),
    );
    await reopened.screenshot({ path: path.join(ARTIFACTS, "viewer-reopened.png") });
    await reopened.close();
    await page.close();
  });
});
