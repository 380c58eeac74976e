/**
 * Folds text for matching, as the server's search does: lower case, no diacritics, straight
 * apostrophes, single spaces. "Türkiye" matches "turkiye", "António" matches "antonio".
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
