import { describe, expect, it } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import { formatProblem } from "../../server/model/problems.ts";
import { edit, makeGraphData } from "../helpers/fixture.ts";

async function problemsFor(overrides: Record<string, string | null>) {
  const dir = await makeGraphData(overrides);
  const { problems } = await loadGraphData(dir, dir);
  return problems;
}

describe("the validator", () => {
  it("accepts the minimal fixture", async () => {
    const dir = await makeGraphData();
    const { model, problems } = await loadGraphData(dir, dir);
    expect(problems).toEqual([]);
    expect(model.claims).toHaveLength(3);
    expect(model.entities.get("turkey")?.kind).toBe("actor");
  });

  it("reports malformed YAML with its line, and says which checks it had to skip", async () => {
    const problems = await problemsFor({
      "entities/places.yaml": "tegh:\n  label: [Tegh\n  type: settlement\n",
    });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: "entities/places.yaml", line: 3, column: 3 });
    expect(problems[0]?.message).toMatch(/^malformed YAML: /);
    expect(problems[1]?.message).toMatch(/references to entities were not checked/);
  });

  it("reports an unknown relation with file, line and path", async () => {
    const problems = await problemsFor(edit("claims/demo.yaml", "relation: WELCOMED", "relation: APPLAUDED"));
    expect(problems).toEqual([
      expect.objectContaining({
        file: "claims/demo.yaml",
        line: 12,
        path: 'claims["demo-welcomed"].relation',
        message: expect.stringContaining('unknown relation "APPLAUDED"'),
      }),
    ]);
  });

  it("reports a subject or object of the wrong kind", async () => {
    const problems = await problemsFor(
      edit("claims/demo.yaml", "subject: turkey", "subject: joint-statement"),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('claims["demo-welcomed"].subject');
    expect(problems[0]?.message).toMatch(
      /WELCOMED needs a subject of kind actor, not "joint-statement" \(event/,
    );

    const wrongObject = await problemsFor(
      edit("claims/demo.yaml", "object: joint-statement", "object: turkey"),
    );
    expect(wrongObject.map((p) => p.path)).toEqual(['claims["demo-issued"].object']);
  });

  it("reports a dangling reference", async () => {
    const problems = await problemsFor(edit("claims/demo.yaml", "subject: turkey", "subject: turkiye"));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe('dangling reference: no entity "turkiye"; did you mean "turkey"?');
    expect(problems[0]?.line).toBe(11);
  });

  it("reports a duplicate id inside one file and across files", async () => {
    const sameFile = await problemsFor({
      "entities/actors.yaml":
        "armenia:\n  label: A\n  type: state\n  description: x\narmenia:\n  label: B\n  type: state\n  description: y\n" +
        "turkey:\n  label: T\n  type: state\n  description: z\n",
    });
    expect(sameFile).toHaveLength(1);
    expect(sameFile[0]).toMatchObject({ file: "entities/actors.yaml", line: 5, column: 1 });
    expect(sameFile[0]?.message).toBe('duplicate key "armenia": ids and keys must be unique');

    const acrossFiles = await problemsFor({
      "entities/more.yaml": "armenia:\n  label: Armenia again\n  type: state\n  description: x\n",
    });
    expect(acrossFiles).toHaveLength(1);
    expect(acrossFiles[0]).toMatchObject({ file: "entities/more.yaml", line: 1 });
    expect(acrossFiles[0]?.message).toMatch(
      /duplicate id "armenia": already defined in entities\/actors.yaml:1/,
    );
  });

  it("reports a quote that is not verbatim, saying where it stops matching", async () => {
    const problems = await problemsFor(
      edit("claims/demo.yaml", "quote: Turkey welcomed it.", "quote: Turkey welcomed it!"),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe('claims["demo-welcomed"].quote');
    expect(problems[0]?.message).toContain('then has "!" (U+0021) where the source has "." (U+002E)');
  });

  it("reports impossible dates", async () => {
    for (const [value, reason] of [
      ["2023-02-30", "2023-02 has 28 days"],
      ["2023-13", "month 13"],
      ["1994/1988", "ends before it starts"],
      ["December 2023", "is not a date"],
    ]) {
      const problems = await problemsFor(edit("claims/demo.yaml", "value: 2023-12-07", `value: ${value}`));
      expect(problems, value).toHaveLength(1);
      expect(problems[0]?.path).toBe('claims["demo-date"].value');
      expect(problems[0]?.message).toContain(reason);
    }
    const published = await problemsFor(
      edit("sources/demo.yaml", "published: 2023-12-29", "published: 2023-02-29"),
    );
    expect(published[0]).toMatchObject({ file: "sources/demo.yaml", line: 4, path: "published" });
  });

  it("reports every problem, not only the first", async () => {
    const problems = await problemsFor({
      ...edit("claims/demo.yaml", "subject: turkey", "subject: nobody"),
      "entities/events.yaml": "joint-statement:\n  label: x\n  type: speech\n  description: y\n",
      "sources/extra.yaml": "title: [broken\n",
      "sources/extra.txt": "text",
    });
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(/^sources\/extra.yaml:2:1: malformed YAML: /),
      'entities/events.yaml:3:9 ["joint-statement"].type: unknown node type "speech" (see vocabulary/node-types.yaml)',
      'claims/demo.yaml:8:13 claims["demo-issued"].object: "joint-statement" was rejected: see its own problem',
      'claims/demo.yaml:11:14 claims["demo-welcomed"].subject: dangling reference: no entity "nobody"',
      'claims/demo.yaml:13:13 claims["demo-welcomed"].object: "joint-statement" was rejected: see its own problem',
      'claims/demo.yaml:16:14 claims["demo-date"].subject: "joint-statement" was rejected: see its own problem',
    ]);
  });

  it("reports missing fields, unknown fields and bad codes", async () => {
    const problems = await problemsFor({
      "entities/actors.yaml":
        "armenia:\n  label: Armenia\n  type: state\n  description: x\n  wikidata: 399\n  cameo: arm\n  colour: red\n" +
        "turkey:\n  type: state\n  description: x\n",
    });
    const messages = problems.map(formatProblem).join("\n");
    expect(messages).toMatch(/armenia\.wikidata/);
    expect(messages).toMatch(/armenia\.cameo: must be a CAMEO actor code/);
    expect(messages).toMatch(/armenia: unknown field colour/);
    expect(messages).toMatch(/turkey\.label: is required/);
  });

  it("rejects a claim that mixes relation and attribute forms", async () => {
    const problems = await problemsFor(
      edit(
        "claims/demo.yaml",
        "    quote: Turkey welcomed it.",
        "    quote: Turkey welcomed it.\n    property: count\n    value: 3",
      ),
    );
    expect(problems.map((p) => p.message)).toEqual([
      "a claim has either relation and object, or property and value",
    ]);
  });

  it("takes a count up to its total (outOf), refuses one above it, and outOf without a count", async () => {
    const withQualifiers = (qualifiers: string) =>
      problemsFor(
        edit(
          "claims/demo.yaml",
          "    quote: Turkey welcomed it.",
          `    quote: Turkey welcomed it.\n    qualifiers: ${qualifiers}`,
        ),
      );
    expect(await withQualifiers("{count: 7, outOf: 10}")).toEqual([]);
    expect(await withQualifiers("{count: 10, outOf: 10}")).toEqual([]);
    const above = await withQualifiers("{count: 11, outOf: 10}");
    expect(above.map((p) => [p.path, p.message])).toEqual([
      ['claims["demo-welcomed"].qualifiers.count', "count is larger than outOf"],
    ]);
    const alone = await withQualifiers("{outOf: 10}");
    expect(alone.map((p) => [p.path, p.message])).toEqual([
      ['claims["demo-welcomed"].qualifiers.outOf', "outOf needs a count"],
    ]);
    // And a loaded count keeps its total.
    const dir = await makeGraphData(
      edit(
        "claims/demo.yaml",
        "    quote: Turkey welcomed it.",
        "    quote: Turkey welcomed it.\n    qualifiers: {count: 7, outOf: 10}",
      ),
    );
    const { model } = await loadGraphData(dir, dir);
    const claim = model.claims.find((candidate) => candidate.id === "demo-welcomed");
    expect(claim?.form === "relation" && claim.qualifiers).toMatchObject({ count: 7, outOf: 10 });
  });

  it("reports a missing source text and an unknown source", async () => {
    const problems = await problemsFor({ "sources/demo.txt": null });
    const messages = problems.map(formatProblem);
    expect(messages).toContain('sources/demo.txt: missing: source "demo" needs its verbatim text here');
    expect(messages.some((line) => line.includes('unknown source "demo"'))).toBe(true);
  });
});
