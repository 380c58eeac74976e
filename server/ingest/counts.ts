/**
 * Counts from digits ("32", "2,000") and number words ("thirty-two", "two thousand"), with
 * approximate counts marked ("approximately 2,000", "some 100"). Only a number right before a
 * countable noun or a name is a count: a year or an article number is not.
 */
import type { PhraseList } from "./lexicon.ts";
import type { Token } from "./types.ts";

const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  a: 1,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1_000, million: 1_000_000 };

/** The value of one number word or hyphenated pair ("thirty-two"), or undefined. */
function wordValue(word: string): number | undefined {
  if (word in UNITS) return UNITS[word];
  if (word in TENS) return TENS[word];
  const [tens, unit] = word.split("-");
  if (tens !== undefined && unit !== undefined && tens in TENS && unit in UNITS && UNITS[unit]! < 10)
    return TENS[tens]! + UNITS[unit]!;
  return undefined;
}

export interface CountPhrase {
  /** Token range of the number (and its approximating words). */
  first: number;
  last: number;
  value: number;
  approximate: boolean;
}

/** The number that ends at token `last` (reading left), or undefined. */
export function numberEndingAt(
  tokens: readonly Token[],
  last: number,
  approximate: PhraseList,
): CountPhrase | undefined {
  let first = last;
  let value: number | undefined;
  const token = tokens[last];
  if (!token) return undefined;
  if (/^\d{1,3}(?:,\d{3})+$|^\d+$/.test(token.norm)) {
    value = Number(token.norm.replace(/,/g, ""));
  } else if (token.norm in SCALES) {
    // "two thousand", "three hundred"
    const multiplier =
      wordValue(tokens[last - 1]?.norm ?? "") ?? Number(tokens[last - 1]?.norm.replace(/,/g, ""));
    if (!Number.isFinite(multiplier)) return undefined;
    value = multiplier * SCALES[token.norm]!;
    first = last - 1;
  } else {
    value = wordValue(token.norm);
    if (token.norm === "a") return undefined;
  }
  if (value === undefined || !Number.isInteger(value)) return undefined;
  // An approximating phrase right before the number: "approximately", "more than", "some".
  const cue = approximate.matchEndingAt(tokens, first - 1);
  return { first: cue >= 0 ? cue : first, last, value, approximate: cue >= 0 };
}

const YEAR_CONTEXT = new Set(["in", "since", "by", "until", "from", "during", "before", "after"]);

/** The count standing right before token `at` (past adjectives and demonyms), or undefined. */
export function countBefore(
  tokens: readonly Token[],
  at: number,
  approximate: PhraseList,
): CountPhrase | undefined {
  let last = at - 1;
  // "32 Armenian soldiers", "2,000 Russian peacekeepers": a demonym or adjective may sit between.
  for (
    let skipped = 0;
    skipped < 2 && last >= 0 && (tokens[last]!.pos === "ADJ" || tokens[last]!.pos === "PROPN");
    skipped++
  )
    last--;
  const count = numberEndingAt(tokens, last, approximate);
  // "in 2020 offensives" is a year; "1960 servicemen" is a count.
  const yearLike = count !== undefined && /^(?:19|20)\d\d$/.test(tokens[count.last]!.norm);
  if (yearLike && YEAR_CONTEXT.has(tokens[count.first - 1]?.norm ?? "")) return undefined;
  return count;
}

/** Counts of countable nouns that no name covers ("1960 servicemen"). */
export function countsOfNouns(
  tokens: readonly Token[],
  countable: PhraseList,
  approximate: PhraseList,
): (CountPhrase & { noun: number })[] {
  const found: (CountPhrase & { noun: number })[] = [];
  for (let at = 1; at < tokens.length; at++) {
    if (countable.matchAt(tokens, at) < 0) continue;
    const count = countBefore(tokens, at, approximate);
    if (count) found.push({ ...count, noun: at });
  }
  return found;
}
