/**
 * Ingestion as one call, for the CLI and for the GraphQL mutation to come: check the article,
 * refuse duplicates, extract, write (unless a dry run), and keep the cached link index current.
 */
import { createExtractor, extractArticle } from "./extract.ts";
import { loadLinkIndex, recordDelta } from "./index-cache.ts";
import { checkNotDuplicate, checkSourceId } from "./input-checks.ts";
import { relationKey, textHash, type LinkIndexDelta } from "./link-index.ts";
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

/** What was just written, as an addition to the link index, so the next ingestion needs no rebuild. */
function deltaOf(result: ExtractionResult): LinkIndexDelta {
  const delta: LinkIndexDelta = {
    entities: result.entities.map((entity) => [entity.id, entity.label, entity.type, entity.aliases ?? []]),
    relationKeys: [],
    titles: [],
    eventDates: [],
    sources: [[result.source.id, result.source.url, textHash(result.text)]],
  };
  for (const claim of result.claims) {
    if (claim.relation && claim.object) {
      const event = claim.qualifiers?.event ?? "";
      delta.relationKeys.push(relationKey(claim.subject, claim.relation, claim.object, event));
      if (claim.relation === "LEADS" && claim.qualifiers?.role)
        delta.titles.push({ person: claim.subject, body: claim.object, role: claim.qualifiers.role });
    } else if (claim.property === "date") delta.eventDates.push([claim.subject, [String(claim.value)]]);
  }
  return delta;
}

/** `text` must have passed readArticleBytes; `meta` the metadata checks. */
export async function ingestArticle(
  text: string,
  meta: ArticleMeta,
  options: IngestOptions,
): Promise<IngestOutcome> {
  const { index, cached, fingerprint } = await loadLinkIndex(options.dataDir, options.indexCacheDir);
  checkSourceId(meta.id, index);
  checkNotDuplicate(text, meta.url, index);
  const rules = await readExtractionRules(options.dataDir, new Set(index.relationTypes.keys()));
  const result = extractArticle(text, meta, createExtractor(index, rules));
  if (options.dryRun) return { result, written: [], indexCached: cached };
  const { files } = await writeExtraction(result, options.dataDir);
  if (options.indexCacheDir !== null) {
    const delta = deltaOf(result);
    index.merge(delta);
    await recordDelta(index, delta, options.dataDir, options.indexCacheDir, fingerprint);
  }
  return { result, written: files, indexCached: cached };
}
