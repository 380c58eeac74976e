import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  launchBrowser,
  openViewer,
  snapshot,
  waitForSnapshot,
  type TestBrowser,
} from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Analyst tools: size and colour by a metric or community, and a sortable table following filters. */
describe("viewer analysis", () => {
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

  const look = (page: import("playwright-core").Page, id: string) =>
    page.evaluate((node) => window.__peacegraph!.nodeLook(node)!, id);

  it(
    "sizes nodes by degree, capped, and by PageRank or betweenness when asked",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const armenia = await look(page, "armenia");
      const guterres = await look(page, "antonio-guterres");
      // Armenia has the most relations: the largest node, at the cap (15 px for a graph this size).
      expect(armenia.size).toBeCloseTo(15, 5);
      expect(guterres.size).toBeLessThan(armenia.size);
      await page.locator("#size-by").selectOption("betweenness");
      await page.waitForFunction(
        (before) => window.__peacegraph!.nodeLook("antonio-guterres")!.size !== before,
        guterres.size,
        { timeout: 20_000 },
      );
      // Armenia lies on most shortest paths: still the largest.
      expect((await look(page, "armenia")).size).toBeCloseTo(15, 5);
      await page.waitForFunction(() => new URL(location.href).searchParams.get("size") === "betweenness");
      await page.locator("#size-by").selectOption("pagerank");
      await waitForSnapshot(page, `s.appearance.sizeBy === "pagerank"`);
      await page.close();
    },
  );

  it(
    "colours nodes by Louvain community, with a legend of the communities",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const typeColour = (await look(page, "azerbaijan")).color;
      await page.locator("#color-by").selectOption("community");
      await page.locator("[data-testid=legend] [data-legend-category^='community']").first().waitFor();
      const communities = await page
        .locator("[data-testid=legend] [data-legend-category^='community']")
        .count();
      expect(communities).toBeGreaterThan(1);
      const colours = await page.evaluate(() =>
        ["armenia", "azerbaijan", "antonio-guterres", "united-nations", "nagorno-karabakh"].map(
          (id) => window.__peacegraph!.nodeLook(id)!.color,
        ),
      );
      expect(new Set(colours).size).toBeGreaterThan(1);
      // Guterres and the UN he leads sit in one community.
      expect(colours[2]).toBe(colours[3]);
      expect(colours[1]).not.toBe(typeColour);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-communities.png") });
      await page.close();
    },
  );

  it(
    "lists the visible nodes and relations in a sortable table that follows the filters",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      await page.locator("button[data-action=table]").click();
      const table = page.locator("[data-testid=data-table]");
      await table.waitFor();
      expect(await table.locator(".table-tabs .muted").textContent()).toBe(
        `${(await snapshot(page)).nodes} nodes shown`,
      );
      // Sort by relations, largest first: Armenia on top.
      await table.locator("[data-column=degree]").click();
      expect(await table.locator("[data-column=degree]").getAttribute("aria-sort")).toBe("descending");
      const first = table.locator(".table-rows .table-row").first();
      expect(await first.getAttribute("data-row")).toBe("armenia");
      const degrees = await table
        .locator(".table-rows .table-row")
        .evaluateAll((rows) => rows.slice(0, 10).map((row) => Number(row.children[2]!.textContent)));
      expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
      await table.locator("[data-column=degree]").click();
      expect(await table.locator("[data-column=degree]").getAttribute("aria-sort")).toBe("ascending");

      await page.locator('input[data-kind="place"]').uncheck();
      const state = await waitForSnapshot(page, "s.visibleNodes < s.nodes");
      await page.waitForFunction(
        (count) =>
          document.querySelector("[data-testid=data-table] .table-tabs .muted")?.textContent ===
          `${count} nodes shown`,
        state.visibleNodes,
      );
      await table.locator("[data-tab=relations]").click();
      expect(await table.locator(".table-tabs .muted").textContent()).toBe(
        `${state.visibleRelations} relations shown`,
      );
      await table.locator(".table-rows .table-row").first().click();
      await waitForSnapshot(page, `s.selection?.kind === "relation"`);
      expect((await snapshot(page)).selection).not.toBeNull();
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-table.png") });
      await page.close();
    },
  );
});
