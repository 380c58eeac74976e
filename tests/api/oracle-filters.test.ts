import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORACLE_DATA, R } from "../fixtures/oracle.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Every relation filter, relation sort and entity filter and sort of the API, on the oracle
 * fixture, against results worked out by hand from its YAML (tests/fixtures/oracle.ts explains the
 * derived values). Each filter is checked at its edges: the last value that keeps a relation and the
 * first that drops it.
 */

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({}, ORACLE_DATA);
});
afterAll(() => api.close());

const ALL = Object.values(R);
const sorted = (ids: readonly string[]) => [...ids].sort();

async function relationIds(where: Record<string, unknown>): Promise<string[]> {
  const { relations } = await api.query<{ relations: { totalCount: number; nodes: { id: string }[] } }>(
    "query ($where: RelationWhere) { relations(where: $where, first: 100) { totalCount nodes { id } } }",
    { where },
  );
  expect(relations.totalCount).toBe(relations.nodes.length);
  return relations.nodes.map((node) => node.id);
}

async function refusal(query: string, variables: Record<string, unknown>) {
  const { status, json } = await api.post({ query, variables });
  expect(status).toBe(200);
  expect(json.data ?? null, JSON.stringify(json)).toBeNull();
  return json.errors![0]!;
}

const FILTER_CASES: [string, Record<string, unknown>, string[]][] = [
  ["type: one", { type: ["RELEASED"] }, [R.released, R.fishermen]],
  ["type: several", { type: ["CRITICIZED", "LEADS"] }, [R.criticized, R.mayCriticize, R.leads]],
  ["family: cooperation", { family: ["COOPERATION"] }, [R.met, R.attended, R.released, R.fishermen]],
  // A hedged criticism has no Goldstein value, but its type's family is still conflict.
  ["family: conflict", { family: ["CONFLICT"] }, [R.criticized, R.mayCriticize]],
  ["family: neutral (Goldstein 0)", { family: ["NEUTRAL"] }, [R.commented]],
  ["family: structural", { family: ["STRUCTURAL"] }, [R.leads, R.heldIn]],
  // MET is symmetric: "Syldavia and Borduria met" is stored with borduria, the smaller id, as subject.
  ["subject", { subject: ["borduria"] }, [R.commented, R.criticized, R.met, R.fishermen]],
  ["subject: the other end of a symmetric relation", { subject: ["syldavia"] }, [R.mayCriticize, R.released]],
  ["object", { object: ["syldavia"] }, [R.met, R.leads]],
  ["object: one", { object: ["borduria"] }, [R.mayCriticize]],
  ["involves: either end", { involves: ["syldavia"] }, [R.met, R.leads, R.released, R.mayCriticize]],
  ["involves: a place", { involves: ["klow"] }, [R.heldIn]],
  ["involves: a node without relations", { involves: ["zembla"] }, []],
  ["subjectKind: event", { subjectKind: ["EVENT"] }, [R.heldIn]],
  ["subjectKind: actor", { subjectKind: ["ACTOR"] }, ALL.filter((id) => id !== R.heldIn)],
  ["objectKind: event", { objectKind: ["EVENT"] }, [R.attended, R.commented]],
  ["objectKind: place", { objectKind: ["PLACE"] }, [R.heldIn]],
  [
    "objectKind: actor",
    { objectKind: ["ACTOR"] },
    [R.met, R.leads, R.released, R.fishermen, R.criticized, R.mayCriticize],
  ],
  ["minConfidence: 0, everything", { minConfidence: 0 }, ALL],
  ["minConfidence: 0.5, the lowest, kept", { minConfidence: 0.5 }, ALL],
  ["minConfidence: just above 0.5", { minConfidence: 0.5000001 }, ALL.filter((id) => id !== R.mayCriticize)],
  // The best claim counts: the hedged 0.6 does not pull the criticism under 0.8.
  ["minConfidence: 0.8 keeps the 0.8s", { minConfidence: 0.8 }, ALL.filter((id) => id !== R.mayCriticize)],
  [
    "minConfidence: just above 0.8",
    { minConfidence: 0.8000001 },
    [R.met, R.attended, R.leads, R.released, R.commented, R.heldIn],
  ],
  ["minConfidence: 1, nothing", { minConfidence: 1 }, []],
  ["dateFrom: a relation's own day", { dateFrom: "2024-03-15" }, [R.released]],
  ["dateFrom: the day before", { dateFrom: "2024-03-14" }, [R.met, R.attended, R.released]],
  ["dateFrom: the day after the last", { dateFrom: "2024-03-16" }, []],
  ["dateTo: the first day", { dateTo: "2024-03-14" }, [R.met, R.attended]],
  ["dateTo: the day before the first", { dateTo: "2024-03-13" }, []],
  [
    "dateFrom and dateTo: a month",
    { dateFrom: "2024-03", dateTo: "2024-03" },
    [R.met, R.attended, R.released],
  ],
  ["dateFrom: a year", { dateFrom: "2024" }, [R.met, R.attended, R.released]],
  [
    "source: the wire",
    { source: ["wire"] },
    [R.met, R.released, R.fishermen, R.criticized, R.commented, R.mayCriticize],
  ],
  [
    "source: the gazette",
    { source: ["gazette"] },
    [R.met, R.attended, R.leads, R.released, R.criticized, R.commented, R.heldIn],
  ],
  ["minCorroboration: 0", { minCorroboration: 0 }, ALL],
  ["minCorroboration: 1", { minCorroboration: 1 }, ALL],
  // Two sources give the release, but the wire only announces it: one source at its modality.
  ["minCorroboration: 2", { minCorroboration: 2 }, [R.met]],
  ["minCorroboration: 3", { minCorroboration: 3 }, []],
  ["modality: announced", { modality: ["ANNOUNCED"] }, [R.fishermen]],
  ["modality: hedged", { modality: ["HEDGED"] }, [R.mayCriticize]],
  ["modality: negated (asserted and negated is asserted)", { modality: ["NEGATED"] }, []],
  ["modality: several", { modality: ["HEDGED", "ANNOUNCED"] }, [R.fishermen, R.mayCriticize]],
  [
    "modality: asserted",
    { modality: ["ASSERTED"] },
    [R.met, R.attended, R.leads, R.released, R.criticized, R.commented, R.heldIn],
  ],
  ["dateOrigin: claim", { dateOrigin: ["CLAIM"] }, [R.met]],
  ["dateOrigin: event", { dateOrigin: ["EVENT"] }, [R.attended, R.released]],
  [
    "dateOrigin: none",
    { dateOrigin: ["NONE"] },
    [R.leads, R.fishermen, R.criticized, R.commented, R.heldIn, R.mayCriticize],
  ],
  [
    "all conditions hold together",
    { involves: ["borduria"], family: ["CONFLICT"] },
    [R.criticized, R.mayCriticize],
  ],
  ["an empty list is no condition", { type: [], source: [] }, ALL],
];

describe("relation filters, at their edges", () => {
  it.each(FILTER_CASES)("%s", async (_name, where, expected) => {
    expect(sorted(await relationIds(where))).toEqual(sorted(expected));
  });

  it("apply alike to a node's relations, in each direction", async () => {
    const page = async (id: string, direction: string, where: Record<string, unknown> = {}) => {
      const { node } = await api.query<{ node: { relations: { nodes: { id: string }[] } } }>(
        `query ($id: ID!, $where: RelationWhere) { node(id: $id) { ... on Entity {
           relations(direction: ${direction}, where: $where, first: 100) { nodes { id } } } } }`,
        { id, where },
      );
      return sorted(node.relations.nodes.map((relation) => relation.id));
    };
    expect(await page("muskar", "OUTGOING")).toEqual(sorted([R.attended, R.leads]));
    expect(await page("muskar", "INCOMING")).toEqual([R.criticized]);
    expect(await page("muskar", "BOTH")).toEqual(sorted([R.attended, R.leads, R.criticized]));
    // Borduria is the stored subject of the symmetric MET, so for Syldavia it comes in.
    expect(await page("syldavia", "OUTGOING")).toEqual(sorted([R.released, R.mayCriticize]));
    expect(await page("syldavia", "INCOMING")).toEqual(sorted([R.met, R.leads]));
    expect(await page("syldavia", "BOTH", { family: ["CONFLICT"] })).toEqual([R.mayCriticize]);
  });

  it.each([
    ["an unknown type", { type: ["APPLAUDED"] }, "where.type", /unknown relation type "APPLAUDED"/],
    ["an unknown source", { source: ["nowhere"] }, "where.source", /unknown source "nowhere"/],
    ["minConfidence above 1", { minConfidence: 1.0000001 }, "where.minConfidence", /between 0 and 1/],
    ["minConfidence below 0", { minConfidence: -0.0000001 }, "where.minConfidence", /between 0 and 1/],
    ["minCorroboration below 0", { minCorroboration: -1 }, "where.minCorroboration", /negative/],
    ["an impossible date", { dateFrom: "2024-02-30" }, "where.dateFrom", /2024-02 has 29 days/],
    ["dateTo before dateFrom", { dateFrom: "2024-03-15", dateTo: "2024-03-14" }, "where.dateTo", /before/],
  ])("refuses %s, naming the argument", async (_name, where, argument, reason) => {
    const error = await refusal("query ($where: RelationWhere) { relations(where: $where) { totalCount } }", {
      where,
    });
    expect(error.extensions?.code).toBe("BAD_USER_INPUT");
    expect(error.extensions?.argumentName).toBe(argument);
    expect(error.message).toMatch(reason);
  });
});

const SORTS: [string, string, string[]][] = [
  [
    "ID",
    "ASC",
    [
      R.commented,
      R.criticized,
      R.met,
      R.fishermen,
      R.heldIn,
      R.attended,
      R.leads,
      R.mayCriticize,
      R.released,
    ],
  ],
  [
    "ID",
    "DESC",
    [
      R.released,
      R.mayCriticize,
      R.leads,
      R.attended,
      R.heldIn,
      R.fishermen,
      R.met,
      R.criticized,
      R.commented,
    ],
  ],
  // Undated last in both orders; equal dates (and equal values below) by id, ascending.
  [
    "DATE",
    "ASC",
    [
      R.met,
      R.attended,
      R.released,
      R.commented,
      R.criticized,
      R.fishermen,
      R.heldIn,
      R.leads,
      R.mayCriticize,
    ],
  ],
  [
    "DATE",
    "DESC",
    [
      R.released,
      R.met,
      R.attended,
      R.commented,
      R.criticized,
      R.fishermen,
      R.heldIn,
      R.leads,
      R.mayCriticize,
    ],
  ],
  [
    "CORROBORATION",
    "ASC",
    [
      R.commented,
      R.criticized,
      R.fishermen,
      R.heldIn,
      R.attended,
      R.leads,
      R.mayCriticize,
      R.released,
      R.met,
    ],
  ],
  [
    "CORROBORATION",
    "DESC",
    [
      R.met,
      R.commented,
      R.criticized,
      R.fishermen,
      R.heldIn,
      R.attended,
      R.leads,
      R.mayCriticize,
      R.released,
    ],
  ],
  [
    "CONFIDENCE",
    "ASC",
    [
      R.mayCriticize,
      R.criticized,
      R.fishermen,
      R.commented,
      R.met,
      R.heldIn,
      R.attended,
      R.leads,
      R.released,
    ],
  ],
  [
    "CONFIDENCE",
    "DESC",
    [
      R.commented,
      R.met,
      R.heldIn,
      R.attended,
      R.leads,
      R.released,
      R.criticized,
      R.fishermen,
      R.mayCriticize,
    ],
  ],
  [
    "TYPE",
    "ASC",
    [
      R.attended,
      R.commented,
      R.criticized,
      R.mayCriticize,
      R.heldIn,
      R.leads,
      R.met,
      R.fishermen,
      R.released,
    ],
  ],
  [
    "TYPE",
    "DESC",
    [
      R.fishermen,
      R.released,
      R.met,
      R.leads,
      R.heldIn,
      R.criticized,
      R.mayCriticize,
      R.commented,
      R.attended,
    ],
  ],
];

/** Pages through a sorted list `size` at a time, following the cursors. */
async function allPages(field: string, order: string, size: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 20; page++) {
    const {
      relations,
    }: { relations: { pageInfo: { hasNextPage: boolean; endCursor: string }; nodes: { id: string }[] } } =
      await api.query(
        `query ($after: String) { relations(sort: { field: ${field}, order: ${order} }, first: ${size}, after: $after) {
           pageInfo { hasNextPage endCursor } nodes { id } } }`,
        { after },
      );
    ids.push(...relations.nodes.map((node) => node.id));
    if (!relations.pageInfo.hasNextPage) return ids;
    after = relations.pageInfo.endCursor;
  }
  throw new Error("more than 20 pages");
}

describe("relation sorts", () => {
  it.each(SORTS)("%s %s, in one page and page by page", async (field, order, expected) => {
    expect(await allPages(field, order, 100)).toEqual(expected);
    expect(await allPages(field, order, 2)).toEqual(expected);
  });

  it("sorts by id ascending when no sort is given", async () => {
    expect(await relationIds({})).toEqual(SORTS[0]![2]);
  });
});

async function entityIds(
  root: "actors" | "events" | "places",
  args: { where?: Record<string, unknown>; sort?: string },
): Promise<string[]> {
  const result = await api.query<Record<string, { nodes: { id: string }[] }>>(
    `query ($where: EntityWhere) { ${root}(where: $where, ${args.sort ? `sort: ${args.sort},` : ""} first: 100) { nodes { id } } }`,
    { where: args.where ?? null },
  );
  return result[root]!.nodes.map((node) => node.id);
}

describe("entity filters and sorts", () => {
  it.each([
    ["actors", undefined, ["borduria", "bordurian-prisoners", "muskar", "syldavia", "syldavian-fishermen"]],
    [
      "actors",
      "{ field: LABEL, order: DESC }",
      ["syldavian-fishermen", "syldavia", "muskar", "bordurian-prisoners", "borduria"],
    ],
    // Equal degrees by id.
    [
      "actors",
      "{ field: DEGREE }",
      ["bordurian-prisoners", "syldavian-fishermen", "muskar", "syldavia", "borduria"],
    ],
    [
      "actors",
      "{ field: DEGREE, order: DESC }",
      ["borduria", "syldavia", "muskar", "bordurian-prisoners", "syldavian-fishermen"],
    ],
    ["events", undefined, ["border-talks", "klow-summit", "prisoner-release"]],
    ["events", "{ field: DATE }", ["klow-summit", "prisoner-release", "border-talks"]],
    ["events", "{ field: DATE, order: DESC }", ["border-talks", "prisoner-release", "klow-summit"]],
    // Undated in both orders: by id.
    ["places", "{ field: DATE, order: DESC }", ["klow", "zembla"]],
    ["places", "{ field: DEGREE }", ["zembla", "klow"]],
    ["places", "{ field: DEGREE, order: DESC }", ["klow", "zembla"]],
  ] as const)("%s sorted by %s", async (root, sort, expected) => {
    expect(await entityIds(root, { sort })).toEqual(expected);
  });

  it.each([
    ["actors", { type: ["person"] }, ["muskar"]],
    ["actors", { type: ["group", "person"] }, ["bordurian-prisoners", "muskar", "syldavian-fishermen"]],
    ["events", { dateFrom: "2024-03-15" }, ["border-talks", "prisoner-release"]],
    ["events", { dateTo: "2024-03-14" }, ["klow-summit"]],
    ["events", { dateTo: "2024-03-13" }, []],
    ["events", { dateFrom: "2024-04-30" }, ["border-talks"]],
    ["events", { dateFrom: "2024-05-01" }, []],
    ["events", { dateFrom: "2024-03-15", dateTo: "2024-03-31" }, ["prisoner-release"]],
    // The fishermen appear only in the wire.
    ["actors", { source: ["gazette"] }, ["borduria", "bordurian-prisoners", "muskar", "syldavia"]],
    ["places", { source: ["gazette"] }, ["klow"]],
    ["places", { source: ["wire"] }, []],
    [
      "actors",
      { minDegree: 1 },
      ["borduria", "bordurian-prisoners", "muskar", "syldavia", "syldavian-fishermen"],
    ],
    ["actors", { minDegree: 4 }, ["borduria", "syldavia"]],
    ["actors", { minDegree: 5 }, ["borduria"]],
    ["actors", { minDegree: 6 }, []],
    ["places", { minDegree: 0 }, ["klow", "zembla"]],
  ] as const)("%s where %j", async (root, where, expected) => {
    expect(await entityIds(root, { where })).toEqual(expected);
  });

  it("refuses an unknown node type and an impossible date, naming the argument", async () => {
    for (const [where, argument] of [
      [{ type: ["kingdom"] }, "where.type"],
      [{ dateFrom: "2024-13" }, "where.dateFrom"],
    ] as const) {
      const error = await refusal("query ($where: EntityWhere) { actors(where: $where) { totalCount } }", {
        where,
      });
      expect(error.extensions?.code).toBe("BAD_USER_INPUT");
      expect(error.extensions?.argumentName).toBe(argument);
    }
  });
});
