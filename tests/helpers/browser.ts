import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { PROJECT_ROOT } from "./fixture.ts";

/** Debian's Chromium: playwright-core drives it and never downloads a browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = path.join(PROJECT_ROOT, "test-artifacts");

/** Flags that give headless Chromium working software WebGL here (environment.md, gotcha 5). */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--enable-unsafe-swiftshader",
  "--use-angle=swiftshader",
];

export interface TestBrowser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * How long a browser test waits for a state before failing: generous, because software WebGL on a
 * busy 2-core machine can take seconds to draw a frame. Tests wait on conditions, never on time.
 */
export const STATE_TIMEOUT_MS = 20_000;

/**
 * Chromium with a fresh profile, at 1280×800. Fails loudly when Chromium or the built client is
 * missing: a viewer test must never pass by not running.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; hasTouch?: boolean } = {},
): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium is missing at ${CHROMIUM}. Run "bash scripts/ensure-test-tools.sh" (as root) or "sudo apt-get install chromium".`,
    );
  if (!existsSync(path.join(PROJECT_ROOT, "client", "dist", "index.html")))
    throw new Error('The viewer is not built (client/dist/index.html): run "npm run build" first.');
  const userDataDir = await mkdtemp(path.join(tmpdir(), "peacegraph-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    hasTouch: options.hasTouch ?? false,
    acceptDownloads: true,
  });
  await mkdir(ARTIFACTS, { recursive: true });
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the viewer and waits until every relation is loaded. */
export async function openViewer(page: Page, url: string, timeoutMs = 30_000): Promise<void> {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(url);
  await page
    .waitForFunction(() => window.__peacegraph?.ready() === true, null, { timeout: timeoutMs })
    .catch((error: unknown) => {
      throw new Error(`the viewer never became ready (${errors.join("; ") || String(error)})`);
    });
}

export type Snapshot = ReturnType<NonNullable<Window["__peacegraph"]>["snapshot"]>;

export const snapshot = (page: Page): Promise<Snapshot> =>
  page.evaluate(() => window.__peacegraph!.snapshot());

/**
 * How many pixels of an element's screenshot differ from its top-left corner (the background).
 * The PNG is decoded by the page itself, so the test needs no image library.
 */
export async function paintedPixels(
  page: Page,
  selector: string,
): Promise<{ painted: number; total: number }> {
  const png = await page.locator(selector).screenshot();
  return page.evaluate(async (base64) => {
    // Decoded without fetch: the page's Content-Security-Policy allows no data: connections.
    const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: "image/png" });
    const bitmap = await createImageBitmap(blob);
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d")!;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    const [r, g, b] = [data[0]!, data[1]!, data[2]!];
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) > 30) painted++;
    }
    return { painted, total: data.length / 4 };
  }, png.toString("base64"));
}

/**
 * Waits until the viewer's snapshot satisfies a condition over `s`, such as "s.badges === 0". The
 * condition is checked here, in Node, after each pair of frames the page draws: the viewer's Content
 * Security Policy forbids evaluating strings inside the page.
 */
export async function waitForSnapshot(
  page: Page,
  condition: string,
  timeout = STATE_TIMEOUT_MS,
): Promise<Snapshot> {
  const holds = new Function("s", `return (${condition});`) as (state: Snapshot) => boolean;
  const deadline = Date.now() + timeout;
  for (;;) {
    const state = await snapshot(page);
    if (holds(state)) return state;
    if (Date.now() > deadline)
      throw new Error(`the viewer never reached: ${condition} (last snapshot: ${JSON.stringify(state)})`);
    await nextFrames(page);
  }
}

/** Waits for the page to draw two more frames: whatever was scheduled has been painted. */
export const nextFrames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Waits until the camera's animated move (a fit or a fly-to) has ended. */
export const cameraSettled = (page: Page): Promise<Snapshot> => waitForSnapshot(page, "!s.cameraMoving");

export type Hooks = NonNullable<Window["__peacegraph"]>;
