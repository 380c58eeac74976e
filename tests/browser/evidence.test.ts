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

/** Evidence in context: quotes inside their passage, claims grouped by source, the chosen edge lit. */
describe("viewer evidence", () => {
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

  it("highlights each quote inside a sentence or two of its source", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const id = "antonio-guterres--LEADS--united-nations";
    await openViewer(page, `${server.url}/?relation=${encodeURIComponent(id)}`);
    const details = page.locator(`[data-testid=details][data-loaded="${id}"]`);
    await details.waitFor();
    const passage = details.locator("blockquote.passage[data-passage=loaded]").first();
    await passage.waitFor();
    const quote = (await passage.locator("mark").textContent()) ?? "";
    expect(quote).toContain("The United Nations Secretary-General, Antonio Guterres");
    const context = await passage.locator(".passage-context").allTextContents();
    expect(context).toHaveLength(2);
    // Text on both sides, cut from the source itself: the passage reads as the source does.
    expect(context[0]!.length + context[1]!.length).toBeGreaterThan(40);
    const { node } = await server.query<{ node: { text: string } }>(
      '{ node(id: "normalization-2023-12") { ... on Source { text } } }',
    );
    const squash = (text: string) => text.replace(/\s+/g, " ");
    expect(squash(node.text)).toContain(squash(`${context[0]!.trim()} ${quote}`).slice(-80));
    await page.screenshot({ path: path.join(ARTIFACTS, "viewer-evidence.png") });
    await page.close();
  });

  it("names each source once, with its quotes under it", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    // Corroborated by both seed articles: two sources, each named once.
    const [relation] = (
      await server.query<{ relations: { nodes: { id: string; claims: { source: { id: string } }[] }[] } }>(
        "{ relations(where: { minCorroboration: 2 }, first: 50) { nodes { id claims { source { id } } } } }",
      )
    ).relations.nodes.filter(
      (candidate) => new Set(candidate.claims.map((claim) => claim.source.id)).size === 2,
    );
    expect(relation).toBeDefined();
    await openViewer(page, `${server.url}/?relation=${encodeURIComponent(relation!.id)}`);
    const details = page.locator(`[data-testid=details][data-loaded="${relation!.id}"]`);
    await details.waitFor();
    const groups = details.locator(".claims-by-source > .claim-source");
    expect(await groups.count()).toBe(2);
    expect(await details.locator(".claims-by-source .claim").count()).toBe(relation!.claims.length);
    const sources = await groups.evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-source")),
    );
    expect(new Set(sources).size).toBe(2);
    await page.close();
  });

  it("makes a selected edge stand out and dims every other", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const id = "antonio-guterres--LEADS--united-nations";
    await openViewer(page, `${server.url}/`);
    const plain = await page.evaluate((edge) => window.__peacegraph!.edgeDisplay(edge), id);
    const other = "azerbaijan--ISSUED--joint-statement-2023-12";
    const otherPlain = await page.evaluate((edge) => window.__peacegraph!.edgeDisplay(edge), other);
    await page.evaluate(() => history.pushState(null, "", location.href));
    await page.goto(`${server.url}/?relation=${encodeURIComponent(id)}`);
    await page.waitForFunction(() => window.__peacegraph?.ready());
    await waitForSnapshot(page, `s.selection?.kind === "relation"`);
    const lit = await page.evaluate((edge) => window.__peacegraph!.edgeDisplay(edge), id);
    const dimmed = await page.evaluate((edge) => window.__peacegraph!.edgeDisplay(edge), other);
    expect(lit!.size).toBeGreaterThanOrEqual(plain!.size * 2 + 3);
    expect(lit!.label).toBe("leads");
    expect(dimmed!.color).not.toBe(otherPlain!.color);
    // Its two ends stay lit, and other nodes dim.
    const ends = await page.evaluate(() =>
      ["antonio-guterres", "united-nations", "armenia"].map(
        (node) => window.__peacegraph!.nodeDisplay(node)!.highlighted,
      ),
    );
    expect(ends).toEqual([true, true, false]);
    await page.close();
  });
});
