import { describe, expect, it } from "vitest";
import { looksLikeHeadline, segmentSentences } from "../../server/ingest/segment.ts";

const OPTIONS = { abbreviations: ["Pres", "Aug", "Dec", "Mr"], maxHeadlineWords: 25 };

describe("sentence segmentation", () => {
  it("gives each sentence with offsets that slice it out of the text exactly", () => {
    const text =
      "Armenia and Azerbaijan Release Joint Statement\n\nThe U.S. welcomed it on Aug. 8. Pres. Aliyev agreed.  Then the talks resumed.\r\nA last line";
    const sentences = segmentSentences(text, OPTIONS);
    expect(sentences.map((s) => s.text)).toEqual([
      "Armenia and Azerbaijan Release Joint Statement",
      "The U.S. welcomed it on Aug. 8.",
      "Pres. Aliyev agreed.",
      "Then the talks resumed.",
      "A last line",
    ]);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });

  it("keeps initials with the surname they belong to", () => {
    const text =
      "We, the Prime Minister of the Republic of Armenia N.V. Pashinyan, have stated the following.";
    expect(segmentSentences(text, OPTIONS).map((s) => s.text)).toEqual([text]);
  });

  it("marks headline lines, and only the first line as the article's first", () => {
    const sentences = segmentSentences(
      "Armenia And Azerbaijan Agree To Take Steps\nThe talks went on.",
      OPTIONS,
    );
    expect(sentences[0]).toMatchObject({ headline: true, first: true });
    expect(sentences[1]).toMatchObject({ headline: false, first: false });
  });

  it("tells a headline from a dateline, a byline, a URL and a sentence", () => {
    expect(
      looksLikeHeadline("Welcoming the Release of Armenian and Azerbaijani Soldiers (STATEMENT)", 25),
    ).toBe(true);
    expect(looksLikeHeadline("Dec 29 2023", 25)).toBe(false);
    expect(looksLikeHeadline("By: Momen Zellmi", 25)).toBe(false);
    expect(looksLikeHeadline("https://example.org/a-story-about-peace", 25)).toBe(false);
    expect(looksLikeHeadline("The talks resumed on Monday.", 25)).toBe(false);
  });
});
