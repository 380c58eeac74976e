import { describe, expect, it } from "vitest";
import { countBefore } from "../../server/ingest/counts.ts";
import { PhraseList } from "../../server/ingest/lexicon.ts";
import type { Sentence } from "../../server/ingest/types.ts";
import { tokenize } from "../../server/ingest/tokens.ts";

const APPROXIMATE = new PhraseList(["approximately", "about", "some", "more than", "over"]);

/** The count before the last word of the text. */
function countOf(text: string) {
  const sentence: Sentence = { start: 0, end: text.length, text, headline: false };
  const tokens = tokenize(sentence);
  const count = countBefore(tokens, tokens.length - 1, APPROXIMATE);
  return count && { value: count.value, approximate: count.approximate };
}

describe("counts", () => {
  it("reads digits, thousands separators and number words", () => {
    expect(countOf("released 32 soldiers")).toEqual({ value: 32, approximate: false });
    expect(countOf("deployed 2,000 peacekeepers")).toEqual({ value: 2000, approximate: false });
    expect(countOf("composed of 1960 servicemen")).toEqual({ value: 1960, approximate: false });
    expect(countOf("released thirty-two detainees")).toEqual({ value: 32, approximate: false });
    expect(countOf("released two detainees")).toEqual({ value: 2, approximate: false });
    expect(countOf("sent two thousand troops")).toEqual({ value: 2000, approximate: false });
  });

  it("marks approximate counts", () => {
    expect(countOf("approximately 2,000 Russian peacekeepers")).toEqual({ value: 2000, approximate: true });
    expect(countOf("more than 100 refugees")).toEqual({ value: 100, approximate: true });
  });

  it("does not take a year or a word that is no number for a count", () => {
    expect(countOf("in 2020 offensives")).toBeUndefined();
    expect(countOf("released the soldiers")).toBeUndefined();
  });
});
