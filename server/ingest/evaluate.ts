/**
 * The extraction evaluation. A candidate counts as found when its subject, relation type (or
 * attribute) and object match a gold claim's and the two quotes overlap in the text; symmetric
 * relations match either way round. Matching is one to one, most confident candidates first.
 * Reported: precision and recall per relation type and overall, date accuracy (matched claims whose
 * gold has a date, how many got that date exactly), candidates per gold claim, and the precision of
 * claims at confidence 0.8 and above.
 */
import type { GoldClaim, GoldSource } from "./gold.ts";
import type { LinkIndex } from "./link-index.ts";
import type { ExtractedClaim } from "./types.ts";

export interface Tally {
  gold: number;
  candidates: number;
  matched: number;
}

export interface SourceEvaluation extends Tally {
  id: string;
  set: string;
  ms: number;
}

export interface RuleRecord {
  found: number;
  right: number;
}

export interface Evaluation {
  overall: Tally;
  byRelation: Record<string, Tally>;
  bySource: SourceEvaluation[];
  bySet: Record<string, Tally>;
  byRule: Record<string, RuleRecord>;
  dates: { goldDated: number; right: number; wrong: string[] };
  confident: { threshold: number; candidates: number; right: number };
  /** Candidates that matched nothing, and gold claims nothing matched, for reading. */
  misses: { source: string; falsePositives: string[]; falseNegatives: string[] }[];
}

const HIGH_CONFIDENCE = 0.8;

export const precision = (t: Tally) => (t.candidates === 0 ? 0 : t.matched / t.candidates);
export const recall = (t: Tally) => (t.gold === 0 ? 0 : t.matched / t.gold);
export const f1 = (t: Tally) => {
  const p = precision(t);
  const r = recall(t);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

const typeOf = (claim: { relation?: string | null; property?: string | null }) =>
  claim.relation ?? `(${claim.property ?? "?"})`;

function sameEnds(candidate: ExtractedClaim, gold: GoldClaim, index: LinkIndex): boolean {
  if (candidate.relation) {
    if (candidate.relation !== gold.relation) return false;
    if (candidate.subject === gold.subject && candidate.object === gold.object) return true;
    const symmetric = index.relationTypes.get(candidate.relation)?.symmetric ?? false;
    return symmetric && candidate.subject === gold.object && candidate.object === gold.subject;
  }
  return candidate.property === gold.property && candidate.subject === gold.subject;
}

const overlap = (candidate: ExtractedClaim, gold: GoldClaim) =>
  Math.min(candidate.start + candidate.quote.length, gold.start + gold.quote.length) -
  Math.max(candidate.start, gold.start);

export interface SourceRun {
  source: GoldSource;
  claims: ExtractedClaim[];
  ms: number;
}

function tally(map: Record<string, Tally>, key: string): Tally {
  map[key] ??= { gold: 0, candidates: 0, matched: 0 };
  return map[key];
}

const describe = (claim: ExtractedClaim | GoldClaim) =>
  `${claim.subject} ${typeOf(claim)} ${claim.object ?? claim.value ?? ""}: “${claim.quote}”`;

const dateOf = (claim: ExtractedClaim) =>
  claim.property === "date" ? String(claim.value) : (claim.qualifiers?.date ?? null);

/** Scores the runs of every source against their gold. */
export function evaluate(runs: readonly SourceRun[], index: LinkIndex): Evaluation {
  const byRelation: Record<string, Tally> = {};
  const bySet: Record<string, Tally> = {};
  const byRule: Record<string, RuleRecord> = {};
  const overall: Tally = { gold: 0, candidates: 0, matched: 0 };
  const dates = { goldDated: 0, right: 0, wrong: [] as string[] };
  const confident = { threshold: HIGH_CONFIDENCE, candidates: 0, right: 0 };
  const bySource: SourceEvaluation[] = [];
  const misses: Evaluation["misses"] = [];

  for (const { source, claims, ms } of runs) {
    const set = tally(bySet, source.set);
    const mine: SourceEvaluation = {
      id: source.id,
      set: source.set,
      gold: source.claims.length,
      candidates: claims.length,
      matched: 0,
      ms,
    };
    const taken = new Set<GoldClaim>();
    const matchedCandidates = new Set<ExtractedClaim>();
    const ordered = [...claims].sort((a, b) => b.confidence - a.confidence);
    for (const candidate of ordered) {
      let best: GoldClaim | undefined;
      let bestOverlap = 0;
      for (const gold of source.claims) {
        if (taken.has(gold) || !sameEnds(candidate, gold, index)) continue;
        const shared = overlap(candidate, gold);
        if (shared > bestOverlap) {
          best = gold;
          bestOverlap = shared;
        }
      }
      const record = (byRule[candidate.rule] ??= { found: 0, right: 0 });
      record.found++;
      if (candidate.confidence >= HIGH_CONFIDENCE) confident.candidates++;
      if (!best) continue;
      taken.add(best);
      matchedCandidates.add(candidate);
      record.right++;
      if (candidate.confidence >= HIGH_CONFIDENCE) confident.right++;
      if (best.date !== null) {
        dates.goldDated++;
        const given = dateOf(candidate);
        if (given === best.date) dates.right++;
        else
          dates.wrong.push(
            `${source.id}: ${describe(best)} has ${best.date}, extracted ${given ?? "no date"}`,
          );
      }
    }
    for (const gold of source.claims) tally(byRelation, typeOf(gold)).gold++;
    for (const candidate of claims) {
      const row = tally(byRelation, typeOf(candidate));
      row.candidates++;
      if (matchedCandidates.has(candidate)) row.matched++;
    }
    mine.matched = matchedCandidates.size;
    for (const t of [overall, set]) {
      t.gold += mine.gold;
      t.candidates += mine.candidates;
      t.matched += mine.matched;
    }
    bySource.push(mine);
    misses.push({
      source: source.id,
      falsePositives: claims.filter((c) => !matchedCandidates.has(c)).map(describe),
      falseNegatives: source.claims.filter((g) => !taken.has(g)).map(describe),
    });
  }
  return { overall, byRelation, bySource, bySet, byRule, dates, confident, misses };
}
