import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server.ts";

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

const nested = (depth: number) => {
  let selection = "id";
  for (let level = 0; level < depth; level++)
    selection = `relations(first: 1) { nodes { subject { ... on Actor { ${selection} } } } }`;
  return `{ node(id: "armenia") { ... on Actor { ${selection} } } }`;
};

/** Each hostile request is refused with a clear error, and the next ordinary query still works. */
async function expectRefusedThenHealthy(
  body: string,
  status: number,
  message: RegExp,
  contentType = "application/json",
) {
  const response = await fetch(`${api.url}/graphql`, {
    method: "POST",
    headers: { "content-type": contentType },
    body,
  });
  expect(response.status).toBe(status);
  const json = (await response.json()) as { errors?: { message: string }[]; data?: unknown };
  expect(json.data ?? null).toBeNull();
  expect(json.errors?.map((error) => error.message).join("\n")).toMatch(message);
  const next = await api.query<{ node: { label: string } }>(
    `{ node(id: "azerbaijan") { ... on Actor { label } } }`,
  );
  expect(next.node.label).toBe("Azerbaijan");
}

const operation = (query: string) => JSON.stringify({ query });

describe("hostile operations are refused and the server stays up", () => {
  it("2,000 duplicate fields", async () => {
    await expectRefusedThenHealthy(
      operation(`{ stats { ${"nodes ".repeat(2000)} } }`),
      400,
      /Document contains more (than|that) 1000 tokens/,
    );
  });

  it("100 aliases of neighborhood", async () => {
    const aliases = Array.from(
      { length: 100 },
      (_, i) => `n${i}: neighborhood(ids: ["armenia"], depth: 3) { truncated }`,
    );
    await expectRefusedThenHealthy(
      operation(`{ ${aliases.join(" ")} }`),
      400,
      /Document contains more (than|that) 1000 tokens/,
    );
  });

  it("16 aliases, under the token limit, hit the alias limit", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `s${i}: stats { nodes }`);
    await expectRefusedThenHealthy(operation(`{ ${aliases.join(" ")} }`), 400, /more than 15 aliases/);
  });

  it("50-deep nesting", async () => {
    await expectRefusedThenHealthy(operation(nested(50)), 400, /nested deeper than 8 levels/);
  });

  it("fragment cycles", async () => {
    const query = `
      query { node(id: "armenia") { ...A } }
      fragment A on Actor { relations { nodes { subject { ...B } } } }
      fragment B on Actor { ...A }`;
    await expectRefusedThenHealthy(operation(query), 400, /Cannot spread fragment "A" within itself/);
  });

  it("a 1 MB query", async () => {
    const query = `{ stats { nodes } } # ${"x".repeat(1_000_000)}`;
    await expectRefusedThenHealthy(operation(query), 413, /over the limit of 100000/);
  });

  it("malformed JSON", async () => {
    await expectRefusedThenHealthy('{"query": "{ stats { nodes } }"', 400, /malformed JSON body/);
  });

  it("a batch of operations", async () => {
    const batch = JSON.stringify([{ query: "{ stats { nodes } }" }, { query: "{ stats { claims } }" }]);
    await expectRefusedThenHealthy(batch, 400, /batch/i);
  });

  it("an operation over the cost budget", async () => {
    const query = `{ actors(first: 100) { nodes { relations(first: 100) { nodes { claims { quote } } } } } }`;
    await expectRefusedThenHealthy(operation(query), 400, /query cost \d+ is over the budget of 10000/);
  });

  it("a simple GET that a cross-site form could send (CSRF prevention)", async () => {
    const response = await fetch(`${api.url}/graphql?query=${encodeURIComponent("{ stats { nodes } }")}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
    const allowed = await fetch(`${api.url}/graphql?query=${encodeURIComponent("{ stats { nodes } }")}`, {
      headers: { "apollo-require-preflight": "true" },
    });
    expect(allowed.status).toBe(200);
  });

  it("an 8-deep query is still allowed", async () => {
    const { status } = await api.post({ query: nested(2) });
    expect(status).toBe(200);
  });
});
