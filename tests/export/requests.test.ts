import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_COST } from "../../server/api/cost.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { download } from "./helpers.ts";

/** The ways in over HTTP and GraphQL: headers, parts, and every refusal a clear 4xx. */

let api: TestServer;
let fewRelations: TestServer;
let fewNodes: TestServer;
beforeAll(async () => {
  api = await startTestServer();
  fewRelations = await startTestServer({ limits: { maxExportRelations: 10 } });
  fewNodes = await startTestServer({ limits: { maxExportNodes: 20 } });
});
afterAll(async () => {
  await Promise.all([api.close(), fewRelations.close(), fewNodes.close()]);
});

interface ErrorBody {
  errors: { message: string; extensions: { code: string; argument?: string } }[];
}

/** A refusal: the status, a JSON error naming the problem, and a server that still answers. */
async function expectRefused(
  server: TestServer,
  path: string,
  status: number,
  message: RegExp,
  code = "BAD_REQUEST",
) {
  const response = await download(server, path);
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  const body = JSON.parse(response.text) as ErrorBody;
  expect(body.errors[0]!.message).toMatch(message);
  expect(body.errors[0]!.extensions.code).toBe(code);
  expect(response.text).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
  const health = await fetch(`${server.url}/health`);
  expect(health.status).toBe(200);
  return body.errors[0]!;
}

describe("GET /export/<format>", () => {
  it("GET /export lists the formats, the selection parameters and the limits", async () => {
    const response = await download(api, "/export");
    expect(response.status).toBe(200);
    const body = JSON.parse(response.text) as {
      formats: { id: string; parts?: string[] }[];
      limits: unknown;
      parameters: unknown;
    };
    expect(body.formats.map((format) => format.id)).toEqual([
      "gexf",
      "gexf-1.3",
      "graphml",
      "gephi-csv",
      "graphology-json",
      "networkx-json",
      "cytoscape-json",
      "neo4j-csv",
      "cypher",
    ]);
    expect(body.formats.find((format) => format.id === "neo4j-csv")!.parts).toEqual([
      "nodes",
      "relationships",
    ]);
    expect(body.limits).toEqual({
      maxNodes: 20_000,
      maxRelations: 50_000,
      maxIds: 100,
      concurrentExports: 2,
      queuedExports: 8,
      retryAfterSeconds: 5,
    });
    expect(Object.keys(body.parameters as object)).toContain("part");
  });

  it.each([
    ["gexf", "application/gexf+xml; charset=utf-8", "peacegraph-armenia.gexf"],
    ["graphml", "application/graphml+xml; charset=utf-8", "peacegraph-armenia.graphml"],
    ["gephi-csv", "application/zip", "peacegraph-armenia.gephi-csv.zip"],
    ["graphology-json", "application/json; charset=utf-8", "peacegraph-armenia.graphology.json"],
    ["networkx-json", "application/json; charset=utf-8", "peacegraph-armenia.networkx.json"],
    ["cytoscape-json", "application/json; charset=utf-8", "peacegraph-armenia.cyjs"],
    ["neo4j-csv", "application/zip", "peacegraph-armenia.neo4j-csv.zip"],
    ["cypher", "text/plain; charset=utf-8", "peacegraph-armenia.cypher"],
  ])("%s comes as %s, an attachment named %s", async (format, contentType, filename) => {
    const response = await download(api, `/export/${format}?ids=armenia`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(contentType);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="${filename}"`);
    // Streamed as it is written: no length up front.
    expect(response.headers.get("content-length")).toBeNull();
    expect(response.body.length).toBeGreaterThan(1_000);
  });

  it("names the whole graph's file peacegraph, and answers HEAD with headers only", async () => {
    const response = await fetch(`${api.url}/export/graphml`, { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="peacegraph.graphml"');
    expect(response.headers.get("content-type")).toBe("application/graphml+xml; charset=utf-8");
    expect(await response.text()).toBe("");
  });

  it("refuses an unknown format with 404, listing the known ones", async () => {
    await expectRefused(
      api,
      "/export/pajek",
      404,
      /unknown export format "pajek"; known: gexf, gexf-1\.3, graphml, .*cypher/,
      "UNKNOWN_FORMAT",
    );
  });

  it.each([
    ["/export/gexf?ids=armenia,atlantis", /^ids: unknown node "atlantis"$/, "ids"],
    ["/export/gexf?ids=armenia&depth=two", /^depth: must be a whole number from 0 to 3, got "two"$/, "depth"],
    ["/export/gexf?ids=armenia&depth=4", /^depth: must be a whole number from 0 to 3, got 4$/, "depth"],
    ["/export/gexf?depth=1", /^depth: needs ids/, "depth"],
    ["/export/gexf?from=2023-13", /^from: "2023-13" has month 13, which does not exist$/, "from"],
    ["/export/gexf?from=2024&to=2023", /^to: is before dateFrom$/, "to"],
    ["/export/gexf?types=WELCOMES", /^types: unknown relation type "WELCOMES"$/, "types"],
    ["/export/gexf?kinds=person", /^kinds: unknown node kind "person"; known: actor, event, place$/, "kinds"],
    ["/export/gexf?sources=nowhere", /^sources: unknown source "nowhere"$/, "sources"],
    ["/export/gexf?id=armenia", /^unknown parameter "id"; known: ids, depth, /, "id"],
    ["/export/gexf?from=2023&from=2024", /^from: give it once$/, "from"],
    ["/export/gexf?part=nodes", /^part: unknown part "nodes"; gexf is a single file$/, "part"],
    [
      "/export/neo4j-csv?part=edges",
      /^part: unknown part "edges"; neo4j-csv has parts nodes, relationships$/,
      "part",
    ],
  ])("refuses %s with 400, naming the parameter", async (path, message, argument) => {
    const error = await expectRefused(api, path, 400, message);
    expect(error.extensions.argument).toBe(argument);
  });

  it("refuses other methods with 405", async () => {
    const response = await fetch(`${api.url}/export/gexf`, { method: "POST", body: "x" });
    expect(response.status).toBe(405);
  });

  it("refuses an export over the relation limit, naming the setting", async () => {
    const error = await expectRefused(
      fewRelations,
      "/export/gexf",
      400,
      /^selection: has 157 relations, over the export limit of 10 relations \(limits\.maxExportRelations\); narrow it/,
      "EXPORT_TOO_LARGE",
    );
    expect(error.extensions.argument).toBe("selection");
  });

  it("refuses a neighbourhood over the node limit without walking past it", async () => {
    await expectRefused(
      fewNodes,
      "/export/graphml?ids=armenia&depth=2",
      400,
      /^selection: has more than 20 nodes, over the export limit of 20 nodes \(limits\.maxExportNodes\)/,
      "EXPORT_TOO_LARGE",
    );
  });

  it("serves selections within the limits on the same servers", async () => {
    expect((await download(fewNodes, "/export/gexf?ids=armenia&depth=0")).status).toBe(200);
    expect((await download(fewRelations, "/export/gexf?ids=armenia&depth=0")).status).toBe(200);
  });
});

describe("GraphQL subgraph and export", () => {
  const EXPORT = `query ($format: ExportFormat!) {
    subgraph(ids: ["armenia"], depth: 1) {
      export(format: $format) { format filename mediaType content nodeCount relationCount parts { name filename mediaType content } }
    }
  }`;

  interface ExportAnswer {
    subgraph: {
      export: {
        format: string;
        filename: string;
        mediaType: string;
        content: string | null;
        nodeCount: number;
        relationCount: number;
        parts: { name: string; filename: string; mediaType: string; content: string }[];
      };
    };
  }

  it("gives a single-file format's text, identical to the HTTP download of the same selection", async () => {
    const { subgraph } = await api.query<ExportAnswer>(EXPORT, { format: "GEXF" });
    const http = await download(api, "/export/gexf?ids=armenia&depth=1");
    expect(subgraph.export).toMatchObject({
      format: "GEXF",
      filename: "peacegraph-armenia.gexf",
      mediaType: "application/gexf+xml; charset=utf-8",
    });
    expect(subgraph.export.content).toBe(http.text);
    expect(subgraph.export.parts).toEqual([
      {
        name: "graph",
        filename: "peacegraph-armenia.gexf",
        mediaType: subgraph.export.mediaType,
        content: http.text,
      },
    ]);
    const counts = await api.query<{ neighborhood: { nodes: unknown[]; relations: unknown[] } }>(
      `{ neighborhood(ids: ["armenia"], depth: 1, maxNodes: 500) { nodes { id } relations { id } } }`,
    );
    expect(subgraph.export.nodeCount).toBe(counts.neighborhood.nodes.length);
    expect(subgraph.export.relationCount).toBe(counts.neighborhood.relations.length);
  });

  it("gives a multi-file format's parts, and no single content", async () => {
    const { subgraph } = await api.query<ExportAnswer>(EXPORT, { format: "NEO4J_CSV" });
    expect(subgraph.export.content).toBeNull();
    expect(subgraph.export.filename).toBe("peacegraph-armenia.neo4j-csv.zip");
    expect(subgraph.export.mediaType).toBe("application/zip");
    expect(subgraph.export.parts.map((part) => part.filename)).toEqual([
      "peacegraph-armenia.nodes.csv",
      "peacegraph-armenia.relationships.csv",
    ]);
    const nodes = await download(api, "/export/neo4j-csv?ids=armenia&depth=1&part=nodes");
    expect(subgraph.export.parts[0]!.content).toBe(nodes.text);
  });

  it("exports a neighbourhood too, and the whole graph when subgraph has no arguments", async () => {
    const data = await api.query<{
      neighborhood: ExportAnswer["subgraph"];
      subgraph: ExportAnswer["subgraph"];
    }>(`{
      neighborhood(ids: ["armenia"], depth: 0) { export(format: CYPHER) { relationCount } }
      subgraph { export(format: GRAPHML) { nodeCount relationCount } }
    }`);
    expect(data.neighborhood.export.relationCount).toBe(0);
    expect(data.subgraph.export).toEqual({ nodeCount: 81, relationCount: 157 });
  });

  it("refuses unknown ids and over-size selections as BAD_USER_INPUT, naming the limit", async () => {
    const unknown = await api.post({ query: `{ subgraph(ids: ["atlantis"]) { truncated } }` });
    expect(unknown.json.errors![0]!.message).toBe('ids: unknown node "atlantis"');
    expect(unknown.json.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    const big = await fewRelations.post({ query: `{ subgraph { export(format: GEXF) { nodeCount } } }` });
    expect(big.json.errors![0]!.message).toMatch(
      /over the export limit of 10 relations \(limits\.maxExportRelations\)/,
    );
    expect(big.json.errors![0]!.extensions!.code).toBe("BAD_USER_INPUT");
    const format = await api.post({ query: `{ subgraph { export(format: PAJEK) { nodeCount } } }` });
    expect(format.status).toBe(400);
    expect(format.json.errors![0]!.message).toMatch(/PAJEK/);
  });

  it("costs an export at a flat price: a few fit the budget, many do not", async () => {
    const one = await api.post({ query: `{ subgraph { export(format: GEXF) { content } } }` });
    expect(one.status).toBe(200);
    expect((one.json.extensions!.cost as { requested: number }).requested).toBe(1 + EXPORT_COST);
    const four = Array.from({ length: 4 }, (_, i) => `e${i}: export(format: GEXF) { content }`).join(" ");
    const many = await api.post({ query: `{ subgraph { ${four} } }` });
    expect(many.status).toBe(400);
    expect(many.json.errors![0]!.extensions!.code).toBe("COST_LIMIT_EXCEEDED");
  });
});
