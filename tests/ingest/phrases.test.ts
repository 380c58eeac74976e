/** Relations stated without a verb: nominal acts, places, agents, obligations, forces, events by date. */
import { describe, expect, it } from "vitest";
import { extract, find, triples } from "./helpers.ts";

describe("noun phrase rules", () => {
  it("reads an act named by a noun, its agent after by or as a possessor", async () => {
    const byAgent = await extract("The US welcomed the release by Azerbaijan of 32 Armenian soldiers.");
    expect(find(byAgent.claims, "azerbaijan RELEASED armenian-prisoners-of-war").rule).toBe("released");
    const possessor = await extract("Observers praised Azerbaijan’s release of the Armenian soldiers.");
    expect(triples(possessor.claims)).toContain("azerbaijan RELEASED armenian-prisoners-of-war");
  });

  it("reads where an event happened", async () => {
    const { claims } = await extract(
      "Armenians fled after the September 2023 offensive in Nagorno-Karabakh.",
    );
    expect(triples(claims)).toContain("september-2023-offensive OCCURRED_IN nagorno-karabakh");
  });

  it("reads who issued a statement and who launched an offensive", async () => {
    const { claims } = await extract("Turkey welcomed the joint statement by Armenia and Azerbaijan.");
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "armenia ISSUED joint-statement-2023-12",
        "azerbaijan ISSUED joint-statement-2023-12",
      ]),
    );
  });

  it("reads a force named with its state as part of it", async () => {
    const { claims } = await extract("Russian peacekeepers were deployed.");
    expect(find(claims, "russian-peacekeepers PART_OF russia").rule).toBe("forces");
  });

  it("reads an obligation in an official text as its speaker's appeal, and not in a text without one", async () => {
    const official = await extract(
      "Azerbaijan has the responsibility to ensure the rights of Karabakh Armenians.",
      {
        outlet: "European Union",
      },
    );
    expect(find(official.claims, "european-union URGED azerbaijan").rule).toBe("obligations");
    const report = await extract(
      "Azerbaijan has the responsibility to ensure the rights of Karabakh Armenians.",
    );
    expect(report.claims.filter((claim) => claim.relation === "URGED")).toEqual([]);
  });

  it("links a common noun to the known event with the date written beside it", async () => {
    const { claims } = await extract(
      "An agreement on 7 December between Armenia and Azerbaijan was a first.",
      {
        published: "2024-01-25",
      },
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "armenia AGREED joint-statement-2023-12",
        "azerbaijan AGREED joint-statement-2023-12",
        "joint-statement-2023-12 date=2023-12-07",
      ]),
    );
  });
});
