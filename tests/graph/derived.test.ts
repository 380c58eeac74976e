import { describe, expect, it } from "vitest";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { loadGraphData } from "../../server/model/load.ts";
import { makeGraphData } from "../helpers/fixture.ts";

async function knowledgeFor(overrides: Record<string, string>) {
  const dir = await makeGraphData(overrides);
  const { model, problems } = await loadGraphData(dir, dir);
  expect(problems).toEqual([]);
  return buildKnowledgeGraph(model);
}

const secondSource = (claims: string) => ({
  "sources/other.yaml":
    "title: Other\noutlet: null\nurl: null\npublished: null\nauthor: null\nlanguage: en\nadded: 2026-11-22\n",
  "sources/other.txt": "On 8 December 2023 Armenia issued a statement. In December 2023 it was issued.",
  "claims/other.yaml": `source: other\nclaims:\n${claims}`,
});

describe("derived views", () => {
  it("treats a coarser date as agreeing with a finer one", async () => {
    const knowledge = await knowledgeFor(
      secondSource(
        "  other-month:\n    subject: joint-statement\n    property: date\n    value: 2023-12\n    quote: In December 2023 it was issued.\n",
      ),
    );
    expect(knowledge.conflicts).toEqual([]);
    expect(knowledge.graph.getNodeAttribute("joint-statement", "date")?.text).toBe("2023-12-07");
  });

  it("flags two different days as a conflict and keeps both", async () => {
    const knowledge = await knowledgeFor(
      secondSource(
        "  other-day:\n    subject: joint-statement\n    property: date\n    value: 2023-12-08\n    quote: On 8 December 2023\n",
      ),
    );
    expect(knowledge.conflicts).toHaveLength(1);
    expect(knowledge.conflicts[0]?.values.map((value) => value.value).sort()).toEqual([
      "2023-12-07",
      "2023-12-08",
    ]);
  });

  it("merges claims from two sources into one corroborated relation, and inherits the event's date", async () => {
    const knowledge = await knowledgeFor(
      secondSource(
        "  other-issued:\n    subject: armenia\n    relation: ISSUED\n    object: joint-statement\n    quote: Armenia issued a statement\n",
      ),
    );
    const relation = knowledge.relations.get("armenia--ISSUED--joint-statement");
    expect(relation?.corroboration).toBe(2);
    expect(relation?.claims.map((claim) => claim.id).sort()).toEqual(["demo-issued", "other-issued"]);
    expect(relation?.date?.text).toBe("2023-12-07");
    expect(knowledge.relations.get("turkey--WELCOMED--joint-statement")?.corroboration).toBe(1);
  });
});
