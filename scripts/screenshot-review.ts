/**
 * docs/review.png: the review page at 1280×800 on a copy of the seed graph, after an article was
 * pasted and read by the extractor. Run with `npx tsx scripts/screenshot-review.ts` after
 * `npm run build`; nothing in graph-data/ is touched.
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchBrowser } from "../tests/helpers/browser.ts";
import { startWriteServer, TOKEN } from "../tests/helpers/write-server.ts";

const ROOT = path.resolve(import.meta.dirname, "..");

const ARTICLE = [
  "Yerevan and Baku agree on border commission timetable",
  "",
  "Armenian Prime Minister Nikol Pashinyan and Azerbaijani President Ilham Aliyev met in Brussels on " +
    "14 May 2023, the European Council said. Charles Michel hosted the talks. " +
    "Pashinyan said Armenia recognised the territorial integrity of Azerbaijan. " +
    "Aliyev welcomed the progress made by the border commissions. " +
    "Türkiye welcomed the meeting, its foreign ministry said.",
  "",
].join("\n");

const dataDir = await mkdtemp(path.join(tmpdir(), "peacegraph-shot-"));
await cp(path.join(ROOT, "graph-data"), dataDir, { recursive: true });
const server = await startWriteServer({ dataDir });
const browser = await launchBrowser({ viewport: { width: 1280, height: 800 } });
try {
  const { ingestSource } = await server.write<{ ingestSource: { source: { id: string } } }>(
    `mutation ($input: IngestSourceInput!) { ingestSource(input: $input) { source { id } } }`,
    { input: { text: ARTICLE, published: "2023-05-15", outlet: "Example Wire" } },
  );
  const page = await browser.newPage();
  await page.addInitScript(() => localStorage.setItem("peacegraph.author", "Ana"));
  await page.goto(`${server.url}/review#token=${TOKEN}`);
  await page.waitForFunction(
    (id) => window.__peacegraphReview?.ready() && window.__peacegraphReview.snapshot().source === id,
    ingestSource.source.id,
    { timeout: 30_000 },
  );
  const out = path.join(ROOT, "docs", "review.png");
  await page.screenshot({ path: out });
  console.log(`wrote ${path.relative(ROOT, out)} (source ${ingestSource.source.id})`);
} finally {
  await browser.close();
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
