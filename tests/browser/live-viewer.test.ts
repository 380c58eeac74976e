import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openViewer, snapshot, type TestBrowser } from "../helpers/browser.ts";
import { startWriteServer, type WriteServer } from "../helpers/write-server.ts";
import { secondSource } from "../store/records.ts";

/** The viewer follows writes made elsewhere, in real Chromium, without reloading the page. */

let browser: TestBrowser;
let server: WriteServer | undefined;
let page: Page | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  await page?.close();
  await server?.stop();
  server = page = undefined;
});

/** Waits until the viewer has redrawn after `count` refreshes and is idle again. */
async function refreshed(page: Page, count: number): Promise<void> {
  try {
    await page.waitForFunction(
      (wanted) => window.__peacegraph!.ready() && window.__peacegraph!.snapshot().liveRefreshes >= wanted,
      count,
      { timeout: 20_000 },
    );
  } catch (error) {
    // Say where it stopped: the status line carries the refresh's own error.
    const status = await page.locator(".status").first().textContent();
    throw new Error(`no refresh #${count}; status: ${status}`, { cause: error });
  }
}

describe("the viewer, live", () => {
  it("redraws a relation and a node that others add, keeping the page, its selection and its camera", async () => {
    server = await startWriteServer({ seed: [secondSource()] });
    page = await browser.newPage();
    await openViewer(page, `${server.url}/`);
    const before = await snapshot(page);
    // A mark on the page: a reload would wipe it.
    await page.evaluate(() => ((window as unknown as { mark: string }).mark = "still here"));

    // Someone corrects a claim: Armenia, not Türkiye, welcomed the statement. A new relation appears.
    await server.write(`mutation { editClaim(id: "second-welcomed", edit: { subject: "armenia" }) { id } }`);
    await refreshed(page, 1);
    const afterEdit = await snapshot(page);
    expect(afterEdit.relations).toBe(before.relations + 1);
    expect(
      await page.evaluate(() => window.__peacegraph!.edgeDisplay("armenia--WELCOMED--joint-statement")),
    ).not.toBeNull();
    await expect(page.locator("[data-testid=status], .status").first().textContent()).resolves.toMatch(
      /updated from the server: 1 relation added, 1 relation changed/,
    );

    // Someone accepts a proposed entity's claim set: a node arrives too.
    await server.store.commit(
      {
        action: { kind: "ingestSource", source: "third" },
        changes: [
          ...secondSource("third").changes.filter((change) => change.kind !== "claim"),
          {
            op: "add",
            kind: "claim",
            record: {
              id: "third-azerbaijan-welcomed",
              source: "third",
              subject: "third-azerbaijan",
              relation: "WELCOMED",
              object: "joint-statement",
              quote: "welcomed the joint statement",
              status: "extracted",
            },
          },
        ],
      },
      { author: "Ben" },
    );
    await refreshed(page, 2);
    const afterIngest = await snapshot(page);
    expect(afterIngest.nodes).toBe(before.nodes + 1);
    expect(afterIngest.relations).toBe(before.relations + 2);
    expect(await page.evaluate(() => (window as unknown as { mark: string }).mark)).toBe("still here");
  });
});
