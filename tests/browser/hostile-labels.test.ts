import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchBrowser, nextFrames, openViewer, type TestBrowser } from "../helpers/browser.ts";
import { edit, makeGraphData } from "../helpers/fixture.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

const HOSTILE_LABEL = `Türkiye <img src=x onerror="window.__pwned=1">`;
const HOSTILE_ALIAS = `<script>window.__pwned=2</script>`;

// Labels, aliases and quotes come from data files; the viewer must show them as text, never run them.
describe("viewer with hostile labels", () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    const dataDir = await makeGraphData(
      edit(
        "entities/actors.yaml",
        "  label: Türkiye",
        `  label: '${HOSTILE_LABEL}'\n  aliases: ['${HOSTILE_ALIAS}']`,
      ),
    );
    server = await startTestServer({}, dataDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    "keeps a label with markup inert in the search list and the details panel",
    { timeout: 60_000 },
    async () => {
      const page = await browser.newPage();
      await openViewer(page, `${server.url}/`);
      await page.keyboard.press("/");
      await page.keyboard.type("turkiye");
      const option = page.locator(".search-option").first();
      await option.waitFor();
      expect(await option.locator(".option-label").textContent()).toBe(HOSTILE_LABEL);
      await page.keyboard.press("Enter");

      const details = page.locator("[data-testid=details][data-loaded=turkey]");
      await details.waitFor();
      expect(await details.locator("h2").textContent()).toBe(HOSTILE_LABEL);
      expect(await details.textContent()).toContain(HOSTILE_ALIAS);
      expect(await page.locator("#app img, #app script").count()).toBe(0);
      // An injected <img src=x onerror> fails to load at once; two painted frames later it would have run.
      await nextFrames(page);
      expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
      await page.screenshot({ path: path.join(ARTIFACTS, "viewer-hostile-label.png") });
      await page.close();
    },
  );
});
