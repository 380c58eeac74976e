import { describe, expect, it } from "vitest";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { codesAt } from "../../server/graph/modality.ts";
import { loadGraphData } from "../../server/model/load.ts";
import { formatProblem } from "../../server/model/problems.ts";
import { makeGraphData } from "../helpers/fixture.ts";

/**
 * What the graph derives under knowledge model v2, on small hand-written graphs: relation modality
 * and corroboration, codes at a modality, date provenance, and conflicts of every kind.
 */

const TEXT = [
  "Russia mediated the talks.",
  "Russia never mediated the talks.",
  "The talks went ahead without third-party mediation.",
  "The talks were part of the process.",
  "Armenia took part in the process.",
  "Russia will release the prisoners.",
  "Russia released the prisoners.",
  "Russia may release the prisoners.",
  "The war lasted a single day.",
  "The war lasted 44 days.",
  "The war ran from 27 September to 10 November 2020.",
  "Russia took all of the region.",
  "Russia took part of the region.",
  "Russia took most of the region.",
  "Russia deployed approximately 2,000 peacekeepers.",
  "Russia deployed 1,900 peacekeepers.",
  "Russia deployed 1,500 peacekeepers.",
  "The war may have lasted ten years.",
].join(" ");

const ENTITIES = `
russia:
  label: Russia
  type: state
  description: A state.
anyone:
  label: Any third party
  type: any_third_party
  description: Any outsider.
prisoners:
  label: Prisoners
  type: group
  description: Prisoners.
peacekeepers:
  label: Peacekeepers
  type: armed_force
  description: Peacekeepers.
talks:
  label: Talks
  type: negotiation
  description: Talks.
process:
  label: Process
  type: process
  description: The process.
war:
  label: War
  type: war
  description: A war.
region:
  label: Region
  type: region
  description: A region.
`;

/** One claim in YAML, under the "other" source. */
function claim(
  id: string,
  fields: Record<string, string | number | Record<string, string | number | boolean>>,
) {
  const lines = [`  ${id}:`];
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "object") {
      lines.push(`    ${key}:`);
      for (const [name, inner] of Object.entries(value))
        lines.push(`      ${name}: ${JSON.stringify(inner)}`);
    } else lines.push(`    ${key}: ${JSON.stringify(value)}`);
  }
  return lines.join("\n");
}

async function knowledgeWith(...claims: string[]) {
  const dir = await makeGraphData({
    "entities/more.yaml": ENTITIES,
    "sources/other.yaml":
      "title: Other\noutlet: null\nurl: null\npublished: null\nauthor: null\nlanguage: en\nadded: 2026-11-22\n",
    "sources/other.txt": TEXT,
    "claims/other.yaml": `source: other\nclaims:\n${claims.join("\n")}\n`,
  });
  const { model, problems } = await loadGraphData(dir, dir);
  expect(problems.map(formatProblem)).toEqual([]);
  return buildKnowledgeGraph(model);
}

const released = (id: string, modality: string, quote: string) =>
  claim(id, { subject: "russia", relation: "RELEASED", object: "prisoners", modality, quote });

describe("relations under model v2", () => {
  it("takes the strongest modality, and counts corroboration only among claims of that modality", async () => {
    const knowledge = await knowledgeWith(
      released("will", "announced", "Russia will release the prisoners."),
      released("may", "hedged", "Russia may release the prisoners."),
    );
    const relation = knowledge.relations.get("russia--RELEASED--prisoners")!;
    expect(relation.modality).toBe("announced");
    expect(relation.corroboration).toBe(1);

    // The same relation from the minimal source, asserted: one source asserts, two give it at all.
    const both = await knowledgeWith(
      released("will", "announced", "Russia will release the prisoners."),
      released("did", "asserted", "Russia released the prisoners."),
    );
    const joined = both.relations.get("russia--RELEASED--prisoners")!;
    expect(joined.modality).toBe("asserted");
    expect(joined.claims.map((item) => item.id).sort()).toEqual(["did", "will"]);
    expect(joined.sources).toEqual(["other"]);
    expect(joined.corroboration).toBe(1);
  });

  it("codes an announced release as an intention (0353) and gives hedged or negated claims no code", async () => {
    const knowledge = await knowledgeWith(
      released("will", "announced", "Russia will release the prisoners."),
    );
    const type = knowledge.relationType("RELEASED");
    expect(codesAt(type, "asserted")).toMatchObject({ cameo: "0841", goldstein: 7, plover: "RETREAT" });
    expect(codesAt(type, "announced")).toEqual({
      cameo: "0353",
      cameoLabel: "Express intent to release persons or property",
      goldstein: 7,
      plover: "AGREE",
    });
    expect(codesAt(type, "hedged")).toEqual({ cameo: null, cameoLabel: null, goldstein: null, plover: null });
    expect(codesAt(type, "negated").cameo).toBeNull();
    // A type without announced codes keeps its own: welcoming is a statement either way.
    expect(codesAt(knowledge.relationType("WELCOMED"), "announced").cameo).toBe("051");
  });

  it("gives a relation only a date its claims give, or one it inherits and says from where", async () => {
    const knowledge = await knowledgeWith(
      claim("issued", {
        subject: "armenia",
        relation: "ISSUED",
        object: "joint-statement",
        quote: "Armenia took part in the process.",
      }),
      claim("war-date", {
        subject: "war",
        property: "date",
        value: "2020-09-27/2020-11-10",
        quote: "The war ran from 27 September to 10 November 2020.",
      }),
      claim("took", {
        subject: "russia",
        relation: "CAPTURED",
        object: "region",
        quote: "Russia took all of the region.",
        qualifiers: { event: "war" },
      }),
      claim("own", {
        subject: "russia",
        relation: "DEPLOYED",
        object: "peacekeepers",
        quote: "Russia deployed 1,900 peacekeepers.",
        qualifiers: { date: "2020-11" },
      }),
    );
    // The minimal graph's welcome of a dated statement: WELCOMED takes no date from what it welcomes.
    const welcome = knowledge.relations.get("turkey--WELCOMED--joint-statement")!;
    expect([welcome.date, welcome.dateOrigin, welcome.dateInheritedFrom]).toEqual([null, "none", null]);
    // ISSUED takes the date of the statement issued (its dateFrom is the object).
    const issued = knowledge.relations.get("armenia--ISSUED--joint-statement")!;
    expect([issued.date?.text, issued.dateOrigin, issued.dateInheritedFrom]).toEqual([
      "2023-12-07",
      "event",
      "joint-statement",
    ]);
    // A relation takes the date of the event it was part of.
    const captured = knowledge.relations.get("russia--CAPTURED--region--war")!;
    expect([captured.date?.text, captured.dateOrigin, captured.dateInheritedFrom]).toEqual([
      "2020-09-27/2020-11-10",
      "event",
      "war",
    ]);
    const own = knowledge.relations.get("russia--DEPLOYED--peacekeepers")!;
    expect([own.date?.text, own.dateOrigin, own.dateInheritedFrom]).toEqual(["2020-11", "claim", null]);
  });
});

describe("conflicts under model v2", () => {
  it("reports a relation both asserted and negated as a NEGATION, listing each side's claims", async () => {
    const knowledge = await knowledgeWith(
      claim("did", {
        subject: "russia",
        relation: "MEDIATED",
        object: "talks",
        quote: "Russia mediated the talks.",
      }),
      claim("never", {
        subject: "russia",
        relation: "MEDIATED",
        object: "talks",
        modality: "negated",
        quote: "Russia never mediated the talks.",
      }),
    );
    expect(knowledge.conflicts).toHaveLength(1);
    const conflict = knowledge.conflicts[0]!;
    expect(conflict).toMatchObject({
      id: "russia--MEDIATED--talks#negation",
      kind: "negation",
      property: "modality",
    });
    expect(conflict.values.map((value) => [value.value, value.claims.map((item) => item.id)])).toEqual([
      ["negated", ["never"]],
      ["asserted", ["did"]],
    ]);
    expect(knowledge.relations.get("russia--MEDIATED--talks")?.corroboration).toBe(1);
  });

  it("sets 'without third-party mediation' against an outsider's mediation of the event or the whole it is part of, not a party's", async () => {
    const denial = claim("nobody", {
      subject: "anyone",
      relation: "MEDIATED",
      object: "talks",
      modality: "negated",
      quote: "The talks went ahead without third-party mediation.",
    });
    const partOf = claim("part", {
      subject: "talks",
      relation: "PART_OF",
      object: "process",
      quote: "The talks were part of the process.",
    });
    const mediatedProcess = (subject: string) =>
      claim(`${subject}-mediated`, {
        subject,
        relation: "MEDIATED",
        object: "process",
        quote: "Russia mediated the talks.",
      });

    const outsider = await knowledgeWith(denial, partOf, mediatedProcess("russia"));
    expect(outsider.conflicts.map((conflict) => [conflict.id, conflict.kind])).toEqual([
      ["anyone--MEDIATED--talks#negation", "negation"],
    ]);
    expect(outsider.conflicts[0]!.values.map((value) => value.claims.map((item) => item.id))).toEqual([
      ["nobody"],
      ["russia-mediated"],
    ]);

    // Armenia took part in the process: a party mediating is not a third party mediating.
    const party = await knowledgeWith(
      denial,
      partOf,
      mediatedProcess("armenia"),
      claim("took-part", {
        subject: "armenia",
        relation: "PARTICIPATED_IN",
        object: "process",
        quote: "Armenia took part in the process.",
      }),
    );
    expect(party.conflicts).toEqual([]);

    // Without the PART_OF claim the process is another event: nothing to contradict.
    const unrelated = await knowledgeWith(denial, mediatedProcess("russia"));
    expect(unrelated.conflicts).toEqual([]);
  });

  it("reports durations that cannot both hold, and a duration its dates contradict (DURATION)", async () => {
    const durationClaim = (id: string, value: string, quote: string) =>
      claim(id, { subject: "war", property: "duration", value, quote });
    const two = await knowledgeWith(
      durationClaim("day", "P1D", "The war lasted a single day."),
      durationClaim("days", "P44D", "The war lasted 44 days."),
    );
    expect(
      two.conflicts.map((conflict) => [conflict.id, conflict.kind, conflict.values.map((v) => v.value)]),
    ).toEqual([["war#duration", "duration", ["P1D", "P44D"]]]);

    const dated = await knowledgeWith(
      durationClaim("day", "P1D", "The war lasted a single day."),
      claim("war-date", {
        subject: "war",
        property: "date",
        value: "2020-09-27/2020-11-10",
        quote: "The war ran from 27 September to 10 November 2020.",
      }),
    );
    expect(
      dated.conflicts.map((conflict) => [conflict.id, conflict.kind, conflict.values.map((v) => v.value)]),
    ).toEqual([["war#duration", "duration", ["P1D", "2020-09-27/2020-11-10"]]]);

    // 44 days fit 27 September to 10 November 2020.
    const fitting = await knowledgeWith(
      durationClaim("days", "P44D", "The war lasted 44 days."),
      claim("war-date", {
        subject: "war",
        property: "date",
        value: "2020-09-27/2020-11-10",
        quote: "The war ran from 27 September to 10 November 2020.",
      }),
    );
    expect(fitting.conflicts).toEqual([]);
    expect(fitting.graph.getNodeAttribute("war", "duration")?.text).toBe("P44D");

    // A hedged duration is kept as a claim but gives the node no value and no conflict.
    const hedged = await knowledgeWith(
      durationClaim("days", "P44D", "The war lasted 44 days."),
      claim("maybe", {
        subject: "war",
        property: "duration",
        value: "P10Y",
        modality: "hedged",
        quote: "The war may have lasted ten years.",
      }),
    );
    expect(hedged.conflicts).toEqual([]);
    expect(hedged.attributeClaims.get("war")?.map((item) => item.id)).toEqual(["days", "maybe"]);
  });

  it("reports extents that cannot both hold (EXTENT), and lets compatible ones stand", async () => {
    const took = (id: string, extent: string, quote: string) =>
      claim(id, { subject: "russia", relation: "CAPTURED", object: "region", quote, qualifiers: { extent } });
    const clash = await knowledgeWith(
      took("all", "all", "Russia took all of the region."),
      took("part", "part", "Russia took part of the region."),
    );
    expect(clash.conflicts.map((conflict) => [conflict.id, conflict.kind])).toEqual([
      ["russia--CAPTURED--region#extent", "extent"],
    ]);
    const compatible = await knowledgeWith(
      took("most", "most", "Russia took most of the region."),
      took("part", "part", "Russia took part of the region."),
    );
    expect(compatible.conflicts).toEqual([]);
    expect(compatible.relations.get("russia--CAPTURED--region")?.extent?.text).toMatch(/^(most|part)$/);
  });

  it("lets approximate counts agree within 10 % (COUNT), and exact ones only when equal", async () => {
    const deployed = (id: string, count: number, quote: string, approximate?: boolean) =>
      claim(id, {
        subject: "russia",
        relation: "DEPLOYED",
        object: "peacekeepers",
        quote,
        qualifiers: approximate ? { count, approximate: true } : { count },
      });
    const near = await knowledgeWith(
      deployed("about", 2000, "Russia deployed approximately 2,000 peacekeepers.", true),
      deployed("exact", 1900, "Russia deployed 1,900 peacekeepers."),
    );
    expect(near.conflicts).toEqual([]);
    const far = await knowledgeWith(
      deployed("about", 2000, "Russia deployed approximately 2,000 peacekeepers.", true),
      deployed("fewer", 1500, "Russia deployed 1,500 peacekeepers."),
    );
    expect(far.conflicts.map((conflict) => [conflict.id, conflict.kind])).toEqual([
      ["russia--DEPLOYED--peacekeepers#count", "count"],
    ]);
    const exact = await knowledgeWith(
      deployed("a", 1900, "Russia deployed 1,900 peacekeepers."),
      deployed("b", 1500, "Russia deployed 1,500 peacekeepers."),
    );
    expect(exact.conflicts.map((conflict) => conflict.kind)).toEqual(["count"]);
  });

  it("reports intervals that cannot begin in the same year (DATE), and lets other sides stay open", async () => {
    const dateOf = (id: string, value: string, quote: string) =>
      claim(id, { subject: "war", property: "date", value, quote });
    const starts = await knowledgeWith(
      dateOf("a", "1988/..", "The war lasted a single day."),
      dateOf("b", "1991/..", "The war lasted 44 days."),
    );
    expect(
      starts.conflicts.map((conflict) => [conflict.id, conflict.kind, conflict.values.map((v) => v.value)]),
    ).toEqual([["war#date", "date", ["1988/..", "1991/.."]]]);
    const sides = await knowledgeWith(
      dateOf("a", "1988/..", "The war lasted a single day."),
      dateOf("b", "../1994", "The war lasted 44 days."),
      dateOf("c", "1988/1994", "The war ran from 27 September to 10 November 2020."),
    );
    expect(sides.conflicts).toEqual([]);
  });
});
