import type { Source } from "./types.ts";

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
const show = (char: string | undefined) =>
  char === undefined ? "the end of the text" : `"${char}" (${codePoint(char)})`;

/**
 * Finds quotes in their sources. Each lookup scans only the one source the claim cites, so checking
 * n claims costs n times the length of an article, never n times the whole corpus.
 */
export class QuoteIndex {
  private readonly texts: ReadonlyMap<string, string>;

  constructor(sources: Iterable<Source>) {
    this.texts = new Map([...sources].map((source) => [source.id, source.text]));
  }

  /** Character offset of the quote in the source's text, or -1. */
  locate(sourceId: string, quote: string): number {
    return this.texts.get(sourceId)?.indexOf(quote) ?? -1;
  }

  /** Says where a quote stops matching its source, so a curator can fix a stray apostrophe quickly. */
  explainMismatch(sourceId: string, quote: string): string {
    const text = this.texts.get(sourceId) ?? "";
    // The longest prefix of the quote found in the text; a prefix of a match is also a match.
    let low = 0;
    let high = quote.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (text.includes(quote.slice(0, mid))) low = mid;
      else high = mid - 1;
    }
    if (low === 0)
      return `not a verbatim substring of ${sourceId}: not even its first character occurs there`;
    const prefix = quote.slice(0, low);
    const at = text.indexOf(prefix) + low;
    const context = prefix.length > 30 ? `…${prefix.slice(-30)}` : prefix;
    return (
      `not a verbatim substring of ${sourceId}: it matches as far as "${context}", ` +
      `then has ${show(quote[low])} where the source has ${show(text[at])}`
    );
  }
}
