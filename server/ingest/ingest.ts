/**
 * Ingestion as one call, for the CLI and for the GraphQL mutation to come: check the article,
 * refuse duplicates, extract, write (unless a dry run), and keep the cached link index current.
 */
import { createExtractor, extractArticle } from "./extract.ts";
import { loadLinkIndex, saveLinkIndex } from "./index-cache.ts";
import { checkNotDuplicate, checkSourceId } from "./input-checks.ts";
import { textHash, type LinkIndex } from "./link-index.ts";
import { readExtractionRules } from "./rules-file.ts";
import type { ArticleMeta, ExtractionResult } from "./types.ts";
import { writeExtraction } from "./write.ts";

export interface IngestOptions {
  dataDir: string;
  indexCacheDir: string | null;
  dryRun: boolean;
}

export interface IngestOutcome {
  result: ExtractionResult;
  /** Files written, relative to the graph-data folder (none on a dry run). */
  written: string[];
  /** Whether the link index came from the cache. */
  indexCached: boolean;
}

/** Adds what was just written to the index, so the next ingestion sees it without a rebuild. */
function extendIndex(index: LinkIndex, result: ExtractionResult): void {
  index.addSource(result.source.id, result.source.url, textHash(result.text));
  for (const entity of result.entities)
    index.addEntity(entity.id, entity.label, entity.type, entity.aliases ?? []);
  for (const claim of result.claims) {
    if (claim.relation && claim.object) {
      index.addRelation(claim.subject, claim.relation, claim.object, claim.qualifiers?.event ?? "");
      if (claim.relation === "LEADS" && claim.qualifiers?.role)
        index.addTitle({ person: claim.subject, body: claim.object, role: claim.qualifiers.role });
    } else if (claim.property === "date") index.addEventDate(claim.subject, String(claim.value));
  }
}

/** `text` must have passed readArticleBytes; `meta` the metadata checks. */
export async function ingestArticle(
  text: string,
  meta: ArticleMeta,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const { index, cached } = await loadLinkIndex(options.dataDir, options.indexCacheDir);
  checkSourceId(meta.id, index);
  checkNotDuplicate(text, meta.url, index);
  const rules = await readExtractionRules(options.dataDir, new Set(index.relationTypes.keys()));
  const result = extractArticle(text, meta, createExtractor(index, rules));
  if (options.dryRun) return { result, written: [], indexCached: cached };
  const { files } = await writeExtraction(result, options.dataDir);
  if (options.indexCacheDir !== null) {
    extendIndex(index, result);
    await saveLinkIndex(index, options.dataDir, options.indexCacheDir);
  }
  return { result, written: files, indexCached: cached };
}
