/** Voice: whether a participle is passive ("was welcomed by", "the statement issued by Armenia"). */
import type { Token } from "./types.ts";

/** Whether the verb at `at` is passive: a form of "be" or "get" before it, adverbs and "not" aside. */
export function isPassive(tokens: readonly Token[], at: number): boolean {
  const verb = tokens[at];
  if (!verb || !/(?:ed|en|wn|ne|t)$/.test(verb.norm)) return false;
  for (let before = at - 1; before >= 0 && before >= at - 4; before--) {
    const token = tokens[before]!;
    if (
      token.lemma === "be" ||
      token.lemma === "get" ||
      ["is", "are", "was", "were", "been", "being", "be"].includes(token.norm)
    )
      return true;
    if (token.pos !== "ADV" && token.pos !== "PART" && token.norm !== "also") return false;
  }
  return false;
}

/** A participle right after a noun and followed by "by": "the statement issued by Armenia". */
export function isReducedPassive(tokens: readonly Token[], at: number): boolean {
  const verb = tokens[at];
  if (!verb || !/(?:ed|en|wn|ne|t)$/.test(verb.norm)) return false;
  const before = tokens[at - 1];
  if (!before || !(before.pos === "NOUN" || before.pos === "PROPN" || before.norm === ",")) return false;
  for (let after = at + 1; after < tokens.length && after <= at + 3; after++)
    if (tokens[after]!.norm === "by") return true;
  return false;
}
