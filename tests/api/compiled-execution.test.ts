import { execute, getIntrospectionQuery, parse, type OperationDefinitionNode } from "graphql";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSchema } from "../../server/api/apollo.ts";
import { compiledExecutionPlugin } from "../../server/api/compiled-execution.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

const schema = loadSchema();

/** Queries over every kind of field: lists, pages, interfaces, fragments, aliases, variables. */
const QUERIES: [string, Record<string, unknown>?][] = [
  [
    `{ stats { nodes relations claims sources conflicts nodesByKind { key count } relationsByType { key count } } }`,
  ],
  [
    `query ($text: String!) { search(text: $text, first: 5) { score matched node { __typename id label ... on Actor { degree color size position { x y } } } } }`,
    { text: "armenia" },
  ],
  [
    `{ node(id: "joint-statement-2023-12") { __typename id ... on Event { label date { text precision start end open }
      conflicts { id kind property target { id } values { value sources { id outlet } claims { id quote quoteStart quoteEnd modality cameo } } }
      relations(first: 5, sort: { field: DATE, order: DESC }) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id type modality dateOrigin dateInheritedFrom { id } corroboration confidence cameo plover goldstein family color
          subject { id } object { id } sources { id title } claims { id quote status rule attributedTo { id }
          qualifiers { count approximate place { id } event { id } role framing } relation { id } } } } } } } }`,
  ],
  [
    `{ a: neighborhood(ids: ["armenia"], depth: 2, maxNodes: 60) { truncated nodes { id kind } relations { id subject { id } object { id } } }
       b: paths(from: "antonio-guterres", to: "azerbaijan", maxLength: 4) { length nodes { label } relations { type } } }`,
  ],
  [
    `fragment R on Relation { id type count extent { text } duration { text precision } }
     { relations(where: { minCorroboration: 2 }, first: 20) { totalCount nodes { ...R } }
       released: relations(where: { type: ["RELEASED"] }) { nodes { ...R claims { modality cameo } } } }`,
  ],
  [
    `{ timeline(actor: "azerbaijan", from: "2020", to: "2023-12") { id label date { text } }
       conflicts(kind: [NEGATION, DATE]) { kind target { __typename id } }
       relationTypes { id family color count modalities { modality cameo } }
       nodeTypes { id kind label count color } sources { id claimCount published { text } } }`,
  ],
  [
    `query ($with: Boolean!, $id: ID!) { node(id: $id) { __typename id ... on Actor @include(if: $with) { label }
       ... on Actor @skip(if: $with) { kind } } }`,
    { with: true, id: "armenia" },
  ],
  [
    `query ($with: Boolean!, $id: ID!) { node(id: $id) { __typename id ... on Actor @include(if: $with) { label }
       ... on Actor @skip(if: $with) { kind } } }`,
    { with: false, id: "armenia" },
  ],
  [getIntrospectionQuery()],
];

describe("compiled execution (graphql-jit)", () => {
  it("answers each query with the data graphql-js gives for it", async () => {
    for (const [query, variables] of QUERIES) {
      const reference = await execute({
        schema,
        document: parse(query),
        contextValue: api.store,
        variableValues: variables,
      });
      expect(reference.errors, query).toBeUndefined();
      const { status, json } = await api.post({ query, variables });
      expect([status, json.errors], query).toEqual([200, undefined]);
      expect(json.errors, query).toBeUndefined();
      expect(json.data, query).toEqual(JSON.parse(JSON.stringify(reference.data)));
    }
  });

  it("answers successful queries itself, and leaves failing ones and mutations to graphql-js", async () => {
    const listener = await compiledExecutionPlugin(schema).requestDidStart!({} as never);
    const answer = async (query: string) => {
      const document = parse(query);
      const operation = document.definitions[0] as OperationDefinitionNode;
      return listener!.responseForOperation!({
        document,
        operation,
        operationName: null,
        request: { variables: {} },
        contextValue: api.store,
      } as never);
    };
    const ok = await answer(`{ node(id: "armenia") { id } }`);
    expect(ok?.body).toEqual({ kind: "single", singleResult: { data: { node: { id: "armenia" } } } });
    expect(await answer(`{ relations(first: 101) { totalCount } }`)).toBeNull();
    expect(await answer(`mutation { __typename }`)).toBeNull();
  });

  it("keeps the errors graphql-js gives: named argument, code, partial data", async () => {
    const { status, json } = await api.post({
      query: `{ armenia: node(id: "armenia") { id ... on Actor { relations(first: 101) { totalCount } } } }`,
    });
    expect(status).toBe(200);
    // relations is non-null, so the error nulls the node that holds it: graphql-js's null propagation.
    expect(json.data).toEqual({ armenia: null });
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: "first: must be a whole number from 1 to 100, got 101",
        extensions: expect.objectContaining({ code: "BAD_USER_INPUT", argumentName: "first" }),
      }),
    ]);
  });

  it("counts a re-run query's text afresh against the response cap", async () => {
    // The source text is counted once per run: with the cap at 1.5 times its size, counting the
    // failed compiled run too would refuse the answer as too large instead of naming the bad argument.
    const text = readFileSync(path.join(GRAPH_DATA, "sources", "bnn-2023-12-29.txt"), "utf8");
    const capped = await startTestServer({
      limits: { maxResponseBytes: Math.round(Buffer.byteLength(text) * 1.5) },
    });
    try {
      const { json } = await capped.post({
        query: `{ s: node(id: "bnn-2023-12-29") { ... on Source { text } }
                  a: node(id: "armenia") { ... on Actor { relations(first: 101) { totalCount } } } }`,
      });
      expect(json.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
      expect(json.data).toEqual({ s: { text }, a: null });
    } finally {
      await capped.close();
    }
  });
});
