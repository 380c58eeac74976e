import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openViewer, type TestBrowser } from "../helpers/browser.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * The security headers and the CORS policy as a real browser applies them: the viewer and GraphiQL
 * run under their Content-Security-Policy without a single violation, no other site may frame them,
 * and a page on another origin may read the API but never with credentials.
 */

let api: TestServer;
let browser: TestBrowser;
let elsewhere: Server;
let elsewhereUrl: string;

/** A page on another origin (another port), which frames the viewer. */
const FRAMING_PAGE = (target: string) =>
  `<!doctype html><title>elsewhere</title><iframe id="viewer" src="${target}"></iframe>`;

beforeAll(async () => {
  api = await startTestServer();
  browser = await launchBrowser();
  elsewhere = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(
      request.url === "/frame" ? FRAMING_PAGE(`${api.url}/`) : "<!doctype html><title>elsewhere</title>",
    );
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
  await new Promise((resolve) => elsewhere?.close(resolve));
});

/** Records every CSP violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}

describe("Content-Security-Policy in Chromium", () => {
  it("the viewer loads and draws with no violation", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    await openViewer(page, `${api.url}/`);
    expect(await violations()).toEqual([]);
    await page.close();
  });

  it("GraphiQL loads its editor and runs a query with no violation", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const violations = await watchViolations(page);
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${api.url}/graphql`);
    // The editor holds the example query once Monaco is up; only then does Execute run it.
    await page.locator(".graphiql-query-editor").getByText("Guterres").first().waitFor();
    const answer = page.waitForResponse(
      (response) =>
        response.url() === `${api.url}/graphql` &&
        response.request().postData()?.includes("Guterres") === true,
    );
    await page.locator(".graphiql-execute-button").click();
    expect((await answer).status()).toBe(200);
    await page.locator(".graphiql-response").getByText("antonio-guterres").first().waitFor();
    expect(await violations()).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("another site cannot frame the viewer (frame-ancestors 'none')", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const refusal = page.waitForEvent("console", {
      predicate: (message) => /frame-ancestors/.test(message.text()),
    });
    await page.goto(`${elsewhereUrl}/frame`);
    expect((await refusal).text()).toMatch(/violates .*"frame-ancestors 'none'"/);
    // Chromium shows its error page in the frame instead of the viewer.
    const frame = await (await page.locator("#viewer").elementHandle())!.contentFrame();
    expect(frame!.url()).not.toBe(`${api.url}/`);
    await page.close();
  });
});

describe("CORS in Chromium", () => {
  const QUERY = JSON.stringify({ query: "{ stats { nodes } }" });

  it("a page on another origin reads the API", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(elsewhereUrl);
    const nodes = await page.evaluate(
      async ({ url, body }) => {
        const response = await fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
        });
        return ((await response.json()) as { data: { stats: { nodes: number } } }).data.stats.nodes;
      },
      { url: api.url, body: QUERY },
    );
    expect(nodes).toBe(api.store.knowledge.graph.order);
    const disposition = await page.evaluate(async (url) => {
      const response = await fetch(`${url}/export/cypher?ids=armenia`);
      await response.text();
      return response.headers.get("content-disposition");
    }, api.url);
    expect(disposition).toBe('attachment; filename="peacegraph-armenia.cypher"');
    await page.close();
  });

  it("but never with credentials", { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    await page.goto(elsewhereUrl);
    const outcome = await page.evaluate(
      async ({ url, body }) => {
        try {
          await fetch(`${url}/graphql`, {
            method: "POST",
            credentials: "include",
            headers: { "content-type": "application/json" },
            body,
          });
          return "read";
        } catch (error) {
          return `refused: ${(error as Error).name}`;
        }
      },
      { url: api.url, body: QUERY },
    );
    expect(outcome).toBe("refused: TypeError");
    await page.close();
  });
});
