import { readFile } from "node:fs/promises";
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

/** "Current view" exports hold exactly what is shown; every link of the menu downloads a file. */
describe("viewer exports", () => {
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

  it("exports exactly the nodes and relations shown, whatever the filter", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    // Corroboration has no export filter of its own: the export must still hold only what shows.
    await page.locator("#min-corroboration").selectOption("2");
    await page.locator('input[data-relation-type="WELCOMED"]').uncheck();
    const state = await waitForSnapshot(
      page,
      `s.visibleRelationsByType.WELCOMED === undefined && s.viewCode !== null`,
    );
    await page.locator(".export-menu summary").click();
    const link = page.locator('a[data-export="graphology-json"]');
    await page.waitForFunction(() =>
      (document.querySelector('a[data-export="graphology-json"]') as HTMLAnchorElement).href.includes(
        "view=",
      ),
    );
    const href = (await link.getAttribute("href"))!;
    const file = (await (await fetch(new URL(href, server.url))).json()) as {
      nodes: { key: string }[];
      edges: { key: string; attributes: { corroboration: number; type: string } }[];
    };
    expect(file.nodes.length).toBe(state.visibleNodes);
    expect(file.edges.length).toBe(state.visibleRelations);
    expect(file.edges.every((edge) => edge.attributes.corroboration >= 2)).toBe(true);
    expect(file.edges.some((edge) => edge.attributes.type === "WELCOMED")).toBe(false);
    // The same ids as the viewer shows, one by one.
    const shown = await page.evaluate(
      (ids) => ids.filter((id) => window.__peacegraph!.nodeDisplay(id)?.hidden === false),
      file.nodes.map((node) => node.key),
    );
    expect(shown.length).toBe(file.nodes.length);
    expect(await page.locator("[data-testid=export-note]").textContent()).toContain(
      `${state.visibleNodes} of`,
    );
    await page.close();
  });

  it(
    "offers every format as a working download link, the PNG with its legend, and a copyable link",
    { timeout: 90_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      await page.locator('input[data-kind="place"]').uncheck();
      await waitForSnapshot(page, "s.viewCode !== null && s.visibleNodes < s.nodes");
      // Every format the server lists, each a link of the menu.
      const listing = (await (await fetch(`${server.url}/export`)).json()) as { formats: { id: string }[] };
      const formats = listing.formats.map((format) => format.id);
      expect(formats.length).toBeGreaterThanOrEqual(8);
      await page.locator(".export-menu summary").click();
      await page.waitForFunction(
        (count) => document.querySelectorAll("a[data-export]").length === count,
        formats.length,
      );
      for (const format of formats) {
        const link = page.locator(`a[data-export="${format}"]`);
        await page.waitForFunction(
          (id) =>
            (document.querySelector(`a[data-export="${id}"]`) as HTMLAnchorElement).href.includes("view="),
          format,
        );
        const download = page.waitForEvent("download");
        await link.click();
        const file = await download;
        const saved = path.join(ARTIFACTS, `viewer-export-${format}`);
        await file.saveAs(saved);
        const bytes = await readFile(saved);
        expect(bytes.length, format).toBeGreaterThan(100);
        expect(file.url(), format).toContain(`/export/${format}?view=`);
      }

      const download = page.waitForEvent("download");
      await page.locator('button[data-export="png"]').click();
      const file = await download;
      const saved = path.join(ARTIFACTS, "viewer-export.png");
      await file.saveAs(saved);
      const bytes = await readFile(saved);
      expect(bytes.subarray(1, 4).toString()).toBe("PNG");
      // Taller than the canvas: the caption with the filters in words sits under the picture.
      const height = bytes.readUInt32BE(20);
      const canvasHeight = (await page.locator("[data-testid=graph]").boundingBox())!.height;
      expect(height).toBeGreaterThan(canvasHeight + 30);

      await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
      await page.locator("button[data-action=copy-link]").click();
      await page.waitForFunction(
        () => document.querySelector(".export-menu [role=status]")?.textContent === "Link copied",
      );
      // The copied link is the view as it is, which the address bar reaches once its delayed write runs.
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(new URL(copied).searchParams.get("kinds")).toBe("actor,event");
      await page.waitForFunction((link) => location.href === link, copied);
      expect(page.url()).toBe(copied);
      await page.close();
    },
  );
});
