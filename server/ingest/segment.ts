/**
 * Sentence segmentation with offsets. Lines are blocks (a headline, a dateline, a paragraph);
 * sbd splits paragraphs into sentences and handles "U.S.", "Pres." and "Aug."; its output is
 * text only, so each sentence is found again in its block to recover where it starts.
 */
import sbd from "sbd";
import type { Sentence } from "./types.ts";

export interface SegmentOptions {
  /** Abbreviations that do not end a sentence, beyond sbd's own ("Amb", "Gen"). */
  abbreviations: readonly string[];
  /** Longest headline, in words. */
  maxHeadlineWords: number;
}

const FINAL_PUNCTUATION = /[.!?…:;"”’]\s*$/;
const URL_LIKE = /^(?:https?:\/\/|www\.)\S+$/i;

/** A line reads as a headline: a few capitalised words, no closing punctuation, not a URL or byline. */
export function looksLikeHeadline(line: string, maxWords: number): boolean {
  const trimmed = line.trim();
  const words = trimmed.split(/\s+/);
  return (
    words.length >= 3 &&
    words.length <= maxWords &&
    /^\p{Lu}/u.test(trimmed) &&
    !FINAL_PUNCTUATION.test(trimmed) &&
    !URL_LIKE.test(trimmed) &&
    !/^(?:by|categories|posted|updated|published)\b/i.test(trimmed) &&
    // Mostly letters: not a date line ("Dec 29 2023") or a table row.
    (trimmed.match(/\p{L}/gu)?.length ?? 0) > trimmed.length * 0.6
  );
}

/** A piece that ends in initials ("N.V.") continues with the surname in the next piece. */
const ENDS_IN_INITIALS = /(?:^|\s)(?:\p{Lu}\.)+$/u;

function joinInitials(pieces: string[]): string[] {
  const joined: string[] = [];
  for (const piece of pieces) {
    const previous = joined.at(-1);
    if (previous !== undefined && ENDS_IN_INITIALS.test(previous.trimEnd()) && /^\s*\p{Lu}/u.test(piece))
      joined[joined.length - 1] = previous + piece;
    else joined.push(piece);
  }
  return joined;
}

/** The article split into sentences, each with its offsets; blank lines and whitespace are skipped. */
export function segmentSentences(text: string, options: SegmentOptions): Sentence[] {
  const sentences: Sentence[] = [];
  const lineBreak = /\r?\n/g;
  let lineStart = 0;
  let firstLine = true;
  const addLine = (lineEnd: number) => {
    const line = text.slice(lineStart, lineEnd);
    if (line.trim() === "") return;
    // Any short line without closing punctuation reads as a headline (Title Case tags badly);
    // only the first line can give the article its title (see extract.ts).
    const headline = looksLikeHeadline(line, options.maxHeadlineWords);
    const first = firstLine;
    firstLine = false;
    if (headline || !/[.!?]\s+\S/.test(line)) {
      const offset = line.search(/\S/);
      const trimmed = line.trim();
      sentences.push({
        start: lineStart + offset,
        end: lineStart + offset + trimmed.length,
        text: trimmed,
        headline,
        first,
      });
      return;
    }
    let cursor = 0;
    for (const piece of joinInitials(
      sbd.sentences(line, {
        newline_boundaries: false,
        preserve_whitespace: true,
        abbreviations: [...options.abbreviations],
      }),
    )) {
      const trimmed = piece.trim();
      if (trimmed === "") continue;
      const at = line.indexOf(trimmed, cursor);
      if (at < 0) continue; // sbd altered the text; never happens with preserve_whitespace
      sentences.push({
        start: lineStart + at,
        end: lineStart + at + trimmed.length,
        text: trimmed,
        headline: false,
        first,
      });
      cursor = at + trimmed.length;
    }
  };
  for (let match = lineBreak.exec(text); match; match = lineBreak.exec(text)) {
    addLine(match.index);
    lineStart = match.index + match[0].length;
  }
  addLine(text.length);
  return sentences;
}
