/**
 * Folds text for matching: lower case, no diacritics, straight apostrophes, single spaces.
 * "Türkiye" and "turkiye", "António" and "Antonio" fold to the same string.
 */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{Mn}/gu, "")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .trim();
}
