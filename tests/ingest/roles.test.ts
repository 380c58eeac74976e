/** Clause and role finding: who did what to whom, without a parser. */
import { describe, expect, it } from "vitest";
import { extract, find, triples } from "./helpers.ts";

describe("subjects and objects", () => {
  it("takes a relative pronoun's antecedent as the subject", async () => {
    const { claims } = await extract(
      "Armenia withdrew its candidacy, yielding to Azerbaijan, which in turn backed Armenia’s candidacy for the COP Bureau.",
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "armenia YIELDED_TO azerbaijan",
        "azerbaijan SUPPORTED armenia-cop-bureau-candidacy",
      ]),
    );
  });

  it("does not take a name inside a prepositional phrase or an apposition for the subject", async () => {
    const { claims } = await extract(
      "The OSCE Minsk Group, co-chaired by France, Russia, and the US, welcomed the joint statement.",
    );
    expect(triples(claims)).toContain("osce-minsk-group WELCOMED joint-statement-2023-12");
    expect(triples(claims)).not.toContain("united-states WELCOMED joint-statement-2023-12");
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "france CO_CHAIRS osce-minsk-group",
        "russia CO_CHAIRS osce-minsk-group",
        "united-states CO_CHAIRS osce-minsk-group",
      ]),
    );
  });

  it('reads "both sides" as the two parties, and "we" and "it" as the article\'s speaker', async () => {
    const { claims } = await extract(
      "EU Statement On The Talks\n\nThe European Union welcomes the joint statement. It urges both sides to sign the peace agreement. We call on Russia to support it.",
      { title: null, outlet: "European Union" },
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "european-union URGED armenia",
        "european-union URGED azerbaijan",
        "european-union URGED russia",
      ]),
    );
  });

  it("does not carry a subject across a reported clause", async () => {
    const { claims } = await extract("Turkey said that the joint statement was a first.");
    expect(claims.filter((claim) => claim.relation === "WELCOMED")).toEqual([]);
  });

  it("reads the parties of talks between them", async () => {
    const { claims } = await extract("The talks between Armenia and Azerbaijan went on.");
    expect(triples(claims)).toContain("armenia NEGOTIATED azerbaijan");
    expect(find(claims, "armenia NEGOTIATED azerbaijan").rule).toBe("between-nouns");
  });
});
