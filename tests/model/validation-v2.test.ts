import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import { formatProblem } from "../../server/model/problems.ts";
import { GRAPH_DATA, MINIMAL_FILES, edit, makeGraphData } from "../helpers/fixture.ts";

/** The validator rules of knowledge model v2: modality, offsets, durations, extents, vocabulary. */

async function load(overrides: Record<string, string | null>) {
  const dir = await makeGraphData(overrides);
  return loadGraphData(dir, dir);
}

const messages = async (overrides: Record<string, string | null>) =>
  (await load(overrides)).problems.map(formatProblem);

/** The minimal claims file with one claim's lines added after its quote. */
const withClaimLines = (claimQuote: string, lines: string) =>
  edit("claims/demo.yaml", `    quote: ${claimQuote}`, `    quote: ${claimQuote}\n${lines}`);

/** The minimal claims file with more claims appended. */
const withMoreClaims = (lines: string) => ({
  "claims/demo.yaml": `${MINIMAL_FILES["claims/demo.yaml"]}\n${lines}`,
});

const relationsYaml = () => readFile(path.join(GRAPH_DATA, "vocabulary", "relations.yaml"), "utf8");

describe("the validator, knowledge model v2", () => {
  it("reads modality on every claim, asserted by default, and refuses an unknown one", async () => {
    const { model, problems } = await load(withClaimLines("Turkey welcomed it.", "    modality: hedged"));
    expect(problems).toEqual([]);
    const byId = new Map(model.claims.map((claim) => [claim.id, claim.modality]));
    expect(Object.fromEntries(byId)).toEqual({
      "demo-issued": "asserted",
      "demo-welcomed": "hedged",
      "demo-date": "asserted",
    });

    const wrong = await messages(withClaimLines("Turkey welcomed it.", "    modality: possible"));
    expect(wrong).toHaveLength(1);
    expect(wrong[0]).toMatch(/^claims\/demo.yaml:15:15 claims\["demo-welcomed"\]\.modality: /);
    expect(wrong[0]).toMatch(/asserted.*announced.*hedged.*negated/);
  });

  it("checks a quote's `start` offset against the text and keeps it, even past the first occurrence", async () => {
    const text = "Turkey welcomed it. Later, Turkey welcomed it again.";
    const second = text.indexOf("Turkey welcomed it", 1);
    const files = { "sources/demo.txt": `${MINIMAL_FILES["sources/demo.txt"]} ${text}` };
    const base = MINIMAL_FILES["sources/demo.txt"]!.length + 1;

    const right = await load({ ...files, ...withClaimLines("Turkey welcomed it.", `    start: ${base}`) });
    expect(right.problems).toEqual([]);
    const quoteStart = (id: string) => right.model.claims.find((claim) => claim.id === id)?.quoteStart;
    expect(quoteStart("demo-welcomed")).toBe(base);

    const later = await load({
      ...files,
      ...edit(
        "claims/demo.yaml",
        "    quote: Turkey welcomed it.",
        `    quote: Turkey welcomed it\n    start: ${base + second}`,
      ),
    });
    expect(later.problems).toEqual([]);
    expect(later.model.claims.find((claim) => claim.id === "demo-welcomed")?.quoteStart).toBe(base + second);

    const wrong = await messages({ ...files, ...withClaimLines("Turkey welcomed it.", "    start: 3") });
    expect(wrong).toEqual([
      expect.stringMatching(
        /claims\["demo-welcomed"\]\.start: the quote is not at offset 3: the text there reads "enia and Azerbaijan"; the quote first occurs at 71$/,
      ),
    ]);
  });

  it("accepts a `rule` id and refuses an empty one", async () => {
    const { model, problems } = await load(
      withClaimLines("Turkey welcomed it.", "    rule: welcome-passive"),
    );
    expect(problems).toEqual([]);
    expect(model.claims.find((claim) => claim.id === "demo-welcomed")?.rule).toBe("welcome-passive");
    expect(model.claims.find((claim) => claim.id === "demo-issued")?.rule).toBeNull();
    const empty = await messages(withClaimLines("Turkey welcomed it.", '    rule: ""'));
    expect(empty).toEqual([expect.stringMatching(/claims\["demo-welcomed"\]\.rule: must not be empty/)]);
  });

  it("reads ISO 8601 durations, as attributes and as qualifiers, and says what a duration is", async () => {
    const good = await load(
      withMoreClaims(
        "  demo-duration:\n    subject: joint-statement\n    property: duration\n    value: P1Y6M\n    quote: on December 7, 2023\n",
      ),
    );
    expect(good.problems).toEqual([]);
    const duration = good.model.claims.find((claim) => claim.id === "demo-duration");
    expect(duration).toMatchObject({
      property: "duration",
      value: { text: "P1Y6M", precision: "month", minDays: 365 + 6 * 28, maxDays: 366 + 6 * 31 },
    });
    for (const [value, reason] of [
      ["P1H", "is not a duration"],
      ["1D", "is not a duration"],
      ["P0D", "lasts no time at all"],
    ]) {
      const problems = await messages(
        withClaimLines("Turkey welcomed it.", `    qualifiers: {duration: ${value}}`),
      );
      expect(problems, value).toEqual([
        expect.stringMatching(new RegExp(`claims\\["demo-welcomed"\\]\\.qualifiers\\.duration: .*${reason}`)),
      ]);
    }
  });

  it("reads extents from the closed scale or as fractions, and lists the scale when a term is unknown", async () => {
    const good = await load(withClaimLines("Turkey welcomed it.", "    qualifiers: {extent: most}"));
    expect(good.problems).toEqual([]);
    const claim = good.model.claims.find((item) => item.id === "demo-welcomed");
    expect(claim?.form === "relation" && claim.qualifiers.extent).toEqual({
      text: "most",
      min: 0.51,
      max: 0.99,
    });

    const fraction = await load(withClaimLines("Turkey welcomed it.", "    qualifiers: {extent: 0.25}"));
    const fractionClaim = fraction.model.claims.find((item) => item.id === "demo-welcomed");
    expect(fractionClaim?.form === "relation" && fractionClaim.qualifiers.extent).toEqual({
      text: "0.25",
      min: 0.25,
      max: 0.25,
    });

    expect(
      await messages(withClaimLines("Turkey welcomed it.", "    qualifiers: {extent: majority}")),
    ).toEqual([
      expect.stringContaining(
        'qualifiers.extent: "majority" is not an extent: use one of all, most, half, part, none (vocabulary/extents.yaml) or a fraction from 0 to 1',
      ),
    ]);
    expect(await messages(withClaimLines("Turkey welcomed it.", "    qualifiers: {extent: 1.5}"))).toEqual([
      expect.stringContaining("qualifiers.extent: 1.5 is not a fraction from 0 to 1"),
    ]);
  });

  it("refuses an extent scale whose range is upside down", async () => {
    const problems = await messages({
      "vocabulary/extents.yaml":
        "all:\n  min: 1\n  max: 1\n  description: x\nsome:\n  min: 0.9\n  max: 0.1\n  description: y\n",
    });
    expect(problems).toEqual(["vocabulary/extents.yaml:6:8 some.min: min 0.9 is larger than max 0.1"]);
  });

  it("reads open-ended intervals and refuses one with no date at all", async () => {
    const { model, problems } = await load(edit("claims/demo.yaml", "value: 2023-12-07", 'value: "1988/.."'));
    expect(problems).toEqual([]);
    expect(model.claims.find((claim) => claim.id === "demo-date")).toMatchObject({
      value: { text: "1988/..", precision: "year", start: "1988-01-01", end: "1988-12-31", open: "end" },
    });
    expect(await messages(edit("claims/demo.yaml", "value: 2023-12-07", 'value: "../.."'))).toEqual([
      expect.stringContaining(
        'claims["demo-date"].value: "../.." has no date at all: give a start or an end',
      ),
    ]);
  });

  it("lets a node that stands for any third party appear only as the subject of a negated claim", async () => {
    const files = {
      "entities/actors.yaml": `${MINIMAL_FILES["entities/actors.yaml"]}\nanyone:\n  label: Any third party\n  type: any_third_party\n  description: x\n`,
    };
    const asserted = await messages({
      ...files,
      ...edit("claims/demo.yaml", "subject: turkey", "subject: anyone"),
    });
    expect(asserted).toEqual([
      expect.stringMatching(
        /claims\["demo-welcomed"\]\.subject: "anyone" stands for any actor other than the parties, so it can only be the subject of a negated claim/,
      ),
    ]);
    const negated = await load({
      ...files,
      ...edit("claims/demo.yaml", "subject: turkey\n", "subject: anyone\n    modality: negated\n"),
    });
    expect(negated.problems).toEqual([]);
    const asObject = await messages({
      ...files,
      "entities/events.yaml": MINIMAL_FILES["entities/events.yaml"]!,
      ...withMoreClaims(
        "  demo-urged:\n    subject: turkey\n    relation: URGED\n    object: anyone\n    modality: negated\n    quote: Turkey welcomed it.\n",
      ),
    });
    expect(asObject).toEqual([
      expect.stringMatching(/claims\["demo-urged"\]\.object: "anyone" stands for any actor/),
    ]);
  });

  it("reads an entity's status, curated by default", async () => {
    const { model, problems } = await load({
      "entities/actors.yaml": `${MINIMAL_FILES["entities/actors.yaml"]}\n  status: extracted\n`,
    });
    expect(problems).toEqual([]);
    expect(model.entities.get("turkey")?.status).toBe("extracted");
    expect(model.entities.get("armenia")?.status).toBe("curated");
    const wrong = await messages({
      "entities/actors.yaml": `${MINIMAL_FILES["entities/actors.yaml"]}\n  status: proposed\n`,
    });
    expect(wrong[0]).toMatch(/^entities\/actors.yaml:9:11 turkey\.status: .*"curated"\|"extracted"/);
    // The rejected entity's claims say why they cannot stand, rather than calling it missing.
    expect(wrong.slice(1)).toEqual([expect.stringMatching(/"turkey" was rejected: see its own problem/)]);
  });

  it("refuses a material CAMEO code without the code of its announced form", async () => {
    const vocabulary = await relationsYaml();
    const announcedRelease = [
      "  modalities:",
      "    announced:",
      '      cameo: "0353"',
      "      cameoLabel: Express intent to release persons or property",
      "      goldstein: 7.0",
      "      plover: AGREE",
      "",
    ].join("\n");
    const without = vocabulary.replace(announcedRelease, "");
    expect(without).not.toBe(vocabulary);
    const problems = await messages({ "vocabulary/relations.yaml": without });
    expect(problems).toEqual([
      expect.stringMatching(
        /^vocabulary\/relations.yaml:\d+:\d+ RELEASED\.cameo: 0841 is a material act: give modalities\.announced with the CAMEO code of an intention to do it \(03x\)$/,
      ),
    ]);
  });

  it("refuses dateFrom on an end that can never be an event, and codes given in part", async () => {
    const vocabulary = await relationsYaml();
    const problems = await messages({
      "vocabulary/relations.yaml":
        vocabulary +
        [
          "DATED_BY_PLACE:",
          "  label: x",
          "  description: x",
          "  domain: [actor]",
          "  range: [place]",
          "  dateFrom: object",
          "HALF_CODED:",
          "  label: x",
          "  description: x",
          "  domain: [actor]",
          "  range: [actor]",
          '  cameo: "051"',
          "  plover: SUPPORT",
          "PLOVER_ONLY:",
          "  label: x",
          "  description: x",
          "  domain: [actor]",
          "  range: [actor]",
          "  plover: SUPPORT",
          "",
        ].join("\n"),
    });
    expect(problems.map((line) => line.replace(/:\d+:\d+ /, " "))).toEqual([
      "vocabulary/relations.yaml DATED_BY_PLACE.dateFrom: dateFrom: object, but the object of DATED_BY_PLACE can never be an event, which is where a date would come from",
      "vocabulary/relations.yaml HALF_CODED: cameo, cameoLabel and goldstein go together: give all three or none",
      "vocabulary/relations.yaml PLOVER_ONLY.plover: a PLOVER type needs the CAMEO code it translates",
    ]);
  });

  it("keeps a framing inside its quote", async () => {
    expect(
      (await load(withClaimLines("Turkey welcomed it.", "    qualifiers: {framing: welcomed it}"))).problems,
    ).toEqual([]);
    expect(
      await messages(withClaimLines("Turkey welcomed it.", "    qualifiers: {framing: praised it}")),
    ).toEqual([
      expect.stringContaining(
        'claims["demo-welcomed"].qualifiers.framing: "praised it" is not in the quote: a framing is the source\'s own words, inside the quote',
      ),
    ]);
  });
});
