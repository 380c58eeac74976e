/**
 * Causes of missed claims that recur across texts, one test each: the sentence shapes the extractor
 * failed on before the recall work, and the readings that must not come with them.
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../server/ingest/extract.ts";
import { extract, extractorOver, find, meta, triples } from "./helpers.ts";

describe("readings that recur across texts", () => {
  it("reads an adjective-tagged head noun as the event ('a military offensive in …')", async () => {
    const { claims } = await extract(
      "On 19 September 2023 Azerbaijan launched a military offensive in the disputed Nagorno-Karabakh region.",
      { published: "2024-01-15" },
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "azerbaijan INITIATED september-2023-offensive",
        "september-2023-offensive OCCURRED_IN nagorno-karabakh",
      ]),
    );
  });

  it("reads a conflict's parties as what it involved, not as participants", async () => {
    const { claims } = await extract(
      "Armenia and Azerbaijan have been engaged in a protracted conflict over Nagorno-Karabakh.",
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "nagorno-karabakh-conflict INVOLVED armenia",
        "nagorno-karabakh-conflict INVOLVED azerbaijan",
      ]),
    );
    expect(triples(claims).filter((t) => t.includes("PARTICIPATED_IN"))).toEqual([]);
  });

  it("reads 'following' and 'originated from' the other way round", async () => {
    const following = await extract(
      "Observers described the mass exodus of refugees from Karabakh into Armenia following the September 2023 offensive.",
    );
    expect(triples(following.claims)).toContain("september-2023-offensive PRECEDED karabakh-refugee-exodus");
    const origin = await extract(
      "The Nagorno-Karabakh conflict originated from the dissolution of the Soviet Union.",
    );
    expect(triples(origin.claims)).toContain(
      "soviet-union-dissolution-1991 LED_TO nagorno-karabakh-conflict",
    );
  });

  it("reads the speakers after 'In a joint statement …,' as its issuers", async () => {
    const { claims } = await extract(
      "In a joint statement released on December 7, 2023, Armenia and Azerbaijan announced an exchange of prisoners.",
    );
    expect(find(claims, "armenia ISSUED joint-statement-2023-12").rule).toBe("statement-frame");
    expect(triples(claims)).toContain("azerbaijan ISSUED joint-statement-2023-12");
    // Without the frame ("in" before the statement) no issuer is read from the speakers.
    const plain = await extract("Armenia and Azerbaijan announced an exchange of prisoners.");
    expect(triples(plain.claims).filter((t) => t.includes("ISSUED"))).toEqual([]);
  });

  it("reads a title and body before an honorific and a name as the person's post", async () => {
    const { claims, entities } = await extract(
      "The EU thanked the Minister of Foreign Affairs of Armenia, H.E. Mr. Gor Abrahamyan, for his address.",
    );
    expect(find(claims, "gor-abrahamyan MEMBER_OF armenia").qualifiers?.role).toBe(
      "Minister of Foreign Affairs",
    );
    expect(entities).toContainEqual(expect.objectContaining({ id: "gor-abrahamyan", type: "person" }));
  });

  it("does not claim as done an act an appeal asks for, but keeps one that continues", async () => {
    const asked = await extract(
      "The European Union urges Armenia and Azerbaijan to reengage in substantive negotiations.",
    );
    expect(triples(asked.claims)).toContain("european-union URGED armenia");
    expect(triples(asked.claims).filter((t) => t.includes("NEGOTIATED"))).toEqual([]);
    const continued = await extract(
      "The European Union encourages Armenia and Azerbaijan to continue peace negotiations.",
    );
    expect(triples(continued.claims)).toContain("armenia NEGOTIATED azerbaijan");
  });

  it("reads a share of a place as the place, and an attack from an offensive aimed at it", async () => {
    const share = await extract("Azerbaijan recaptured the majority of Nagorno-Karabakh.");
    expect(triples(share.claims)).toContain("azerbaijan CAPTURED nagorno-karabakh");
    const aimed = await extract(
      "In September 2023 Azerbaijan launched the September 2023 offensive against the Armenian forces.",
      { published: "2024-01-15" },
    );
    expect(find(aimed.claims, "azerbaijan ATTACKED armenian-forces").rule).toBe("attackers");
  });

  it("reads a 'following' phrase that opens the sentence as preceding the main clause's event", async () => {
    const { claims } = await extract(
      "In 2020, following intermittent clashes along their contested border, Azerbaijan initiated a major military campaign against Nagorno-Karabakh.",
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "border-clashes-before-2020 PRECEDED war-2020",
        "war-2020 TARGETED nagorno-karabakh",
        "azerbaijan ATTACKED nagorno-karabakh",
      ]),
    );
  });

  it("reads 'marked an unprecedented milestone in' as a part of the process", async () => {
    const { claims } = await extract(
      "The joint statement marked an unprecedented milestone in the peace process between Armenia and Azerbaijan.",
    );
    expect(triples(claims)).toContain("joint-statement-2023-12 PART_OF peace-process");
  });

  it("reads the people named after 'the leaders of <state>,' as its leaders", async () => {
    const { claims } = await extract(
      "We met the leaders of Armenia, Prime Minister Nikol Pashinyan and President Vahagn Khachaturyan, yesterday.",
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining(["nikol-pashinyan LEADS armenia", "vahagn-khachaturyan LEADS armenia"]),
    );
  });

  it("reads a verb inside a name: a ceasefire facilitated by Russia", async () => {
    const { claims } = await extract(
      "The initial war concluded in 1994 with a ceasefire facilitated by Russia.",
    );
    expect(triples(claims)).toEqual(
      expect.arrayContaining([
        "russia MEDIATED ceasefire-1994",
        "ceasefire-1994 ENDED first-nagorno-karabakh-war",
      ]),
    );
  });

  it("gives an event the count of an act named by its noun, not of one side of an exchange", async () => {
    const named = await extract("The US welcomed the release by Azerbaijan of 32 Armenian soldiers.");
    expect(triples(named.claims)).toContain("prisoner-exchange-2023-12 count=32");
    const side = await extract("Azerbaijan released 32 Armenian soldiers.");
    expect(triples(side.claims).filter((t) => t.includes("count="))).toEqual([]);
  });

  it("reads a place that opens an event's name as where it happened", async () => {
    const overlay = await mkdtemp(path.join(tmpdir(), "peacegraph-recall-"));
    await mkdir(path.join(overlay, "entities"));
    await writeFile(
      path.join(overlay, "entities", "extra.yaml"),
      [
        "granada:",
        "  label: Granada",
        "  type: settlement",
        "granada-summit-2023:",
        "  label: Granada summit",
        "  type: conference",
        "  aliases: [Granada summit of the European Political Community]",
        "",
      ].join("\n"),
    );
    const extractor = await extractorOver([overlay]);
    const { claims } = extractArticle("Armenia took part in the Granada summit.", meta(), extractor);
    expect(triples(claims)).toContain("granada-summit-2023 OCCURRED_IN granada");
  });

  it("dates an event named as the subject of an agentless passive ('was issued on 7 December')", async () => {
    const { claims } = await extract("The joint statement was issued on 7 December 2023.");
    const dates = claims.filter((claim) => claim.property === "date");
    expect(dates.map((claim) => [claim.subject, claim.value])).toEqual([
      ["joint-statement-2023-12", "2023-12-07"],
    ]);
    // Without a participle after the auxiliary nothing is dated: "was" alone says nothing of when.
    const bare = await extract("The joint statement was important on 7 December 2023.");
    expect(bare.claims.filter((claim) => claim.property === "date")).toEqual([]);
  });
});
