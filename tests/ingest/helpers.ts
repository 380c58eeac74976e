import path from "node:path";
import { createExtractor, extractArticle, type Extractor } from "../../server/ingest/extract.ts";
import { readLinkIndex } from "../../server/ingest/read-link-index.ts";
import { readExtractionRules } from "../../server/ingest/rules-file.ts";
import type { ArticleMeta, ExtractedClaim, ExtractionResult } from "../../server/ingest/types.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";

let shared: Promise<Extractor> | undefined;

/** The extractor over the real graph-data and rules, built once per test file. */
export function seedExtractor(): Promise<Extractor> {
  shared ??= (async () => {
    const index = await readLinkIndex([GRAPH_DATA]);
    const rules = await readExtractionRules(GRAPH_DATA, new Set(index.relationTypes.keys()));
    return createExtractor(index, rules);
  })();
  return shared;
}

/** An extractor over graph-data plus extra folders (fixtures with more entities). */
export async function extractorOver(dirs: string[]): Promise<Extractor> {
  const index = await readLinkIndex([GRAPH_DATA, ...dirs]);
  const rules = await readExtractionRules(GRAPH_DATA, new Set(index.relationTypes.keys()));
  return createExtractor(index, rules);
}

export function meta(overrides: Partial<ArticleMeta> = {}): ArticleMeta {
  return {
    id: "test-article",
    url: null,
    published: "2023-12-13",
    title: "Test article",
    outlet: null,
    author: null,
    added: "2026-12-01",
    ...overrides,
  };
}

export async function extract(text: string, overrides: Partial<ArticleMeta> = {}): Promise<ExtractionResult> {
  return extractArticle(text, meta(overrides), await seedExtractor());
}

/** Claims as "subject RELATION object" (or "subject property=value") for readable assertions. */
export function triples(claims: readonly ExtractedClaim[]): string[] {
  return claims.map((claim) =>
    claim.relation
      ? `${claim.subject} ${claim.relation} ${claim.object}`
      : `${claim.subject} ${claim.property}=${claim.value}`,
  );
}

export function find(claims: readonly ExtractedClaim[], triple: string): ExtractedClaim {
  const found = claims.find((_, i) => triples(claims)[i] === triple);
  if (!found) throw new Error(`no claim ${triple}; got:\n  ${triples(claims).join("\n  ")}`);
  return found;
}

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
