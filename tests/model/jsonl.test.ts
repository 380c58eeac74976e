import { describe, expect, it } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import { formatProblem } from "../../server/model/problems.ts";
import { makeGraphData } from "../helpers/fixture.ts";

/** The minimal fixture's entities and claims, as JSON Lines instead of YAML. */
const ENTITIES_JSONL = [
  { id: "armenia", label: "Armenia", type: "state", description: "A state." },
  { id: "turkey", label: "Türkiye", type: "state", description: "A state.", aliases: ["Turkey"] },
  { id: "joint-statement", label: "Joint statement", type: "joint_statement", description: "The statement." },
]
  .map((entity) => JSON.stringify(entity))
  .join("\n");

const claim = (fields: Record<string, unknown>) => JSON.stringify({ source: "demo", ...fields });
const ISSUED = claim({
  id: "demo-issued",
  subject: "armenia",
  relation: "ISSUED",
  object: "joint-statement",
  quote: "Armenia and Azerbaijan released a joint statement",
  confidence: 0.9,
});
const WELCOMED = claim({
  id: "demo-welcomed",
  subject: "turkey",
  relation: "WELCOMED",
  object: "joint-statement",
  quote: "Turkey welcomed it.",
  status: "extracted",
});
const DATE = claim({
  id: "demo-date",
  subject: "joint-statement",
  property: "date",
  value: "2023-12-07",
  quote: "on December 7, 2023",
});

/** A tree whose entities and claims are JSON Lines (the YAML ones removed), plus `overrides`. */
async function jsonlTree(claimLines: string[], overrides: Record<string, string | null> = {}) {
  return makeGraphData({
    "entities/actors.yaml": null,
    "entities/events.yaml": null,
    "claims/demo.yaml": null,
    "entities/all.jsonl": ENTITIES_JSONL,
    "claims/demo.jsonl": claimLines.join("\n"),
    ...overrides,
  });
}

async function problemsFor(claimLines: string[], overrides: Record<string, string | null> = {}) {
  const dir = await jsonlTree(claimLines, overrides);
  const { problems } = await loadGraphData(dir, dir);
  return problems.map(formatProblem);
}

describe("the JSON Lines reader", () => {
  it("reads the same graph as the YAML fixture, with each claim's line", async () => {
    const dir = await jsonlTree([ISSUED, "", WELCOMED, DATE]);
    const { model, problems } = await loadGraphData(dir, dir);
    expect(problems).toEqual([]);
    expect(model.claims.map((c) => [c.id, c.file, c.line])).toEqual([
      ["demo-issued", "claims/demo.jsonl", 1],
      ["demo-welcomed", "claims/demo.jsonl", 3],
      ["demo-date", "claims/demo.jsonl", 4],
    ]);
    expect(model.claims[0]).toMatchObject({ confidence: 0.9, status: "curated", quoteStart: 0 });
    expect(model.claims[1]).toMatchObject({ confidence: 1, status: "extracted" });
    expect(model.entities.get("turkey")).toMatchObject({
      kind: "actor",
      aliases: ["Turkey"],
      file: "entities/all.jsonl",
      line: 2,
    });
  });

  it("reports a malformed JSON line with its line and column, and reads the lines after it", async () => {
    const problems = await problemsFor([
      ISSUED,
      '{"id": "demo-broken", "subject": }',
      WELCOMED,
      "[1, 2]",
      DATE,
    ]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^claims\/demo\.jsonl:2(:\d+)?: malformed JSON: \S/);
    expect(problems[0]).not.toMatch(/at position/);
    expect(problems[1]).toBe(
      "claims/demo.jsonl:4: must be a JSON object: each line of a .jsonl file holds one {…}",
    );
  });

  it("gives the checks and messages of YAML claims, pointing at the field's column", async () => {
    const problems = await problemsFor([
      ISSUED.replace('"relation":"ISSUED"', '"relation":"APPLAUDED"'),
      WELCOMED.replace('"subject":"turkey"', '"subject":"turkiye"'),
      DATE.replace("2023-12-07", "2023-02-30"),
      claim({
        id: "demo-bad-quote",
        subject: "turkey",
        relation: "WELCOMED",
        object: "joint-statement",
        quote: "Turkey welcomed it!",
      }),
      claim({
        id: "demo-extra",
        subject: "turkey",
        relation: "WELCOMED",
        object: "armenia",
        quote: "Turkey",
        colour: "red",
      }),
      claim({
        id: "demo-wrong-kind",
        subject: "turkey",
        relation: "WELCOMED",
        object: "armenia",
        quote: "Turkey",
      }),
      ISSUED,
    ]);
    expect(problems).toEqual([
      'claims/demo.jsonl:1:57 relation: unknown relation "APPLAUDED" (see vocabulary/relations.yaml)',
      'claims/demo.jsonl:2:39 subject: dangling reference: no entity "turkiye"; did you mean "turkey"?',
      'claims/demo.jsonl:3:81 value: "2023-02-30" is impossible: 2023-02 has 28 days',
      expect.stringMatching(
        /^claims\/demo\.jsonl:4:\d+ quote: not a verbatim substring of demo: .*then has "!" \(U\+0021\)/,
      ),
      "claims/demo.jsonl:5: unknown field colour",
      'claims/demo.jsonl:6:82 object: WELCOMED needs an object of kind event, not "armenia" (actor/state)',
      'claims/demo.jsonl:7: duplicate claim id "demo-issued": already used in claims/demo.jsonl',
    ]);
  });

  it("checks the id and the source of each line", async () => {
    const problems = await problemsFor([
      ISSUED.replace('"id":"demo-issued"', '"id":"Demo Issued"'),
      WELCOMED.replace('"source":"demo"', '"source":"nowhere"'),
      DATE.replace('"id":"demo-date",', ""),
    ]);
    expect(problems).toEqual([
      "claims/demo.jsonl:1:18 id: claim ids must be lower-case words joined by hyphens",
      'claims/demo.jsonl:2:2 source: unknown source "nowhere": no sources/nowhere.yaml nor a line in sources/*.jsonl',
      "claims/demo.jsonl:3 id: is required (string)",
    ]);
  });

  it("reads entities and sources from JSON Lines, with their problems", async () => {
    const dir = await jsonlTree([ISSUED, WELCOMED, DATE], {
      "entities/more.jsonl": [
        JSON.stringify({ id: "armenia", label: "Armenia again", type: "state", description: "x" }),
        JSON.stringify({ id: "tegh", label: "Tegh", type: "village", description: "x" }),
        "{not json",
      ].join("\n"),
      "sources/demo.yaml": null,
      "sources/all.jsonl": [
        JSON.stringify({
          id: "demo",
          title: "Demo article",
          outlet: null,
          url: null,
          published: "2023-12-29",
          author: null,
          language: "en",
          added: "2026-11-22",
        }),
        JSON.stringify({
          id: "other",
          title: "Other",
          outlet: null,
          url: null,
          published: null,
          author: null,
          language: "english",
          added: "2026-11-22",
        }),
      ].join("\n"),
      "sources/other.txt": "text",
    });
    const { model, problems } = await loadGraphData(dir, dir);
    expect(problems.map(formatProblem)).toEqual([
      "sources/all.jsonl:2:87 language: must be an ISO 639 code such as en",
      'entities/more.jsonl:1: duplicate id "armenia": already defined in entities/all.jsonl:1',
      'entities/more.jsonl:2:29 type: unknown node type "village" (see vocabulary/node-types.yaml)',
      expect.stringMatching(/^entities\/more\.jsonl:3:2: malformed JSON: /),
      "claims: references to entities were not checked, because an entities file above could not be read",
    ]);
    expect(model.sources.get("demo")?.file).toBe("sources/all.jsonl");
    expect(model.claims).toHaveLength(3);
  });

  it("reads what an extractor writes: modality, the quote's offset, the rule, extracted entities", async () => {
    const proposed = JSON.stringify({
      id: "ankara",
      label: "Ankara",
      type: "state",
      description: "Proposed by the extractor.",
      status: "extracted",
    });
    const extracted = claim({
      id: "x-welcomed",
      subject: "ankara",
      relation: "WELCOMED",
      object: "joint-statement",
      quote: "welcomed it",
      start: 78,
      modality: "announced",
      rule: "welcome-active",
      status: "extracted",
    });
    const dir = await jsonlTree([ISSUED, WELCOMED, DATE, extracted], {
      "entities/proposed.jsonl": proposed,
    });
    const { model, problems } = await loadGraphData(dir, dir);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(model.entities.get("ankara")?.status).toBe("extracted");
    expect(model.claims.find((item) => item.id === "x-welcomed")).toMatchObject({
      quoteStart: 78,
      modality: "announced",
      rule: "welcome-active",
      status: "extracted",
    });
    const wrongOffset = await problemsFor([ISSUED, claim({ ...JSON.parse(extracted), start: 77 })], {
      "entities/proposed.jsonl": proposed,
    });
    expect(wrongOffset).toEqual([
      'claims/demo.jsonl:2:126 start: the quote is not at offset 77: the text there reads " welcomed i"; the quote first occurs at 78',
    ]);
  });
});
