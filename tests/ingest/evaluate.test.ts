import { describe, expect, it } from "vitest";
import { evaluate, precision, recall } from "../../server/ingest/evaluate.ts";
import type { GoldClaim, GoldSource } from "../../server/ingest/gold.ts";
import { LinkIndex } from "../../server/ingest/link-index.ts";
import type { ExtractedClaim } from "../../server/ingest/types.ts";

const TEXT = "Turkey welcomed the joint statement. Armenia and Azerbaijan negotiated on 7 December.";
const at = (quote: string) => TEXT.indexOf(quote);

function gold(
  id: string,
  subject: string,
  relation: string,
  object: string,
  quote: string,
  date: string | null = null,
): GoldClaim {
  return { id, subject, relation, object, property: null, value: null, quote, start: at(quote), date };
}

function candidate(
  id: string,
  subject: string,
  relation: string,
  object: string,
  quote: string,
  extra: Partial<ExtractedClaim> = {},
): ExtractedClaim {
  return {
    id,
    source: "s",
    subject,
    relation,
    object,
    quote,
    start: at(quote),
    confidence: 0.9,
    status: "extracted",
    rule: "r",
    ...extra,
  };
}

const index = new LinkIndex();
index.addRelationType({
  id: "NEGOTIATED",
  domain: [],
  range: [],
  symmetric: true,
  dateFrom: null,
  cameo: null,
  cameoLabel: null,
  goldstein: null,
  plover: null,
  modalities: {},
});

const SOURCE: GoldSource = {
  id: "s",
  set: "dev",
  text: TEXT,
  meta: { id: "s", url: null, published: null, title: "T", outlet: null, author: null, added: "2026-12-01" },
  claims: [
    gold("g1", "turkey", "WELCOMED", "js", "Turkey welcomed the joint statement"),
    gold(
      "g2",
      "armenia",
      "NEGOTIATED",
      "azerbaijan",
      "Armenia and Azerbaijan negotiated on 7 December",
      "2023-12-07",
    ),
  ],
};

describe("the evaluation's matching", () => {
  it("needs subject, type, object and overlapping quotes; symmetric types match either way", () => {
    const { overall, dates } = evaluate(
      [
        {
          source: SOURCE,
          ms: 1,
          claims: [
            candidate("c1", "turkey", "WELCOMED", "js", "welcomed the joint statement"),
            candidate("c2", "azerbaijan", "NEGOTIATED", "armenia", "Azerbaijan negotiated", {
              qualifiers: { date: "2023-12-07" },
            }),
            candidate("c3", "turkey", "WELCOMED", "js", "Armenia and Azerbaijan"), // right ends, quote elsewhere
            candidate("c4", "russia", "WELCOMED", "js", "Turkey welcomed"), // wrong subject
          ],
        },
      ],
      index,
    );
    expect(overall).toEqual({ gold: 2, candidates: 4, matched: 2 });
    expect(precision(overall)).toBe(0.5);
    expect(recall(overall)).toBe(1);
    expect(dates).toEqual({ goldDated: 1, right: 1, wrong: [] });
  });

  it("matches one to one: a second candidate for the same gold claim is a false positive", () => {
    const { overall, byRule, confident } = evaluate(
      [
        {
          source: SOURCE,
          ms: 1,
          claims: [
            candidate("c1", "turkey", "WELCOMED", "js", "Turkey welcomed"),
            candidate("c2", "turkey", "WELCOMED", "js", "welcomed the joint statement", {
              confidence: 0.5,
              rule: "other",
            }),
          ],
        },
      ],
      index,
    );
    expect(overall.matched).toBe(1);
    expect(byRule).toEqual({ r: { found: 1, right: 1 }, other: { found: 1, right: 0 } });
    expect(confident).toEqual({ threshold: 0.8, candidates: 1, right: 1 });
  });

  it("counts a wrong date on a matched claim against date accuracy", () => {
    const { dates } = evaluate(
      [
        {
          source: SOURCE,
          ms: 1,
          claims: [
            candidate("c", "armenia", "NEGOTIATED", "azerbaijan", "negotiated on 7 December", {
              qualifiers: { date: "2023-12-08" },
            }),
          ],
        },
      ],
      index,
    );
    expect(dates.goldDated).toBe(1);
    expect(dates.right).toBe(0);
    expect(dates.wrong[0]).toMatch(/has 2023-12-07, extracted 2023-12-08/);
  });
});
