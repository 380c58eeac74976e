/**
 * The cases every real article contains (issue 11): joint acts, lists, an office or spokesperson
 * for its state with attribution, the passive, reported speech, announced against executed acts,
 * negation, and curly and straight quotes kept byte-exact. Each runs the whole extractor over the
 * real graph-data and rules.
 */
import { describe, expect, it } from "vitest";
import { extract, find, triples } from "./helpers.ts";

describe("cases every real article contains", () => {
  it("gives one claim per party for a joint act", async () => {
    const { claims } = await extract("Armenia and Azerbaijan signed the peace agreement on Thursday.");
    expect(triples(claims)).toEqual(
      expect.arrayContaining(["armenia SIGNED peace-agreement", "azerbaijan SIGNED peace-agreement"]),
    );
    // Published on Wednesday 13 December 2023: the Thursday before.
    expect(find(claims, "armenia SIGNED peace-agreement").qualifiers?.date).toBe("2023-12-07");
  });

  it("gives one claim per item of a list", async () => {
    const { claims } = await extract(
      "The joint statement was welcomed by Turkey, the US, the EU and Russia.",
    );
    const welcomers = claims.filter((c) => c.relation === "WELCOMED").map((c) => c.subject);
    expect(welcomers.sort()).toEqual(["european-union", "russia", "turkey", "united-states"]);
    for (const claim of claims) expect(claim.object).toBe("joint-statement-2023-12");
  });

  it("reads a government office as its state, and the words of an office as attribution", async () => {
    const office = await extract("The Turkish Foreign Ministry welcomed the joint statement.");
    expect(triples(office.claims)).toContain("turkey WELCOMED joint-statement-2023-12");
    const reported = await extract(
      "Azerbaijan released 32 Armenian soldiers, a Turkish Foreign Ministry statement said.",
    );
    const release = find(reported.claims, "azerbaijan RELEASED armenian-prisoners-of-war");
    expect(release.attributedTo).toBe("turkey");
    const ministry = await extract(
      "The Ministry of Foreign Affairs of Türkiye welcomed the joint statement.",
    );
    expect(triples(ministry.claims)).toContain("turkey WELCOMED joint-statement-2023-12");
  });

  it("reads a spokesperson's words as the state's act attributed to the person", async () => {
    const { claims, entities } = await extract(
      "Kremlin spokesman Dmitry Peskov said Russia welcomed the joint statement.",
    );
    const welcome = find(claims, "russia WELCOMED joint-statement-2023-12");
    expect(welcome.attributedTo).toBe("dmitry-peskov");
    expect(entities).toContainEqual(
      expect.objectContaining({ id: "dmitry-peskov", type: "person", status: "extracted" }),
    );
  });

  it("reads the passive, with and without an auxiliary", async () => {
    const passive = await extract("The joint statement was welcomed by the United Nations.");
    expect(triples(passive.claims)).toContain("united-nations WELCOMED joint-statement-2023-12");
    const reduced = await extract("The joint statement issued by Armenia and Azerbaijan was a first.");
    expect(triples(reduced.claims)).toEqual(
      expect.arrayContaining([
        "armenia ISSUED joint-statement-2023-12",
        "azerbaijan ISSUED joint-statement-2023-12",
      ]),
    );
  });

  it("keeps reported speech as a claim about the act, attributed to the speaker", async () => {
    const { claims } = await extract("Aliyev said that Azerbaijan would release the Armenian soldiers.");
    const release = find(claims, "azerbaijan RELEASED armenian-prisoners-of-war");
    expect(release.attributedTo).toBe("ilham-aliyev");
    expect(release.modality).toBe("announced");
  });

  it("tells an announced act from an executed one", async () => {
    const announced = await extract("Azerbaijan will release 32 Armenian soldiers.");
    const executed = await extract("Azerbaijan released 32 Armenian soldiers.");
    expect(find(announced.claims, "azerbaijan RELEASED armenian-prisoners-of-war").modality).toBe(
      "announced",
    );
    const done = find(executed.claims, "azerbaijan RELEASED armenian-prisoners-of-war");
    expect(done.modality).toBeUndefined(); // asserted, the default, is not written
    expect(done.qualifiers?.count).toBe(32);
  });

  it("marks negated acts", async () => {
    const { claims } = await extract("Armenia did not sign the peace agreement.");
    expect(find(claims, "armenia SIGNED peace-agreement").modality).toBe("negated");
    const never = await extract(
      "Russia never recognised the joint statement as final, and Azerbaijan never signed the peace agreement.",
    );
    expect(find(never.claims, "azerbaijan SIGNED peace-agreement").modality).toBe("negated");
  });

  it("keeps curly and straight apostrophes byte for byte in quotes", async () => {
    for (const apostrophe of ["’", "'"]) {
      const text = `Azerbaijan${apostrophe}s President Ilham Aliyev welcomed the joint statement.`;
      const { claims } = await extract(text);
      const welcome = find(claims, "ilham-aliyev WELCOMED joint-statement-2023-12");
      expect(welcome.quote).toContain(`Azerbaijan${apostrophe}s`);
      expect(text.slice(welcome.start, welcome.start + welcome.quote.length)).toBe(welcome.quote);
    }
    const curly = "Pashinyan said: “Armenia welcomed the joint statement.”";
    const { claims } = await extract(curly);
    const claim = find(claims, "armenia WELCOMED joint-statement-2023-12");
    expect(curly.slice(claim.start, claim.start + claim.quote.length)).toBe(claim.quote);
  });
});
