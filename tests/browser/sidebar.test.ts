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

/** A sidebar that scales: facets with search and all/none, counts that follow, a legend that filters. */
describe("viewer sidebar", () => {
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
    "narrows a long facet with its search box, and all/none tick every value",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const facet = page.locator("[data-facet=node-type]");
      const rows = facet.locator("input[data-node-type]");
      const all = await rows.count();
      expect(all).toBeGreaterThan(12);
      await facet.locator(".facet-search").fill("court");
      await page.waitForFunction(
        () => document.querySelectorAll("[data-facet=node-type] input[data-node-type]").length < 5,
      );
      const matching = await rows.evaluateAll((inputs) =>
        inputs.map((input) => input.getAttribute("data-node-type")),
      );
      expect(matching).toContain("court");
      expect(matching.length).toBeLessThan(all);

      await facet.locator("[data-facet-action=none]").click();
      await waitForSnapshot(page, "s.visibleNodes === 0");
      await facet.locator("[data-facet-action=all]").click();
      const restored = await waitForSnapshot(page, "s.visibleNodes === s.nodes");
      expect(restored.visibleRelations).toBe(restored.relations);
      await page.close();
    },
  );

  it(
    "filters by each facet and corroboration, with counts that follow the filters",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      const before = await snapshot(page);
      const count = (selector: string) =>
        page.locator(selector).locator("xpath=..").locator(".count").textContent();

      // Node type: states out.
      await page.locator('input[data-node-type="state"]').uncheck();
      const noStates = await waitForSnapshot(page, `s.visibleNodes < ${before.visibleNodes}`);
      expect(await count('input[data-node-type="state"]')).toBe("0/7");
      await page.locator('input[data-node-type="state"]').check();
      await waitForSnapshot(page, `s.visibleNodes === ${before.visibleNodes}`);
      expect(noStates.visibleRelations).toBeLessThan(before.visibleRelations);

      // Source: only the normalisation article; BNN's relation count drops to the shared ones.
      const bnnBefore = await count('input[data-source="bnn-2023-12-29"]');
      await page.locator('input[data-source="bnn-2023-12-29"]').uncheck();
      const oneSource = await waitForSnapshot(page, `s.visibleRelations < ${before.visibleRelations}`);
      const bnnAfter = await count('input[data-source="bnn-2023-12-29"]');
      expect(bnnAfter).not.toBe(bnnBefore);
      await page.locator('input[data-source="bnn-2023-12-29"]').check();
      await waitForSnapshot(page, `s.visibleRelations === ${before.visibleRelations}`);
      expect(oneSource.visibleRelations).toBeGreaterThan(0);

      // Corroboration: the relations at least two sources support, as many as the API counts.
      const { relations } = await server.query<{ relations: { totalCount: number } }>(
        "{ relations(where: { minCorroboration: 2 }) { totalCount } }",
      );
      expect(relations.totalCount).toBeGreaterThan(0);
      await page.locator("#min-corroboration").selectOption("2");
      const corroborated = await waitForSnapshot(page, `s.visibleRelations === ${relations.totalCount}`);
      expect(corroborated.visibleNodes).toBeLessThan(before.visibleNodes);
      // Relation type counts show visible/total, by label.
      const welcomed = page.locator('input[data-relation-type="WELCOMED"]').locator("xpath=..");
      expect(await welcomed.locator(".facet-label").textContent()).toContain("welcomed");
      const { relationTypes } = await server.query<{ relationTypes: { id: string; count: number }[] }>(
        "{ relationTypes { id count } }",
      );
      const total = relationTypes.find((type) => type.id === "WELCOMED")!.count;
      expect(await welcomed.locator(".count").textContent()).toMatch(new RegExp(`^\\d+/${total}$`));
      await page.close();
    },
  );

  it("keeps the legend in view and filters when an entry is clicked", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const legend = page.locator("[data-testid=legend]");
    const box = await legend.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    expect(box!.y).toBeGreaterThan(0);
    const before = await snapshot(page);
    await legend.locator("[data-legend-kind=place]").click();
    await waitForSnapshot(page, `s.visibleNodes < ${before.visibleNodes}`);
    expect(await page.locator('input[data-kind="place"]').isChecked()).toBe(false);
    expect(await legend.locator("[data-legend-kind=place]").getAttribute("aria-pressed")).toBe("false");
    await legend.locator("[data-legend-family=conflict]").click();
    const noConflict = await waitForSnapshot(page, `s.visibleRelationsByType.ATTACKED === undefined`);
    expect(noConflict.visibleRelationsByType.WELCOMED).toBeGreaterThan(0);
    await legend.locator("[data-legend-kind=place]").click();
    await legend.locator("[data-legend-family=conflict]").click();
    await waitForSnapshot(
      page,
      `s.visibleNodes === ${before.visibleNodes} && s.visibleRelations === ${before.visibleRelations}`,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-legend.png") });
    await page.close();
  });

  it("lists every search result, marking the disputed, and picks one", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    await page.keyboard.press("/");
    await page.keyboard.type("a");
    const all = page.locator(".search-option[data-action=all-results]");
    await all.waitFor();
    await all.click();
    const results = page.locator("[data-testid=search-results]");
    await results.waitFor();
    const count = await results.locator("li").count();
    expect(count).toBeGreaterThan(8);
    expect(await results.locator("h2").textContent()).toContain(`${count} results`);
    expect(
      await results.locator('li:has(button[data-node="joint-statement-2023-12"]) .chip-disputed').count(),
    ).toBe(1);
    await results.locator('button[data-node="azerbaijan"]').click();
    await waitForSnapshot(page, `s.selection?.id === "azerbaijan"`);
    await page.close();
  });
});
