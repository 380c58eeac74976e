import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORACLE_DATA } from "../fixtures/oracle.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { download } from "./helpers.ts";

/**
 * The export limits at their edges, on the oracle fixture (10 nodes, 9 relations): a selection of
 * exactly the limit is exported, one node or relation more is refused with EXPORT_TOO_LARGE naming
 * the setting, over HTTP and GraphQL alike; 100 start ids pass and 101 do not.
 */

let exact: TestServer;
let fewerNodes: TestServer;
let fewerRelations: TestServer;
beforeAll(async () => {
  [exact, fewerNodes, fewerRelations] = await Promise.all([
    startTestServer({ limits: { maxExportNodes: 10, maxExportRelations: 9 } }, ORACLE_DATA),
    startTestServer({ limits: { maxExportNodes: 9 } }, ORACLE_DATA),
    startTestServer({ limits: { maxExportRelations: 8 } }, ORACLE_DATA),
  ]);
});
afterAll(() => Promise.all([exact.close(), fewerNodes.close(), fewerRelations.close()]));

interface Refusal {
  errors: { message: string; extensions: { code: string; argument?: string } }[];
}

async function graphqlExport(server: TestServer, args: string) {
  return server.post({ query: `{ subgraph${args} { export(format: GRAPHML) { filename } } }` });
}

describe("node and relation limits", () => {
  it("a whole graph of exactly the limits is exported, over HTTP and GraphQL", async () => {
    const file = await download(exact, "/export/networkx-json");
    expect(file.status).toBe(200);
    const json = JSON.parse(file.text) as { nodes: unknown[]; links: unknown[] };
    expect([json.nodes.length, json.links.length]).toEqual([10, 9]);
    const answer = await graphqlExport(exact, "");
    expect(answer.json.errors).toBeUndefined();
  });

  it.each([
    [
      "one node over",
      () => fewerNodes,
      /^selection: has 10 nodes, over the export limit of 9 nodes \(limits\.maxExportNodes\)/,
    ],
    [
      "one relation over",
      () => fewerRelations,
      /^selection: has 9 relations, over the export limit of 8 relations \(limits\.maxExportRelations\)/,
    ],
  ])(
    "%s is refused with EXPORT_TOO_LARGE over HTTP, BAD_USER_INPUT in GraphQL",
    async (_name, server, message) => {
      const refused = await download(server(), "/export/gexf");
      expect(refused.status).toBe(400);
      const error = (JSON.parse(refused.text) as Refusal).errors[0]!;
      expect(error.extensions.code).toBe("EXPORT_TOO_LARGE");
      expect(error.message).toMatch(message);
      const answer = await graphqlExport(server(), "");
      expect(answer.json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(answer.json.errors?.[0]?.message).toMatch(message);
    },
  );

  it("a neighbourhood that reaches one node past the limit is refused; one within it is not", async () => {
    // From King Muskar, depth 2 reaches 8 nodes and all 9 relations; depth 1, 4 nodes and 5 relations.
    expect((await download(fewerRelations, "/export/gexf?ids=muskar&depth=1")).status).toBe(200);
    expect((await download(fewerRelations, "/export/gexf?ids=muskar&depth=2")).status).toBe(400);
    const eight = await startTestServer({ limits: { maxExportNodes: 8 } }, ORACLE_DATA);
    const seven = await startTestServer({ limits: { maxExportNodes: 7 } }, ORACLE_DATA);
    try {
      expect((await download(eight, "/export/gexf?ids=muskar&depth=2")).status).toBe(200);
      const refused = await download(seven, "/export/gexf?ids=muskar&depth=2");
      expect(refused.status).toBe(400);
      expect((JSON.parse(refused.text) as Refusal).errors[0]!.message).toMatch(
        /^selection: has more than 7 nodes, over the export limit of 7 nodes/,
      );
    } finally {
      await Promise.all([eight.close(), seven.close()]);
    }
  });
});

describe("start ids", () => {
  const ids = (n: number) => Array.from({ length: n }, () => "muskar").join(",");

  it("100 start ids pass and 101 are refused, counted as written (repeats included)", async () => {
    expect((await download(exact, `/export/cypher?ids=${ids(100)}&depth=0`)).status).toBe(200);
    const refused = await download(exact, `/export/cypher?ids=${ids(101)}&depth=0`);
    expect(refused.status).toBe(400);
    const error = (JSON.parse(refused.text) as Refusal).errors[0]!;
    expect(error.extensions.code).toBe("BAD_REQUEST");
    expect(error.message).toMatch(/^ids: names 101 ids, over the limit of 100 \(limits\.maxExportIds\)/);

    const list = (n: number) => `(ids: [${Array.from({ length: n }, () => '"muskar"').join(" ")}], depth: 0)`;
    expect((await graphqlExport(exact, list(100))).json.errors).toBeUndefined();
    const answer = await graphqlExport(exact, list(101));
    expect(answer.json.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(answer.json.errors?.[0]?.message).toMatch(/^ids: names 101 ids, over the limit of 100/);
  });

  it("depth runs from 0 to 3 with ids, and is refused without them", async () => {
    for (const depth of [0, 3])
      expect((await download(exact, `/export/gexf?ids=muskar&depth=${depth}`)).status).toBe(200);
    for (const query of ["ids=muskar&depth=4", "ids=muskar&depth=-1", "depth=1"]) {
      const refused = await download(exact, `/export/gexf?${query}`);
      expect(refused.status, query).toBe(400);
      expect((JSON.parse(refused.text) as Refusal).errors[0]!.message, query).toMatch(/^depth: /);
    }
  });
});
