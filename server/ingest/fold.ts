/**
 * Folding that keeps every character in place. Linking compares folded text ("Turkiye" finds
 * "Türkiye", "Armenia’s" finds "Armenia's") but must hand back offsets into the original text, so
 * each UTF-16 unit folds to exactly one unit: the search code's foldText (server/query) may not.
 */

/** Letters that Unicode does not decompose but that readers treat as plain Latin letters. */
const SPECIAL: Record<string, string> = {
  ə: "e",
  Ə: "e",
  ı: "i",
  ł: "l",
  Ł: "l",
  ø: "o",
  Ø: "o",
  đ: "d",
  ß: "s",
  "’": "'",
  "‘": "'",
  "`": "'",
  "´": "'",
  "‐": "-",
  "‑": "-",
  "‒": "-",
  "–": "-",
  "—": "-",
  "\u00A0": " ",
  "\u202F": " ",
  "\t": " ",
  "\n": " ",
  "\r": " ",
};

const folded = new Map<string, string>();

function foldChar(char: string): string {
  let result = folded.get(char);
  if (result === undefined) {
    const special = SPECIAL[char];
    if (special !== undefined) result = special;
    else {
      const base = char
        .normalize("NFKD")
        .replace(/\p{Mn}/gu, "")
        .toLowerCase();
      result = base.length === 1 ? base : char.toLowerCase().length === 1 ? char.toLowerCase() : char;
    }
    folded.set(char, result);
  }
  return result;
}

const ASCII = /^[\x20-\x7e]*$/;

/** Lower case, accents off, apostrophes and dashes straightened; same length as the input. */
export function foldInPlace(text: string): string {
  // Most names are plain ASCII: lower case and the backtick are all there is to fold.
  if (ASCII.test(text)) return text.toLowerCase().replaceAll("`", "'");
  let out = "";
  for (let i = 0; i < text.length; i++) out += foldChar(text[i]!);
  return out;
}

/** Ids of entities and sources: lower-case words joined by hyphens (graph-data/README.md). */
export function slugify(text: string, maxWords = 8): string {
  return foldInPlace(text)
    .replace(/'s\b/g, "")
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, maxWords)
    .join("-");
}
