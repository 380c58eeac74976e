import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ARTIFACTS,
  launchBrowser,
  openViewer,
  waitForSnapshot,
  type TestBrowser,
} from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Disputes everywhere a value is shown: the seed articles give 7 and 8 December 2023 for the joint
 * statement, and no view may show either date as settled.
 */
describe("viewer disputes", () => {
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

  /** Pixels of the badge colour on the overlay canvas, which only the dispute badges use. */
  const badgePixels = (page: import("playwright-core").Page) =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(".graph-overlay")!;
      const { data } = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height);
      let count = 0;
      for (let i = 0; i < data.length; i += 4)
        if (
          Math.abs(data[i]! - 0xd9) + Math.abs(data[i + 1]! - 0x82) + Math.abs(data[i + 2]! - 0x2b) < 40 &&
          data[i + 3]! > 200
        )
          count++;
      return count;
    });

  const conflicts = () =>
    server
      .query<{ conflicts: { id: string; kind: string; target: { id: string } }[] }>(
        "{ conflicts { id kind target { id } } }",
      )
      .then((data) => data.conflicts);

  it("marks every disputed node and relation with a badge on the canvas", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const all = await conflicts();
    expect(all.map((conflict) => conflict.target.id)).toContain("joint-statement-2023-12");
    const state = await waitForSnapshot(page, `s.badges === ${all.length}`);
    expect(state.badges).toBe(all.length);
    expect(await badgePixels(page)).toBeGreaterThan(30 * all.length);
    // Hidden by the filters, disputed items take their badges with them.
    await page.locator("[data-facet=kind] [data-facet-action=none]").click();
    await waitForSnapshot(page, "s.badges === 0 && s.visibleNodes === 0");
    expect(await badgePixels(page)).toBe(0);
    await page.close();
  });

  it("lists every dispute, with its kind, from the header and leads to it", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const all = await conflicts();
    const button = page.locator("button[data-action=conflicts]");
    expect(await button.textContent()).toContain(`Disputes (${all.length})`);
    await button.click();
    const dialog = page.locator("[data-testid=conflicts]");
    await dialog.waitFor();
    expect(await dialog.locator("button[data-conflict]").count()).toBe(all.length);
    const kinds = await dialog.locator(".conflict-entry .chip-disputed").allTextContents();
    expect(kinds.sort()).toEqual(all.map((conflict) => conflict.kind.toLowerCase()).sort());
    const entry = dialog.locator('.conflict-entry:has(button[data-conflict="joint-statement-2023-12#date"])');
    const text = (await entry.textContent()) ?? "";
    expect(text).toContain("Armenia–Azerbaijan joint statement of December 2023");
    expect(text).toContain("2023-12-07");
    expect(text).toContain("BNN Breaking");
    expect(text).toContain("2023-12-08");
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-disputes-list.png") });
    await entry.locator("button[data-conflict]").click();
    await waitForSnapshot(page, `s.selection?.id === "joint-statement-2023-12"`);
    await page.locator("[data-testid=details][data-loaded=joint-statement-2023-12]").waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await page.close();
  });

  it(
    "shows a disputed chip, not a settled date, for the node and for relations that inherit its date",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/?node=joint-statement-2023-12`);
      const details = page.locator("[data-testid=details][data-loaded=joint-statement-2023-12]");
      await details.waitFor();
      const meta = (await details.locator(".meta").first().textContent()) ?? "";
      expect(meta).toContain("disputed");
      expect(meta).toMatch(/2023-12-07.*BNN Breaking.*vs.*2023-12-08/);

      // Azerbaijan issued the statement; the relation's date is the statement's, inherited, and so
      // disputed too: never a bare "2023-12-07".
      const { node } = await server.query<{
        node: { dateOrigin: string; dateInheritedFrom: { id: string } };
      }>(
        '{ node(id: "azerbaijan--ISSUED--joint-statement-2023-12") { ... on Relation { dateOrigin dateInheritedFrom { id } } } }',
      );
      expect(node).toEqual({ dateOrigin: "EVENT", dateInheritedFrom: { id: "joint-statement-2023-12" } });
      const row = details.locator(
        '[data-relation-row="azerbaijan--ISSUED--joint-statement-2023-12"] .relation-meta',
      );
      const text = (await row.textContent()) ?? "";
      expect(text).toContain("disputed");
      expect(text).toContain("inherited from Armenia–Azerbaijan joint statement of December 2023");
      expect(await row.locator("[data-date-origin=event]").count()).toBe(1);
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-disputed-inherited.png") });
      await page.close();
    },
  );

  it("marks disputed nodes among the search suggestions", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    await page.keyboard.press("/");
    // "armenia" matches Armenia, the joint statement ("Armenia–Azerbaijan joint statement …") and more.
    await page.keyboard.type("armenia");
    await page.locator('.search-option[data-node="joint-statement-2023-12"]').waitFor();
    const options = await page.locator(".search-option[data-node]").evaluateAll((items) =>
      items.map((item) => ({
        node: item.getAttribute("data-node"),
        chip: item.querySelector(".chip-disputed") !== null,
      })),
    );
    expect(options.filter((option) => !option.chip).length).toBeGreaterThan(0);
    for (const option of options) expect(option.chip).toBe(option.node === "joint-statement-2023-12");
    await page.close();
  });
});
