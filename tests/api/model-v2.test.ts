import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/** Knowledge model v2 through GraphQL over HTTP, on the corrected seed graph. */

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

type Ids = { relations: { totalCount: number; nodes: { id: string; modality: string }[] } };

const relationsWith = (where: string) =>
  api.query<Ids>(`{ relations(where: ${where}, first: 100) { totalCount nodes { id modality } } }`);

describe("modality in the API", () => {
  it("filters relations by modality", async () => {
    const hedged = await relationsWith("{ modality: [HEDGED] }");
    expect(hedged.relations.totalCount).toBe(10);
    expect(hedged.relations.nodes.map((node) => node.id)).toContain(
      "peace-process--ENDED--nagorno-karabakh-conflict",
    );
    const negated = await relationsWith("{ modality: [NEGATED] }");
    expect(negated.relations.nodes.map((node) => node.id).sort()).toEqual([
      "any-third-party--MEDIATED--bilateral-statements-2023",
      "any-third-party--PRESSURED--peace-process",
    ]);
    const announced = await relationsWith("{ modality: [ANNOUNCED] }");
    expect(announced.relations.nodes.map((node) => node.id).sort()).toEqual([
      "almaty-declaration-1991--INFLUENCED--peace-agreement",
      "russian-peacekeepers--PROTECTED--lachin-corridor",
      "russian-peacekeepers--PROTECTED--nagorno-karabakh",
    ]);
    const all = await api.query<{ relations: { totalCount: number } }>("{ relations { totalCount } }");
    const asserted = await relationsWith("{ modality: [ASSERTED] }");
    expect(asserted.relations.totalCount).toBe(all.relations.totalCount - 10 - 2 - 3);
  });

  it("gives each claim its modality and its code, and the relation the code of its own modality", async () => {
    const data = await api.query<{
      node: {
        modality: string;
        cameo: string;
        plover: string;
        corroboration: number;
        sources: { id: string }[];
        claims: { id: string; modality: string; cameo: string; goldstein: number }[];
      };
    }>(`{
      node(id: "azerbaijan--RELEASED--armenian-prisoners-of-war--prisoner-exchange-2023-12") {
        ... on Relation { modality cameo plover corroboration sources { id } claims { id modality cameo goldstein } }
      }
    }`);
    expect(data.node).toEqual({
      modality: "ASSERTED",
      cameo: "0841",
      plover: "RETREAT",
      corroboration: 1,
      sources: [{ id: "bnn-2023-12-29" }, { id: "normalization-2023-12" }],
      claims: [
        {
          id: "bnn-azerbaijan-released-32-armenian-soldiers",
          modality: "ASSERTED",
          cameo: "0841",
          goldstein: 7,
        },
        {
          id: "norm-azerbaijan-to-release-armenian-prisoners",
          modality: "ANNOUNCED",
          cameo: "0353",
          goldstein: 7,
        },
      ],
    });
    const codes = await api.query<{
      node: { modality: string; cameo: string | null; goldstein: number | null };
    }>(`{
      node(id: "any-third-party--MEDIATED--bilateral-statements-2023") { ... on Relation { modality cameo goldstein } }
    }`);
    expect(codes.node).toEqual({ modality: "NEGATED", cameo: null, goldstein: null });
  });

  it("lists a relation type's codes by modality", async () => {
    const data = await api.query<{ relationTypes: { id: string; modalities: unknown[] }[] }>(
      "{ relationTypes { id modalities { modality cameo cameoLabel goldstein plover } } }",
    );
    expect(data.relationTypes.find((type) => type.id === "RELEASED")?.modalities).toEqual([
      {
        modality: "ANNOUNCED",
        cameo: "0353",
        cameoLabel: "Express intent to release persons or property",
        goldstein: 7,
        plover: "AGREE",
      },
    ]);
    expect(data.relationTypes.find((type) => type.id === "WELCOMED")?.modalities).toEqual([]);
  });
});

describe("date provenance, durations and extents in the API", () => {
  it("says where a relation's date comes from, and filters on it", async () => {
    const data = await api.query<
      Record<
        string,
        { date: { text: string } | null; dateOrigin: string; dateInheritedFrom: { id: string } | null }
      >
    >(`{
      issued: node(id: "armenia--ISSUED--joint-statement-2023-12") { ...dated }
      welcomed: node(id: "turkey--WELCOMED--joint-statement-2023-12") { ...dated }
      own: node(id: "azerbaijani-army--ATTACKED--armenian-forces--september-2023-offensive") { ...dated }
    }
    fragment dated on Relation { date { text } dateOrigin dateInheritedFrom { id } }`);
    expect(data.issued).toMatchObject({
      dateOrigin: "EVENT",
      dateInheritedFrom: { id: "joint-statement-2023-12" },
    });
    expect(data.welcomed).toEqual({ date: null, dateOrigin: "NONE", dateInheritedFrom: null });
    expect(data.own).toEqual({ date: { text: "2023-09" }, dateOrigin: "CLAIM", dateInheritedFrom: null });

    const inherited = await api.query<{
      relations: { nodes: { dateOrigin: string; dateInheritedFrom: { id: string } | null }[] };
    }>(
      "{ relations(where: { dateOrigin: [EVENT] }, first: 100) { nodes { dateOrigin dateInheritedFrom { id } } } }",
    );
    expect(inherited.relations.nodes.length).toBeGreaterThan(0);
    for (const node of inherited.relations.nodes) {
      expect(node.dateOrigin).toBe("EVENT");
      expect(node.dateInheritedFrom).not.toBeNull();
    }
  });

  it("shows open-ended dates, durations and extents", async () => {
    const data = await api.query<{
      conflict: { date: { text: string; open: boolean; precision: string } };
      capture: {
        duration: { text: string; precision: string; minDays: number; maxDays: number };
        extent: { text: string; min: number; max: number };
        claims: { qualifiers: { duration: { text: string }; extent: { text: string } } }[];
      };
    }>(`{
      conflict: node(id: "nagorno-karabakh-conflict") { ... on Event { date { text open precision } } }
      capture: node(id: "azerbaijan--CAPTURED--nagorno-karabakh--war-2020") {
        ... on Relation { duration { text precision minDays maxDays } extent { text min max } claims { qualifiers { duration { text } extent { text } } } }
      }
    }`);
    expect(data.conflict.date.open).toBe(true);
    expect(data.conflict.date.text).toMatch(/^(1988|1991)\/\.\.$/);
    expect(data.capture.duration).toEqual({ text: "P1D", precision: "DAY", minDays: 1, maxDays: 1 });
    expect(data.capture.extent).toEqual({ text: "most", min: 0.51, max: 0.99 });
    expect(data.capture.claims[0]?.qualifiers).toEqual({
      duration: { text: "P1D" },
      extent: { text: "most" },
    });
  });
});

describe("conflicts with their kind", () => {
  it("lists every contradiction with its kind, filters by kind, and shows a negation on both relations", async () => {
    const data = await api.query<{
      all: { id: string; kind: string }[];
      negations: {
        id: string;
        kind: string;
        property: string;
        values: { value: string; claims: { id: string }[] }[];
      }[];
      west: { conflicts: { id: string }[] };
    }>(`{
      all: conflicts { id kind }
      negations: conflicts(kind: [NEGATION]) { id kind property values { value claims { id } } }
      west: node(id: "the-west--MEDIATED--peace-process") { ... on Relation { conflicts { id } } }
    }`);
    expect(data.all.map((conflict) => `${conflict.kind} ${conflict.id}`).sort()).toEqual([
      "DATE joint-statement-2023-12#date",
      "DATE nagorno-karabakh-conflict#date",
      "EXTENT armenian-forces--CONTROLS--nagorno-karabakh#extent",
      "NEGATION any-third-party--MEDIATED--bilateral-statements-2023#negation",
    ]);
    expect(data.negations).toEqual([
      {
        id: "any-third-party--MEDIATED--bilateral-statements-2023#negation",
        kind: "NEGATION",
        property: "modality",
        values: [
          { value: "negated", claims: [{ id: "bnn-no-third-party-mediated-statements" }] },
          { value: "asserted", claims: [{ id: "bnn-the-west-mediated-peace-process" }] },
        ],
      },
    ]);
    expect(data.west.conflicts).toEqual([
      { id: "any-third-party--MEDIATED--bilateral-statements-2023#negation" },
    ]);
  });

  it("gives every entity a status", async () => {
    const data = await api.query<{ node: { status: string } }>(
      `{ node(id: "armenia") { ... on Actor { status } } }`,
    );
    expect(data.node.status).toBe("CURATED");
  });
});
