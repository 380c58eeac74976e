/**
 * Word lists of the extraction rules turned into matchers over tokens. A verb phrase is written in
 * its base form ("express support for") and matches its inflections ("expressed support for",
 * "expressing strong support for"), with up to two modifiers between its words.
 */
import { foldInPlace } from "./fold.ts";
import type { Token } from "./types.ts";

/**
 * The words of a phrase as tokens show them: hyphenated words whole, "'s" and "n't" as words,
 * other marks apart (see tokens.ts).
 */
export function phraseWords(phrase: string): string[] {
  // An abbreviation ("H.E.", "Mr.") is one word, as the tagger keeps it.
  return (
    foldInPlace(phrase).match(
      /(?:\p{L}{1,4}\.)+(?=\s|$)|'?[\p{L}\p{N}][\p{L}\p{N}'-]*|\*|\{object\}|[^\s\p{L}\p{N}]/gu,
    ) ?? []
  );
}

const VOWEL = /[aeiou]/;

/** Regular English inflections of a word: verbs (-s, -ed, -ing) and nouns (-s). */
export function inflections(word: string, irregular: Readonly<Record<string, readonly string[]>>): string[] {
  const forms = new Set([word, ...(irregular[word] ?? []).map(foldInPlace)]);
  if (!/^[a-z][a-z-]*$/.test(word) || word.length < 2) return [...forms];
  const last = word.at(-1)!;
  const beforeLast = word.at(-2)!;
  if (/(?:s|x|z|ch|sh)$/.test(word)) forms.add(`${word}es`);
  else if (last === "y" && !VOWEL.test(beforeLast)) forms.add(`${word.slice(0, -1)}ies`);
  else forms.add(`${word}s`);
  if (last === "e") {
    forms.add(`${word}d`);
    forms.add(`${word.slice(0, -1)}ing`);
  } else if (last === "y" && !VOWEL.test(beforeLast)) {
    forms.add(`${word.slice(0, -1)}ied`);
    forms.add(`${word}ing`);
  } else {
    forms.add(`${word}ed`);
    forms.add(`${word}ing`);
    // Short verbs ending consonant-vowel-consonant double it: ship → shipped; both are kept.
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(word)) {
      forms.add(`${word}${last}ed`);
      forms.add(`${word}${last}ing`);
    }
  }
  return [...forms];
}

/** Parts of speech that may sit between the words of a phrase: "expressed their strong support for". */
const FILLER_POS = new Set(["DET", "ADJ", "ADV", "PRON", "NUM", "CCONJ"]);
/** "reiterates its unconditional and full support for": up to four modifiers. */
const MAX_FILLERS = 4;
const MAX_WILDCARD = 10;
const BREAKS = new Set([".", ";", ":", "that", "which", "who"]);

export interface PhraseMatch {
  /** Indexes of the first and last token of the phrase. */
  first: number;
  last: number;
  /** For a phrase with an "{object}" slot ("congratulate {object} for"): the tokens it spans. */
  slot?: [number, number];
}

/** One phrase compiled: each word with the forms it accepts. */
export class Phrase {
  readonly words: ReadonlySet<string>[];

  constructor(
    readonly text: string,
    irregular: Readonly<Record<string, readonly string[]>>,
    inflectAll = true,
  ) {
    this.words = phraseWords(text).map((word, i) =>
      inflectAll || i === 0 ? new Set(inflections(word, irregular)) : new Set([word]),
    );
  }

  /** The phrase starting at token `at`, or undefined. */
  matchAt(tokens: readonly Token[], at: number): PhraseMatch | undefined {
    if (!this.words[0]?.has(tokens[at]?.norm ?? "")) return undefined;
    let position = at;
    let slotRange: [number, number] | undefined;
    for (let w = 1; w < this.words.length; w++) {
      // "*" stands for the words of a name or two: "congratulate * on" is "congratulates Armenia and
      // Azerbaijan on".
      const slot = this.words[w]!.has("{object}");
      const wildcard = slot || this.words[w]!.has("*");
      if (wildcard) w++;
      const slotStart = position + 1;
      let next = position + 1;
      let fillers = 0;
      const allowed = wildcard ? MAX_WILDCARD : MAX_FILLERS;
      while (
        next < tokens.length &&
        !this.words[w]!.has(tokens[next]!.norm) &&
        fillers < allowed &&
        (wildcard ? !BREAKS.has(tokens[next]!.norm) : FILLER_POS.has(tokens[next]!.pos))
      ) {
        next++;
        fillers++;
      }
      if (!this.words[w]!.has(tokens[next]?.norm ?? "")) return undefined;
      if (slot) {
        if (next === slotStart) return undefined;
        slotRange = [slotStart, next - 1];
      }
      position = next;
    }
    return slotRange ? { first: at, last: position, slot: slotRange } : { first: at, last: position };
  }
}

/** A listed word, or (as the last word of a phrase) its plural: "governments", "Foreign Ministers". */
function sameWord(norm: string | undefined, word: string, last: boolean): boolean {
  if (norm === word) return true;
  return last && norm !== undefined && /^[a-z]/.test(word) && (norm === `${word}s` || norm === `${word}es`);
}

/** A list of fixed phrases (no inflection, no fillers; a plural last word), matched longest first. */
export class PhraseList {
  private readonly phrases: string[][];

  /** With `irregular`, a phrase's first word also matches its inflections ("pledged to"). */
  constructor(list: readonly string[], irregular?: Readonly<Record<string, readonly string[]>>) {
    const phrases = list.map(phraseWords).filter((words) => words.length > 0);
    this.phrases = irregular
      ? phrases.flatMap(([first, ...rest]) => inflections(first!, irregular).map((form) => [form, ...rest]))
      : phrases;
    this.phrases.sort((a, b) => b.length - a.length);
  }

  /** The index of the last token of the longest phrase starting at `at`, or -1. */
  matchAt(tokens: readonly Token[], at: number): number {
    for (const words of this.phrases) {
      if (words.every((word, i) => sameWord(tokens[at + i]?.norm, word, i === words.length - 1)))
        return at + words.length - 1;
    }
    return -1;
  }

  /** The index of the first token of the longest phrase ending at `at`, or -1. */
  matchEndingAt(tokens: readonly Token[], at: number): number {
    for (const words of this.phrases) {
      const first = at - words.length + 1;
      if (
        first >= 0 &&
        words.every((word, i) => sameWord(tokens[first + i]?.norm, word, i === words.length - 1))
      )
        return first;
    }
    return -1;
  }
}
