import type { GraphQLClient } from "../api/graphql-client.ts";
import { SOURCE_TEXT_QUERY } from "../api/queries.ts";
import { el } from "../dom.ts";

/**
 * A quote in its passage: a sentence or two either side, cut from the source's verbatim text at the
 * quote's stored offsets, with the quote itself marked. Source texts are fetched once, when a quote
 * of theirs is first shown, and kept.
 */

export interface Passage {
  before: string;
  quote: string;
  after: string;
}

/** Sentence ends: a stop, question or exclamation mark, maybe a closing quote or bracket, then space. */
const SENTENCE_END = /[.!?]["”’)\]]?\s+/g;

/**
 * The text around [start, end): `sentences` sentences either side, each side at most `maxChars`
 * characters (cut at a space, with an ellipsis).
 */
export function cutPassage(text: string, start: number, end: number, sentences = 1, maxChars = 320): Passage {
  const ends: number[] = [];
  for (const match of text.matchAll(SENTENCE_END)) ends.push(match.index + match[0].length);
  // Where the quote's own sentence starts, then `sentences` more back.
  const startsBefore = [0, ...ends].filter((boundary) => boundary <= start);
  const from = startsBefore[Math.max(0, startsBefore.length - 1 - sentences)] ?? 0;
  const endsAfter = [...ends, text.length].filter((boundary) => boundary >= end);
  const to = endsAfter[Math.min(endsAfter.length - 1, sentences)] ?? text.length;
  let before = text.slice(from, start);
  let after = text.slice(end, to);
  if (before.length > maxChars) {
    const cut = before.slice(-maxChars);
    before = `…${cut.slice(cut.indexOf(" ") + 1)}`;
  }
  if (after.length > maxChars) {
    const cut = after.slice(0, maxChars);
    after = `${cut.slice(0, cut.lastIndexOf(" "))}…`;
  }
  return {
    before: before.replace(/^\s+/, ""),
    quote: text.slice(start, end),
    after: after.replace(/\s+$/, ""),
  };
}

export class SourceTexts {
  private readonly texts = new Map<string, Promise<string | null>>();

  constructor(private readonly client: GraphQLClient) {}

  get(sourceId: string): Promise<string | null> {
    let text = this.texts.get(sourceId);
    if (!text) {
      text = this.client
        .request<{ node: { text?: string } | null }>(SOURCE_TEXT_QUERY, { id: sourceId })
        .then((data) => data.node?.text ?? null)
        .catch(() => null);
      this.texts.set(sourceId, text);
    }
    return text;
  }
}

/**
 * A blockquote that shows the quote at once and its passage once the source's text is in. If the
 * stored offsets do not hold the quote (the text changed), the quote stays alone.
 */
export function passageView(
  texts: SourceTexts,
  sourceId: string,
  quote: string,
  start: number | undefined,
  end: number | undefined,
): HTMLElement {
  const block = el("blockquote", { className: "passage" }, el("mark", { text: quote }));
  if (start === undefined || end === undefined) return block;
  void texts.get(sourceId).then((text) => {
    if (!text || text.slice(start, end) !== quote) return;
    const passage = cutPassage(text, start, end);
    block.replaceChildren(
      el("span", { className: "passage-context", text: passage.before }),
      el("mark", { text: passage.quote }),
      el("span", { className: "passage-context", text: passage.after }),
    );
    block.setAttribute("data-passage", "loaded");
  });
  return block;
}
