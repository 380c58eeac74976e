import { request } from "node:http";
import { Lexer, Source, TokenKind } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORACLE_DATA } from "../fixtures/oracle.ts";
import { startTestServer, type GraphQLBody, type TestServer } from "../helpers/server.ts";

/**
 * Every documented limit of the API (README, "Limits") at its edge: the last value allowed passes,
 * the first past it is refused with the documented code, naming the setting or the argument. The
 * defaults are checked on the seed graph; a server with other settings shows each rule reads its
 * setting rather than a number of its own.
 */

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

interface Answer {
  status: number;
  json: GraphQLBody;
}

const ask = (server: TestServer, query: string, variables?: Record<string, unknown>): Promise<Answer> =>
  server.post({ query, variables });

const costOf = (answer: Answer) => (answer.json.extensions?.cost as { requested: number }).requested;

function expectAllowed(answer: Answer, what: string) {
  expect(answer.json.errors, `${what}: ${JSON.stringify(answer.json.errors)}`).toBeUndefined();
  expect(answer.status, what).toBe(200);
}

function expectRefused(answer: Answer, code: string, message: RegExp, status = 400) {
  expect(answer.status).toBe(status);
  expect(answer.json.errors?.map((error) => error.extensions?.code)).toEqual([code]);
  expect(answer.json.errors![0]!.message).toMatch(message);
  expect(answer.json.data ?? null).toBeNull();
}

/** The number of tokens graphql-js counts against maxTokens: every lexical token but comments. */
function tokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `s${i}: stats { nodes }`).join(" ")} }`;
const directives = (n: number) => `{ stats { ${"__typename @include(if: true) ".repeat(n)}} }`;
const fields = (n: number) => `{ stats { ${"nodes ".repeat(n)}} }`;
/** relations(where: { type: [n × a type] }): 16 tokens around the list. */
const tokenQuery = (n: number, type = "WELCOMED") =>
  `{ relations(where: { type: [${` "${type}"`.repeat(n)} ] }) { totalCount } }`;
const DEPTH_8 =
  '{ node(id: "armenia") { ... on Actor { relations(first: 1) { nodes { subject { ... on Actor { relations(first: 1) { nodes { object { id } } } } } } } } } }';
const DEPTH_9 = DEPTH_8.replace(
  "object { id }",
  "object { ... on Actor { relations(first: 1) { totalCount } } }",
);

describe("the limits of a document, at their edges", () => {
  it("tokens: 1,000 pass, 1,001 are refused before parsing ends (GRAPHQL_PARSE_FAILED)", async () => {
    expect(tokens(tokenQuery(984))).toBe(1_000);
    expect(tokens(tokenQuery(985))).toBe(1_001);
    expectAllowed(await ask(api, tokenQuery(984)), "1,000 tokens");
    expectRefused(await ask(api, tokenQuery(985)), "GRAPHQL_PARSE_FAILED", /more th[ae]t? 1000 tokens/);
  });

  it("depth: 8 levels pass, 9 are refused (DEPTH_LIMIT_EXCEEDED, limits.maxDepth)", async () => {
    expectAllowed(await ask(api, DEPTH_8), "depth 8");
    expectRefused(
      await ask(api, DEPTH_9),
      "DEPTH_LIMIT_EXCEEDED",
      /deeper than 8 levels.*limits\.maxDepth is 8/,
    );
    // Through a fragment: the same nine levels.
    const viaFragment =
      '{ node(id: "armenia") { ... on Actor { relations(first: 1) { nodes { subject { ...Deep } } } } } } ' +
      "fragment Deep on Actor { relations(first: 1) { nodes { object { ... on Actor { relations(first: 1) { totalCount } } } } } }";
    expectRefused(await ask(api, viaFragment), "DEPTH_LIMIT_EXCEEDED", /limits\.maxDepth/);
  });

  it("aliases: 15 pass, 16 are refused (ALIAS_LIMIT_EXCEEDED, limits.maxAliases)", async () => {
    expectAllowed(await ask(api, aliases(15)), "15 aliases");
    expectRefused(
      await ask(api, aliases(16)),
      "ALIAS_LIMIT_EXCEEDED",
      /more than 15 aliases.*limits\.maxAliases/,
    );
  });

  it("directives: 50 pass, 51 are refused (DIRECTIVE_LIMIT_EXCEEDED, limits.maxDirectives)", async () => {
    expectAllowed(await ask(api, directives(50)), "50 directives");
    expectRefused(
      await ask(api, directives(51)),
      "DIRECTIVE_LIMIT_EXCEEDED",
      /more than 50 directives.*limits\.maxDirectives/,
    );
  });

  it("fields in one selection: 100 pass, 101 are refused (FIELD_LIMIT_EXCEEDED)", async () => {
    expectAllowed(await ask(api, fields(100)), "100 fields");
    expectRefused(
      await ask(api, fields(101)),
      "FIELD_LIMIT_EXCEEDED",
      /holds 101 fields.*limits\.maxSelectionFields/,
    );
  });
});

describe("validation that would give up", () => {
  it("is refused with VALIDATION_LIMIT_EXCEEDED, naming the settings that keep clear of it", async () => {
    // Only reachable with maxSelectionFields raised: graphql-js compares repeated fields pairwise
    // and gives up past half a million checks (708 copies of a field, 708 × 707 ordered pairs).
    const loose = await startTestServer(
      { limits: { maxSelectionFields: 5_000, maxTokens: 5_000 } },
      ORACLE_DATA,
    );
    try {
      expectAllowed(await ask(loose, fields(707)), "707 copies");
      expectRefused(
        await ask(loose, fields(708)),
        "VALIDATION_LIMIT_EXCEEDED",
        /too costly to validate.*\(limits\.maxSelectionFields, limits\.maxTokens\)/,
      );
    } finally {
      await loose.close();
    }
  });
});

describe("the cost of an operation", () => {
  it.each([
    ["one field of one object", "{ stats { nodes } }", 2],
    ["a node by id", '{ node(id: "armenia") { id } }', 2],
    // 1 + 7 × (totalCount 1 + nodes (1 + id 1 + claims (1 + 5 × quote 1)))
    [
      "a page of 7 relations with their claims",
      "{ relations(first: 7) { totalCount nodes { id claims { quote } } } }",
      64,
    ],
    [
      "nodes by 3 ids, the dearest type counted",
      '{ nodes(ids: ["a", "b", "a"]) { id ... on Actor { label } } }',
      7,
    ],
    ["search, 10 hits by default", '{ search(text: "armenia") { node { id } } }', 21],
    ["a fragment counts as its fields", "{ ...F } fragment F on Query { stats { nodes claims } }", 3],
    ["introspection is free", "{ __typename __schema { queryType { name } } }", 0],
    // The README's example, part by part.
    [
      "README: the relations page",
      "{ relations(where: { minCorroboration: 2 }, first: 20) { totalCount nodes { id corroboration claims { source { id } quote } } } }",
      401,
    ],
    [
      "README: the neighbourhood (200 nodes × 12 relations priced)",
      '{ neighborhood(ids: ["antonio-guterres"], depth: 1) { nodes { id label } relations { id } truncated } }',
      2_804,
    ],
    [
      "README: the neighbourhood with maxNodes: 50",
      '{ neighborhood(ids: ["antonio-guterres"], depth: 1, maxNodes: 50) { nodes { id label } relations { id } truncated } }',
      704,
    ],
    [
      "README: the paths",
      '{ paths(from: "antonio-guterres", to: "azerbaijan", maxLength: 4) { length nodes { label } relations { type } } }',
      61,
    ],
    [
      "README: the timeline",
      '{ timeline(actor: "azerbaijan", from: "2020", to: "2023-12") { label date { text precision } } }',
      401,
    ],
    ["an export, at its flat price", "{ subgraph { export(format: CYPHER) { filename } } }", 3_001],
  ])("%s: %s costs %i", async (_name, query, cost) => {
    const answer = await ask(api, query);
    expectAllowed(answer, query);
    expect(costOf(answer)).toBe(cost);
  });

  it("a page given by a variable costs its value", async () => {
    const answer = await ask(api, "query ($n: Int) { relations(first: $n) { nodes { id } } }", { n: 3 });
    expect(costOf(answer)).toBe(7);
  });

  it("a cost of 10,000 passes, 10,001 is refused (COST_LIMIT_EXCEEDED, limits.maxCost)", async () => {
    // 1 + 100 × (1 + 1 + 48 × 2) = 9,801, and 1 + 99 × 2 = 199.
    const exact =
      '{ actors(first: 100) { nodes { relations(first: 48) { nodes { id } } } } search(text: "a", first: 99) { node { id } } }';
    const allowed = await ask(api, exact);
    expectAllowed(allowed, "cost 10,000");
    expect(costOf(allowed)).toBe(10_000);
    const over = await ask(api, "{ actors(first: 100) { nodes { relations(first: 49) { nodes { id } } } } }");
    expectRefused(
      over,
      "COST_LIMIT_EXCEEDED",
      /query cost 10001 is over the budget of 10000 \(limits\.maxCost\)/,
    );
  });
});

describe("the limits of arguments, at their edges", () => {
  it.each([
    ["relations first", (n: number) => `{ relations(first: ${n}) { totalCount } }`, 1, 100, "first"],
    ["actors first", (n: number) => `{ actors(first: ${n}) { totalCount } }`, 1, 100, "first"],
    [
      "an entity's relations first",
      (n: number) => `{ node(id: "armenia") { ... on Actor { relations(first: ${n}) { totalCount } } } }`,
      1,
      100,
      "first",
    ],
    ["search first", (n: number) => `{ search(text: "a", first: ${n}) { score } }`, 1, 100, "first"],
    ["timeline first", (n: number) => `{ timeline(first: ${n}) { id } }`, 1, 100, "first"],
    [
      "paths first",
      (n: number) => `{ paths(from: "armenia", to: "azerbaijan", first: ${n}) { length } }`,
      1,
      20,
      "first",
    ],
    [
      "paths maxLength",
      (n: number) => `{ paths(from: "armenia", to: "azerbaijan", maxLength: ${n}) { length } }`,
      1,
      6,
      "maxLength",
    ],
    [
      "neighborhood depth",
      (n: number) => `{ neighborhood(ids: ["armenia"], depth: ${n}, maxNodes: 10) { truncated } }`,
      0,
      3,
      "depth",
    ],
    [
      "neighborhood maxNodes",
      (n: number) => `{ neighborhood(ids: ["armenia"], maxNodes: ${n}) { nodes { id } } }`,
      1,
      500,
      "maxNodes",
    ],
    [
      "neighborhood ids",
      (n: number) => `{ neighborhood(ids: [${'"armenia" '.repeat(n)}], maxNodes: 10) { truncated } }`,
      1,
      20,
      "ids (count)",
    ],
    [
      "nodes ids",
      (n: number) => `{ nodes(ids: [${'"armenia" '.repeat(Math.max(n, 0))}]) { id } }`,
      0,
      100,
      "ids (count)",
    ],
  ])("%s: from %i to %i, refused just outside", async (_name, query, min, max, argument) => {
    expectAllowed(await ask(api, query(min)), `${argument} ${min}`);
    expectAllowed(await ask(api, query(max)), `${argument} ${max}`);
    // Below 0 ids cannot be written: only the upper edge is outside.
    for (const outside of min === 0 && argument === "ids (count)" ? [max + 1] : [min - 1, max + 1]) {
      const answer = await ask(api, query(outside));
      expect(answer.json.errors?.[0]?.extensions?.code, `${argument} ${outside}`).toBe("BAD_USER_INPUT");
      expect(answer.json.errors![0]!.extensions!.argumentName).toBe(argument);
      expect(answer.json.errors![0]!.message).toBe(
        `${argument}: must be a whole number from ${min} to ${max}, got ${outside}`,
      );
    }
  });

  it("a neighbourhood says when maxNodes cut it", async () => {
    const cut = await api.query<{ neighborhood: { nodes: unknown[]; truncated: boolean } }>(
      '{ neighborhood(ids: ["armenia"], depth: 3, maxNodes: 5) { nodes { id } truncated } }',
    );
    expect(cut.neighborhood).toEqual({ nodes: expect.any(Array), truncated: true });
    expect(cut.neighborhood.nodes).toHaveLength(5);
  });
});

describe("the request body, at its edge", () => {
  /** A JSON body of exactly `bytes` bytes: a small query, padded with JSON whitespace. */
  const bodyOf = (bytes: number) => {
    const json = JSON.stringify({ query: "{ stats { nodes } }" });
    return json + " ".repeat(bytes - json.length);
  };

  const send = (body: string, chunked: boolean) =>
    new Promise<number>((resolve, reject) => {
      const { hostname, port } = new URL(api.url);
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (!chunked) headers["content-length"] = String(Buffer.byteLength(body));
      const req = request({ host: hostname, port, path: "/graphql", method: "POST", headers }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode!));
      });
      req.on("error", reject);
      // Chunked: the server cannot know the size up front and must count what arrives.
      if (chunked) for (let at = 0; at < body.length; at += 16_384) req.write(body.slice(at, at + 16_384));
      else req.write(body);
      req.end();
    });

  it("100,000 bytes pass, 100,001 are refused with 413, whether declared or streamed", async () => {
    for (const chunked of [false, true]) {
      expect(await send(bodyOf(100_000), chunked), `chunked: ${chunked}`).toBe(200);
      expect(await send(bodyOf(100_001), chunked), `chunked: ${chunked}`).toBe(413);
    }
  });
});

describe("limits set in settings are the ones enforced", () => {
  let tight: TestServer;
  beforeAll(async () => {
    tight = await startTestServer(
      {
        limits: {
          maxTokens: 60,
          maxDepth: 4,
          maxAliases: 2,
          maxDirectives: 1,
          maxSelectionFields: 3,
          maxCost: 50,
          maxBodyBytes: 2_000,
        },
      },
      ORACLE_DATA,
    );
  });
  afterAll(() => tight.close());

  it("refuses one past each setting, and allows the setting itself", async () => {
    expectAllowed(await ask(tight, aliases(2)), "2 aliases");
    expectRefused(await ask(tight, aliases(3)), "ALIAS_LIMIT_EXCEEDED", /limits\.maxAliases is 2/);
    expectAllowed(await ask(tight, directives(1)), "1 directive");
    expectRefused(await ask(tight, directives(2)), "DIRECTIVE_LIMIT_EXCEEDED", /limits\.maxDirectives is 1/);
    expectAllowed(await ask(tight, fields(3)), "3 fields");
    expectRefused(await ask(tight, fields(4)), "FIELD_LIMIT_EXCEEDED", /limits\.maxSelectionFields is 3/);
    const depth4 = '{ node(id: "muskar") { ... on Actor { relations(first: 1) { nodes { id } } } } }';
    expectAllowed(await ask(tight, depth4), "depth 4");
    expectRefused(
      await ask(tight, depth4.replace("nodes { id }", "nodes { subject { id } }")),
      "DEPTH_LIMIT_EXCEEDED",
      /limits\.maxDepth is 4/,
    );
    expect(tokens(tokenQuery(44, "MET"))).toBe(60);
    expectAllowed(await ask(tight, tokenQuery(44, "MET")), "60 tokens");
    expectRefused(await ask(tight, tokenQuery(45, "MET")), "GRAPHQL_PARSE_FAILED", /60 tokens/);
    // 1 + 7 × (1 + id 1 + subject (1 + 2) + object (1 + 1)) = 50; with 5 relations 36, and 14 ids 15 more.
    const relations = (first: number) =>
      `relations(first: ${first}) { nodes { id subject { id label } object { id } } }`;
    const fifty = await ask(tight, `{ ${relations(7)} }`);
    expectAllowed(fifty, "cost 50");
    expect(costOf(fifty)).toBe(50);
    expectRefused(
      await ask(tight, `{ ${relations(5)} nodes(ids: [${'"x" '.repeat(14)}]) { id } }`),
      "COST_LIMIT_EXCEEDED",
      /query cost 51 is over the budget of 50 \(limits\.maxCost\)/,
    );
    const body = JSON.stringify({ query: "{ stats { nodes } }" });
    const post = (bytes: number) =>
      fetch(`${tight.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: body + " ".repeat(bytes - body.length),
      });
    expect((await post(2_000)).status).toBe(200);
    expect((await post(2_001)).status).toBe(413);
  });
});

describe("the response size, at its edge", () => {
  const QUERY = "{ stats { nodes relations claims } }";
  it("an answer of exactly maxResponseBytes is sent; one byte less of room refuses it whole", async () => {
    const raw = async (server: TestServer) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-encoding": "identity" },
        body: JSON.stringify({ query: QUERY }),
      });
      return { status: response.status, text: await response.text() };
    };
    const probe = await startTestServer({}, ORACLE_DATA);
    const size = Buffer.byteLength((await raw(probe)).text);
    await probe.close();
    const exact = await startTestServer({ limits: { maxResponseBytes: size } }, ORACLE_DATA);
    const short = await startTestServer({ limits: { maxResponseBytes: size - 1 } }, ORACLE_DATA);
    try {
      const fits = await raw(exact);
      expect(fits.status).toBe(200);
      expect(Buffer.byteLength(fits.text)).toBe(size);
      const over = await raw(short);
      expect(over.status).toBe(400);
      const body = JSON.parse(over.text) as GraphQLBody;
      expect(body.errors?.[0]?.extensions?.code).toBe("RESPONSE_TOO_LARGE");
      expect(body.errors?.[0]?.message).toMatch(
        new RegExp(
          `would be ${size} bytes, over the limit of ${size - 1} bytes \\(limits\\.maxResponseBytes\\)`,
        ),
      );
    } finally {
      await Promise.all([exact.close(), short.close()]);
    }
  });
});
