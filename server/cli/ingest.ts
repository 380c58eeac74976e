/**
 * npm run ingest -- FILE [--url URL] [--published YYYY-MM-DD] [--title TEXT] [--outlet NAME]
 *                        [--author NAME] [--id SOURCE-ID] [--data DIR] [--dry-run] [--json]
 * Proposes the claims an article makes and writes them, with the article, into graph-data (DIR, else
 * PEACEGRAPH_DATA, else ./graph-data). FILE is plain UTF-8 text; "-" reads standard input. Bad input
 * and duplicates get one line on stderr and exit code 1.
 */
import { open, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { isoToday } from "../model/dates.ts";
import { ingestArticle, type IngestOutcome } from "../ingest/ingest.ts";
import { checkDate, checkUrl, IngestError, readArticleBytes } from "../ingest/input-checks.ts";
import type { ArticleMeta } from "../ingest/types.ts";
import { settingsFromEnvironment } from "../settings.ts";

const USAGE =
  "usage: npm run ingest -- FILE [--url URL] [--published YYYY-MM-DD] [--title TEXT] [--outlet NAME] " +
  "[--author NAME] [--id SOURCE-ID] [--data DIR] [--dry-run] [--json]";

/** The bytes of FILE or standard input, reading at most one byte past the limit. */
async function readInput(file: string, maxBytes: number): Promise<Uint8Array> {
  if (file === "-") {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes) break;
    }
    return Buffer.concat(chunks);
  }
  let handle;
  try {
    handle = await open(file, "r");
  } catch (error) {
    throw new IngestError(`${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  try {
    const { size } = await handle.stat();
    if (size > maxBytes)
      throw new IngestError(
        `${file}: ${size.toLocaleString("en")} bytes is over the limit of ${maxBytes.toLocaleString("en")} bytes`,
      );
    return await readFile(handle);
  } finally {
    await handle.close();
  }
}

function printSummary(outcome: IngestOutcome, dataDir: string, dryRun: boolean): void {
  const { result, written, indexCached } = outcome;
  const { summary, source } = result;
  console.log(
    `${dryRun ? "Dry run: would ingest" : "Ingested"} "${source.title}" as source ${source.id}: ${summary.claims} claims`,
  );
  const types = Object.entries(summary.byRelation).sort(([a], [b]) => a.localeCompare(b));
  if (types.length > 0)
    console.log(
      `Claims by relation type\n${types.map(([type, n]) => `  ${type.padEnd(24)} ${String(n).padStart(4)}`).join("\n")}`,
    );
  console.log(`Existing entities linked (${summary.linked.length}): ${summary.linked.join(", ") || "none"}`);
  const proposed = result.entities.map((entity) => `${entity.id} (${entity.type})`);
  console.log(`New entities proposed (${proposed.length}): ${proposed.join(", ") || "none"}`);
  console.log(
    `Claims joining relations already in the graph: ${summary.joined}; with no date in the text: ${summary.undated}`,
  );
  if (written.length > 0) console.log(`Wrote ${written.map((file) => path.join(dataDir, file)).join(", ")}`);
  console.log(
    `Took ${summary.ms} ms to extract (link index ${indexCached ? "from its cache" : "read from graph-data"})`,
  );
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        url: { type: "string" },
        published: { type: "string" },
        title: { type: "string" },
        outlet: { type: "string" },
        author: { type: "string" },
        id: { type: "string" },
        data: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    console.error(
      `${positionals.length === 0 ? "no FILE given" : `one FILE only, got ${positionals.length}`}\n${USAGE}`,
    );
    return 2;
  }
  const started = performance.now();
  const settings = settingsFromEnvironment();
  const dataDir = values.data ? path.resolve(values.data) : settings.dataDir;
  const file = positionals[0]!;
  const blank = (value: string | undefined) =>
    value === undefined || value.trim() === "" ? null : value.trim();
  const meta: ArticleMeta = {
    id: blank(values.id),
    url: checkUrl(blank(values.url)),
    published: checkDate(blank(values.published), "--published"),
    title: blank(values.title),
    outlet: blank(values.outlet),
    author: blank(values.author),
    added: isoToday(),
  };
  const text = readArticleBytes(
    await readInput(file, settings.ingest.maxArticleBytes),
    settings.ingest.maxArticleBytes,
    file === "-" ? "standard input" : file,
  );
  const outcome = await ingestArticle(text, meta, {
    dataDir,
    indexCacheDir: settings.ingest.indexCacheDir,
    dryRun: values["dry-run"],
  });
  if (values.json) {
    const { result, written, indexCached } = outcome;
    console.log(
      JSON.stringify(
        {
          ...result,
          text: undefined,
          dryRun: values["dry-run"],
          written,
          indexCached,
          totalMs: Math.round(performance.now() - started),
        },
        null,
        2,
      ),
    );
  } else {
    printSummary(outcome, dataDir, values["dry-run"]);
  }
  return 0;
}

main().then(
  // exitCode, not exit(): a long --json answer to a pipe must drain before the process ends.
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof IngestError) {
      console.error(`ingest: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    // A bug, not bad input: still one readable line, never a stack trace.
    console.error(`ingest failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
