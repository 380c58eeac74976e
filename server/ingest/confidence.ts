/**
 * Confidence: how likely the source says what the claim says. It starts from the rule's precision
 * on the dev set (`confidence` in extraction-rules.yaml, set by `npm run eval:extraction --
 * --calibrate`) and is lowered for what makes a reading less sure: an argument found by reference
 * ("both sides"), an entity the graph does not know, an actor found through an office or title.
 * It never encodes a hedge: modality says that.
 */
import type { Referent } from "./discourse.ts";
import type { LinkVia } from "./types.ts";

export const PENALTIES = {
  /** An entity proposed rather than linked. */
  proposed: 0.9,
  /** An actor linked through an office, a title, a capital or a demonym. */
  indirect: 0.95,
} as const;

export interface ConfidenceInput {
  ruleConfidence: number;
  ends: readonly Referent[];
  links: readonly LinkVia[];
}

/** The claim's confidence, rounded to two decimals. */
export function confidenceOf({ ruleConfidence, ends, links }: ConfidenceInput): number {
  let confidence = ruleConfidence;
  if (ends.some((end) => end.proposal !== undefined)) confidence *= PENALTIES.proposed;
  if (links.some((via) => via === "office" || via === "title" || via === "capital" || via === "demonym"))
    confidence *= PENALTIES.indirect;
  return Math.round(confidence * 100) / 100;
}

/**
 * A rule's confidence from its record on the dev set: right / found, pulled towards 0.5 by two
 * pseudo-claims so that a rule seen twice does not claim certainty.
 */
export function calibratedConfidence(right: number, found: number): number {
  return Math.round(((right + 1) / (found + 2)) * 100) / 100;
}
