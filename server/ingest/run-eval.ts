/**
 * Runs the extractor over every gold source of a graph-data folder and its overlays, as ingestion
 * would (the index holds the entities and vocabulary, and no claim or source of the texts under
 * evaluation), and scores the result.
 */
import { evaluate, type Evaluation, type SourceRun } from "./evaluate.ts";
import { createExtractor, extractArticle } from "./extract.ts";
import { readGold, type GoldSource } from "./gold.ts";
import { readLinkIndex } from "./read-link-index.ts";
import { readExtractionRules } from "./rules-file.ts";

export interface EvalOptions {
  dataDir: string;
  /** Overlays whose sources are evaluated (the dev set, a hidden set). */
  overlays: string[];
  /** Evaluate graph-data's own sources too. */
  seeds: boolean;
  /** Only these source ids, when given. */
  only?: ReadonlySet<string>;
}

export interface EvalRun {
  evaluation: Evaluation;
  runs: SourceRun[];
}

export async function runEvaluation(options: EvalOptions): Promise<EvalRun> {
  const sets: GoldSource[] = [];
  if (options.seeds) sets.push(...(await readGold(options.dataDir, "seeds")));
  for (const overlay of options.overlays) sets.push(...(await readGold(overlay, overlay)));
  const sources = sets.filter((source) => !options.only || options.only.has(source.id));
  const dirs = [options.dataDir, ...options.overlays];
  const everything = await readLinkIndex(dirs);
  const rules = await readExtractionRules(options.dataDir, new Set(everything.relationTypes.keys()));
  const runs: SourceRun[] = [];
  for (const source of sources) {
    // Leave one out: the graph holds every other text and its claims, as when a new article
    // arrives, but nothing of the text under evaluation.
    const index = await readLinkIndex(dirs, { exclude: new Set([source.id]) });
    const extractor = createExtractor(index, rules);
    const started = performance.now();
    const result = extractArticle(source.text, source.meta, extractor);
    runs.push({ source, claims: result.claims, ms: performance.now() - started });
  }
  return { evaluation: evaluate(runs, everything), runs };
}
