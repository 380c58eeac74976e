/**
 * Actor and event linking: label, alias, accent-free spelling, demonym, capital, office, title, and
 * proposals for what the graph does not know, never a wrong link.
 */
import { describe, expect, it } from "vitest";
import { extract, find, triples } from "./helpers.ts";

describe("linking actors", () => {
  it("links labels, aliases and accent-free spellings", async () => {
    const { claims } = await extract("Turkiye, Moscow and the EU welcomed the joint statement.");
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "turkey WELCOMED joint-statement-2023-12",
        "russia WELCOMED joint-statement-2023-12",
        "european-union WELCOMED joint-statement-2023-12",
      ]),
    );
  });

  it("reads a capital as its government", async () => {
    const { claims } = await extract("Baku welcomed the joint statement.");
    expect(triples(claims)).toContain("azerbaijan WELCOMED joint-statement-2023-12");
  });

  it("reads a demonym before people as the people, not the state", async () => {
    const { claims } = await extract("Azerbaijan released 32 Armenian soldiers.");
    expect(triples(claims)).toEqual(["azerbaijan RELEASED armenian-prisoners-of-war"]);
  });

  it("reads a title as the person who holds it, and says whom they lead", async () => {
    const held = await extract("The Prime Minister of Armenia welcomed the joint statement.");
    expect(triples(held.claims)).toContain("nikol-pashinyan WELCOMED joint-statement-2023-12");
    const named = await extract("Azerbaijani President Ilham Aliyev welcomed the joint statement.");
    expect(find(named.claims, "ilham-aliyev LEADS azerbaijan").qualifiers?.role).toBe("President");
  });

  it("proposes an unknown state rather than linking it wrongly", async () => {
    const { claims, entities } = await extract("Georgia welcomed the joint statement.");
    expect(triples(claims)).toContain("georgia WELCOMED joint-statement-2023-12");
    expect(entities).toEqual([
      expect.objectContaining({ id: "georgia", label: "Georgia", type: "state", status: "extracted" }),
    ]);
  });

  it("proposes an unknown person named with a title", async () => {
    const { claims, entities } = await extract(
      "Armenian Foreign Minister Ararat Mirzoyan welcomed the joint statement.",
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "ararat-mirzoyan WELCOMED joint-statement-2023-12",
        "ararat-mirzoyan MEMBER_OF armenia",
      ]),
    );
    expect(entities.map((entity) => entity.id)).toEqual(["ararat-mirzoyan"]);
  });
});

describe("linking events", () => {
  it("links an event the graph knows from the words an article uses", async () => {
    const { claims } = await extract("Turkey welcomed the joint statement issued by Armenia and Azerbaijan.");
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "turkey WELCOMED joint-statement-2023-12",
        "armenia ISSUED joint-statement-2023-12",
        "azerbaijan ISSUED joint-statement-2023-12",
      ]),
    );
  });

  it("does not link an event the graph dates after the article, and proposes a new one", async () => {
    const { claims, entities } = await extract("Turkey welcomed the joint statement.", {
      published: "2020-11-21",
    });
    expect(triples(claims).some((t) => t.includes("joint-statement-2023-12"))).toBe(false);
    expect(entities).toContainEqual(
      expect.objectContaining({ type: "joint_statement", status: "extracted" }),
    );
  });

  it('links "this development" to the event last named', async () => {
    const { claims } = await extract(
      "Armenia and Azerbaijan issued a joint statement. This development was welcomed by Russia.",
    );
    expect(triples(claims)).toContain("russia WELCOMED joint-statement-2023-12");
  });
});
