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

  it("marks the disputed joint statement with a badge on the canvas", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const state = await waitForSnapshot(page, "s.badges >= 1");
    expect(state.badges).toBe(1);
    expect(await badgePixels(page)).toBeGreaterThan(30);
    // Hidden by a filter, the disputed node takes its badge with it.
    await page.locator('input[data-kind="event"]').uncheck();
    await waitForSnapshot(page, "s.badges === 0");
    expect(await badgePixels(page)).toBe(0);
    await page.close();
  });

  it("lists every dispute from the header and leads to it", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const button = page.locator("button[data-action=conflicts]");
    expect(await button.textContent()).toContain("Disputes (1)");
    await button.click();
    const dialog = page.locator("[data-testid=conflicts]");
    await dialog.waitFor();
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain("Armenia–Azerbaijan joint statement of December 2023");
    expect(text).toContain("2023-12-07");
    expect(text).toContain("BNN Breaking");
    expect(text).toContain("2023-12-08");
    expect(text).toContain("date");
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-disputes-list.png") });
    await dialog.locator("button[data-conflict]").click();
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

      // Guterres welcomed the statement; his claim gives no date: the relation's date is the
      // statement's, inherited, and so disputed too, never a bare "2023-12-07".
      await page.goto(`${server.url}/?node=antonio-guterres`);
      const guterres = page.locator("[data-testid=details][data-loaded=antonio-guterres]");
      await guterres.waitFor();
      const welcomed = guterres.locator(
        '[data-relation-row="antonio-guterres--WELCOMED--joint-statement-2023-12--guterres-commendation"]',
      );
      const row = (await welcomed.locator(".relation-meta").textContent()) ?? "";
      expect(row).toContain("disputed");
      expect(row).toContain("inherited from Armenia–Azerbaijan joint statement of December 2023");
      expect(await welcomed.locator("[data-date-origin=event]").count()).toBe(1);
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
