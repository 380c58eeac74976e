import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_COST } from "../../server/api/cost.ts";
import { startTestServer, type GraphQLBody, type TestServer } from "../helpers/server.ts";

/**
 * Attacks on the GraphQL API, over HTTP against the real server: queries that cost little by the
 * old count and returned hundreds of megabytes, variables of the wrong type or absurd depth, and
 * documents that made validation give up. Each is refused with a documented code that names the
 * limit, and the server answers the next query.
 */

let api: TestServer;
let capped: TestServer;
const CAP = 10_000;
beforeAll(async () => {
  api = await startTestServer();
  capped = await startTestServer({ limits: { maxResponseBytes: CAP } });
});
afterAll(() => Promise.all([api.close(), capped.close()]));

interface Answer {
  status: number;
  json: GraphQLBody;
  bytes: number;
}

/** Variables as JSON text, so a test can send what JSON.stringify refuses to write (5,000 levels). */
type Variables = Record<string, unknown> | string;

async function ask(server: TestServer, query: string, variables?: Variables): Promise<Answer> {
  const variablesJson = typeof variables === "string" ? variables : JSON.stringify(variables ?? null);
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-encoding": "identity" },
    body: `{"query":${JSON.stringify(query)},"variables":${variablesJson}}`,
  });
  const text = await response.text();
  return { status: response.status, json: JSON.parse(text) as GraphQLBody, bytes: Buffer.byteLength(text) };
}

const costOf = (answer: Answer) =>
  (answer.json.extensions?.cost as { requested: number } | undefined)?.requested;
const codeOf = (answer: Answer) => answer.json.errors?.[0]?.extensions?.code;

async function stillAnswers(server: TestServer) {
  const next = await ask(server, "{ stats { nodes } }");
  expect(next.status).toBe(200);
  expect(next.json.data?.stats).toEqual({ nodes: server.store.knowledge.graph.order });
}

/** 100 ids, repeats included: the seed graph has 80 nodes. */
const HUNDRED_IDS = (server: TestServer) => {
  const ids = server.store.knowledge.graph.nodes();
  return Array.from({ length: 100 }, (_, i) => ids[i % ids.length]!);
};

describe("the cost counts what each field can return", () => {
  it("refuses the 157 MB query: 15 aliases of nodes(ids: [100 ids]) → relations(first: null) → claims → source text", async () => {
    const alias = (i: number) =>
      `a${i}: nodes(ids: $ids) { ... on Actor { relations(first: null) { nodes { claims { source { text } } } } } }`;
    const query = `query ($ids: [ID!]!) { ${Array.from({ length: 15 }, (_, i) => alias(i)).join(" ")} }`;
    const answer = await ask(api, query, { ids: HUNDRED_IDS(api) });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe("COST_LIMIT_EXCEEDED");
    expect(answer.json.errors![0]!.message).toMatch(/over the budget of 10000 \(limits\.maxCost\)/);
    expect(answer.json.data ?? null).toBeNull();
    // One alias alone is over the budget: 100 ids × a page of 20 relations × their claims.
    const one = await ask(api, `query ($ids: [ID!]!) { ${alias(0)} }`, { ids: HUNDRED_IDS(api) });
    expect(codeOf(one)).toBe("COST_LIMIT_EXCEEDED");
    await stillAnswers(api);
  });

  it("counts nodes(ids:) by the number of ids, repeats included", async () => {
    const query = "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }";
    expect(costOf(await ask(api, query, { ids: ["armenia"] }))).toBe(2);
    expect(costOf(await ask(api, query, { ids: Array(50).fill("armenia") }))).toBe(51);
  });

  it("counts first: null as the default page size, not as one item", async () => {
    const page = (first: string) => `{ relations${first} { nodes { id claims { quote } } } }`;
    const omitted = costOf(await ask(api, page("")));
    expect(costOf(await ask(api, page("(first: null)")))).toBe(omitted);
    expect(costOf(await ask(api, page("(first: 20)")))).toBe(omitted);
    expect(costOf(await ask(api, page("(first: 1)")))).toBeLessThan(omitted! / 10);
    const viaVariable = await ask(
      api,
      "query ($n: Int) { relations(first: $n) { nodes { id claims { quote } } } }",
      {
        n: null,
      },
    );
    expect(costOf(viaVariable)).toBe(omitted);
  });

  it("counts a subgraph's lists up to the export limits; its export at a flat price", async () => {
    for (const query of [
      "{ subgraph { relations { id } } }",
      '{ subgraph(ids: ["armenia"], depth: 0) { nodes { id } } }',
    ]) {
      const answer = await ask(api, query);
      expect(answer.status, query).toBe(400);
      expect(codeOf(answer)).toBe("COST_LIMIT_EXCEEDED");
    }
    const exported = await ask(api, "{ subgraph { export(format: CYPHER) { content } } }");
    expect(exported.status).toBe(200);
    expect(costOf(exported)).toBe(1 + EXPORT_COST);
    // A neighbourhood stays readable: its lists are bounded by maxNodes.
    const near = await ask(
      api,
      '{ neighborhood(ids: ["armenia"], maxNodes: 50) { nodes { id } relations { id } } }',
    );
    expect(near.status).toBe(200);
  });

  it("refuses a fragment spread twice in a fragment spread twice … 40 deep, counting in linear time", async () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Stats { nodes ...F${i + 1} ...F${i + 1} }`,
    );
    const query = `{ stats { ...F0 } } ${fragments.join(" ")} fragment F40 on Stats { claims }`;
    // 2^40 spreads: walked naively by any rule (depth, fields, cost), the answer would never come.
    const answer = await ask(api, query);
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe("FIELD_LIMIT_EXCEEDED");
    expect(answer.json.errors![0]!.message).toMatch(/^a selection holds 2199023255551 fields/);
    await stillAnswers(api);
  });
});

describe("the response size cap is the last line of defence", () => {
  it("an answer over the cap is refused whole, with RESPONSE_TOO_LARGE naming the limit", async () => {
    for (const query of [
      "{ relations(first: 100) { nodes { claims { source { text } } } } }",
      "{ relations(first: 100) { nodes { id claims { quote } } } }",
      "{ subgraph { export(format: NETWORKX_JSON) { content } } }",
    ]) {
      const answer = await ask(capped, query);
      expect(answer.status, query).toBe(400);
      expect(codeOf(answer), query).toBe("RESPONSE_TOO_LARGE");
      expect(answer.json.errors![0]!.message).toMatch(
        new RegExp(`over the limit of ${CAP} bytes \\(limits\\.maxResponseBytes\\)`),
      );
      expect(answer.json.data ?? null).toBeNull();
      expect(answer.bytes).toBeLessThan(CAP);
    }
    await stillAnswers(capped);
  });

  it("no answer within the budget is larger than the cap", async () => {
    const heavy = [
      "{ sources { id title text } }",
      "{ relations(first: 100) { nodes { id claims { quote source { text } } } } }",
      '{ neighborhood(ids: ["armenia"], depth: 2, maxNodes: 100) { nodes { id label description } relations { id } } }',
      "{ actors(first: 100) { nodes { id label description aliases } } }",
      "{ subgraph { export(format: GRAPHOLOGY_JSON) { content parts { content } } } }",
      '{ a: node(id: "bnn-2023-12-29") { ... on Source { text } } b: node(id: "normalization-2023-12") { ... on Source { text } } }',
    ];
    for (const query of heavy) {
      const answer = await ask(capped, query);
      expect(answer.bytes, query).toBeLessThanOrEqual(CAP);
      if (answer.status !== 200) expect(codeOf(answer), query).toBe("RESPONSE_TOO_LARGE");
    }
  });
});

describe("bad variables are the client's mistake: 400 BAD_USER_INPUT naming the variable", () => {
  const logged: unknown[][] = [];
  const originalError = console.error;
  beforeAll(() => {
    console.error = (...args: unknown[]) => void logged.push(args);
  });
  afterAll(() => {
    console.error = originalError;
  });

  it.each([
    ["a string for an Int", "query ($f: Int) { relations(first: $f) { totalCount } }", { f: "abc" }, "f"],
    ["a missing required list", "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }", {}, "ids"],
    [
      "an unknown filter field",
      "query ($w: RelationWhere) { relations(where: $w) { totalCount } }",
      { w: { nope: 1 } },
      "w",
    ],
    [
      "a list nested 5,000 deep",
      "query ($ids: [ID!]!) { nodes(ids: $ids) { id } }",
      `{"ids":${"[".repeat(5_000)}"armenia"${"]".repeat(5_000)}}`,
      "ids",
    ],
    [
      "an object nested 5,000 deep",
      "query ($w: RelationWhere) { relations(where: $w) { totalCount } }",
      `{"w":${'{"type":'.repeat(5_000)}"WELCOMED"${"}".repeat(5_000)}}`,
      "w",
    ],
  ])("%s", async (_name, query, variables, name) => {
    const answer = await ask(api, query, variables);
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe("BAD_USER_INPUT");
    expect(answer.json.errors![0]!.message).toContain(`$${name}`);
    expect(answer.json.errors![0]!.extensions!.variableName).toBe(name);
    expect(JSON.stringify(answer.json)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(logged).toEqual([]);
    await stillAnswers(api);
  });
});

describe("every documented limit code reaches the client", () => {
  const nested = (depth: number) => {
    let selection = "id";
    for (let level = 0; level < depth; level++)
      selection = `relations(first: 1) { nodes { subject { ... on Actor { ${selection} } } } }`;
    return `{ node(id: "armenia") { ... on Actor { ${selection} } } }`;
  };

  it.each([
    [
      "aliases",
      `{ ${Array.from({ length: 16 }, (_, i) => `s${i}: stats { nodes }`).join(" ")} }`,
      "ALIAS_LIMIT_EXCEEDED",
      "maxAliases",
    ],
    ["depth", nested(9), "DEPTH_LIMIT_EXCEEDED", "maxDepth"],
    [
      "directives",
      // One directive on each of 51 fields: the same directive twice on one field is another error.
      `{ stats { ${"__typename @include(if: true) ".repeat(51)} } }`,
      "DIRECTIVE_LIMIT_EXCEEDED",
      "maxDirectives",
    ],
    [
      "990 copies of one field",
      `{ stats { ${"nodes ".repeat(990)} } }`,
      "FIELD_LIMIT_EXCEEDED",
      "maxSelectionFields",
    ],
    [
      "990 copies through fragments",
      `{ stats { ...A ...B } } fragment A on Stats { ${"nodes ".repeat(485)} } fragment B on Stats { ${"nodes ".repeat(485)} }`,
      "FIELD_LIMIT_EXCEEDED",
      "maxSelectionFields",
    ],
  ])("%s", async (_name, query, code, setting) => {
    const answer = await ask(api, query);
    expect(answer.status).toBe(400);
    expect(answer.json.errors!.map((error) => error.extensions?.code)).toEqual([code]);
    expect(answer.json.errors![0]!.message).toContain(`limits.${setting}`);
    expect(JSON.stringify(answer.json)).not.toContain("Validation aborted");
    await stillAnswers(api);
  });
});
