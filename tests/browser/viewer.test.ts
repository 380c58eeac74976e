import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  cameraSettled,
  launchBrowser,
  openViewer,
  paintedPixels,
  snapshot,
  STATE_TIMEOUT_MS,
  waitForSnapshot,
  type TestBrowser,
} from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

// The viewer in a real Chromium against the real server over the seed graph: loading, search,
// selection, Escape, Back, filters, timeline, layout and the shareable URL.
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

  it(
    "draws the whole graph at first load in a few requests, within the cost budget",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on("request", (request) => {
        if (request.url().endsWith("/graphql")) requests.push(request.postData() ?? "");
      });
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
      // The first load: features, vocabulary and the drawing; no claims or quotes among them.
      const firstLoad = requests.filter((body) => !body.includes("ExportFormat"));
      expect(firstLoad.length).toBeLessThanOrEqual(3);
      expect(firstLoad.some((body) => body.includes("drawing"))).toBe(true);
      expect(firstLoad.some((body) => body.includes("quote"))).toBe(false);

      const { painted, total } = await paintedPixels(page, "[data-testid=graph]");
      // Nodes, edges and labels cover a visible share of the canvas; a blank WebGL canvas covers none.
      expect(painted / total).toBeGreaterThan(0.01);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-loaded.png") });
      await page.close();
    },
  );

  it(
    "finds Guterres with /, shows the seed article's quote with unknown outlet and URL, and Escape clears it",
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
      expect(await details.locator("h2").textContent()).toBe("António Guterres");
      const text = (await details.textContent()) ?? "";
      expect(text).toContain("has commended the recent agreement");
      expect(text).toContain("outlet unknown");
      expect(text).toContain("URL unknown");
      expect(await details.locator('a[href="https://www.wikidata.org/wiki/Q311440"]').count()).toBe(1);
      expect(new URL(page.url()).searchParams.get("node")).toBe("antonio-guterres");
      await cameraSettled(page);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-guterres.png") });

      // Escape, with nothing else done first (no click on the background, which would clear it too).
      expect((await snapshot(page)).selection).toEqual({ kind: "node", id: "antonio-guterres" });
      await page.keyboard.press("Escape");
      await waitForSnapshot(page, "s.selection === null");
      await page.locator("[data-testid=details]").waitFor({ state: "hidden" });
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

  it("goes Back to the previous selection, and Forward again", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/?node=antonio-guterres`);
    await page.locator("[data-testid=details][data-loaded=antonio-guterres]").waitFor();
    await page
      .locator("[data-testid=details] .relation-head .link-button", { hasText: "United Nations" })
      .click();
    await waitForSnapshot(page, `s.selection?.id === "united-nations"`);
    await page.goBack();
    await waitForSnapshot(page, `s.selection?.id === "antonio-guterres"`);
    await page.locator("[data-testid=details][data-loaded=antonio-guterres]").waitFor();
    await page.goForward();
    await waitForSnapshot(page, `s.selection?.id === "united-nations"`);
    await page.close();
  });

  it("narrows the graph with the timeline", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const before = await snapshot(page);
    // Keyboard on the slider: End moves the start to the last month, December 2023.
    await page.locator("#timeline-from").focus();
    await page.keyboard.press("End");
    await page.waitForFunction(() => new URL(location.href).searchParams.get("from") === "2023-12", null, {
      timeout: STATE_TIMEOUT_MS,
    });
    const after = await waitForSnapshot(page, `s.visibleNodes < ${before.visibleNodes}`);
    expect(after.visibleRelations).toBeLessThan(before.visibleRelations);
    expect(after.visibleNodes).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-timeline.png") });
    await page.close();
  });

  it(
    "runs ForceAtlas2 in a worker on demand, keeps the new positions, and Reset layout puts the server's back",
    { timeout: 90_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const position = () => page.evaluate(() => window.__peacegraph!.nodePosition("armenia"));
      const before = (await position())!;
      const button = page.locator("button[data-action=layout]");
      await button.click();
      await page.waitForFunction(
        ({ x, y }) => {
          const now = window.__peacegraph!.nodePosition("armenia")!;
          return Math.hypot(now.x - x, now.y - y) > 1;
        },
        before,
        { timeout: STATE_TIMEOUT_MS },
      );
      expect(await button.getAttribute("aria-pressed")).toBe("true");
      await button.click();
      await page.waitForFunction(
        () => {
          const toggle = document.querySelector("button[data-action=layout]") as HTMLButtonElement;
          return toggle.getAttribute("aria-pressed") === "false" && !toggle.disabled;
        },
        null,
        { timeout: STATE_TIMEOUT_MS },
      );
      const moved = (await position())!;
      expect(Math.hypot(moved.x - before.x, moved.y - before.y)).toBeGreaterThan(1);
      // Stopped means stopped: two frames later, the node has not moved.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      );
      expect(await position()).toEqual(moved);

      await page.locator("button", { hasText: "Reset layout" }).click();
      await page.waitForFunction(
        ({ x, y }) => {
          const now = window.__peacegraph!.nodePosition("armenia")!;
          return Math.hypot(now.x - x, now.y - y) < 0.5;
        },
        before,
        { timeout: STATE_TIMEOUT_MS },
      );
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
    const original = await cameraSettled(page);
    // The URL follows the camera after its write delay: wait until it holds the settled camera.
    await page.waitForFunction(
      (ratio) => {
        const params = new URL(location.href).searchParams;
        const camera = params.get("camera");
        return (
          camera !== null &&
          Math.abs(Number(camera.split(",")[2]) - ratio) < 1e-3 &&
          params.get("kinds") === "actor,event" &&
          params.get("from") !== null
        );
      },
      original.camera!.ratio,
      { timeout: STATE_TIMEOUT_MS },
    );
    const copied = page.url();
    // The view as the URL has it: the filters are applied (a frame after each change) before the
    // URL is written, so this snapshot is the state the link describes.
    const described = await snapshot(page);
    expect(described.camera).toEqual(original.camera);
    const params = new URL(copied).searchParams;
    expect(params.get("node")).toBe("antonio-guterres");
    expect(params.get("kinds")).toBe("actor,event");
    expect(params.get("from")).not.toBeNull();

    const reopened = await browser.newPage();
    await openViewer(reopened, copied);
    await reopened.locator("[data-testid=details][data-loaded=antonio-guterres]").waitFor();
    const restored = await snapshot(reopened);
    expect(restored.selection).toEqual(described.selection);
    expect(restored.visibleNodes).toBe(described.visibleNodes);
    expect(restored.visibleRelations).toBe(described.visibleRelations);
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
