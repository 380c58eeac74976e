/**
 * Part-of-speech tokens with offsets. wink-nlp's English model (inside its npm package, no
 * network) tags and lemmatises; it reports token text only, so each token is found again in the
 * sentence to get its offsets in the article.
 */
import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import { foldInPlace } from "./fold.ts";
import type { Sentence, Token } from "./types.ts";

type Wink = ReturnType<typeof winkNLP>;
let wink: Wink | undefined;

/** The model loads once, on first use (about 0.3 s). */
function nlp(): Wink {
  wink ??= winkNLP(model, ["pos"]);
  return wink;
}

/**
 * Tokens of one sentence, with offsets in the article. `tagging` is the same text with other
 * letter case (a headline put in sentence case): wink tags it, offsets and token text stay.
 */
export function tokenize(sentence: Sentence, tagging = sentence.text): Token[] {
  const engine = nlp();
  const its = engine.its;
  const doc = engine.readDoc(tagging);
  const texts = doc.tokens().out() as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  // wink's typings do not accept its.lemma in out(), which its documentation and code do.
  const lemmas = doc.tokens().out(its.lemma as never) as unknown as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  texts.forEach((tagged, i) => {
    const at = tagging.indexOf(tagged, cursor);
    if (at < 0) return; // a token wink rewrote; linking works on the text itself, so skip it
    cursor = at + tagged.length;
    const start = sentence.start + at;
    const text = sentence.text.slice(at, at + tagged.length);
    tokens.push({
      start,
      end: start + text.length,
      text,
      norm: foldInPlace(text),
      pos: tags[i] ?? "X",
      lemma: foldInPlace(lemmas[i] ?? text),
      negated: false,
    });
  });
  return retagHeads(joinHyphenated(tokens, sentence));
}

const NOUN_PHRASE_WORDS = new Set(["NOUN", "PROPN", "ADJ", "NUM"]);
const OPENERS = new Set(["DET"]);

/**
 * wink tags some nouns that are also adjectives as adjectives even where they end a noun phrase
 * ("a military offensive in …", "this offensive,"); an adjective that a determiner or possessive
 * opens and nothing nominal follows is the phrase's head, so a noun.
 */
function retagHeads(tokens: Token[]): Token[] {
  tokens.forEach((token, at) => {
    if (token.pos !== "ADJ" || NOUN_PHRASE_WORDS.has(tokens[at + 1]?.pos ?? "")) return;
    let before = at - 1;
    while (before >= 0 && (tokens[before]!.pos === "ADJ" || tokens[before]!.pos === "ADV")) before--;
    const opener = tokens[before];
    if (!opener || !(OPENERS.has(opener.pos) || opener.norm === "'s" || opener.norm === "’s")) return;
    if (before === at - 1 && opener.pos === "DET" && !/^(a|an|the|this|that|its|their)$/.test(opener.norm))
      return;
    token.pos = "NOUN";
  });
  return tokens;
}

const HYPHENS = new Set(["-", "\u2010", "\u2011"]);

/**
 * wink splits some hyphenated words ("Secretary-General", "thirty-two") and not others
 * ("co-chaired"); joining them keeps one word one token, as the rules' phrases are written.
 */
function joinHyphenated(tokens: Token[], sentence: Sentence): Token[] {
  const joined: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const previous = joined.at(-1);
    const next = tokens[i + 1];
    if (
      HYPHENS.has(token.text) &&
      previous &&
      next &&
      previous.end === token.start &&
      token.end === next.start &&
      /[\p{L}\p{N}]$/u.test(previous.text) &&
      /^[\p{L}\p{N}]/u.test(next.text)
    ) {
      const text = sentence.text.slice(previous.start - sentence.start, next.end - sentence.start);
      joined[joined.length - 1] = {
        ...next,
        start: previous.start,
        text,
        norm: foldInPlace(text),
        lemma: `${previous.norm}-${next.lemma}`,
      };
      i++;
      continue;
    }
    joined.push(token);
  }
  return joined;
}
