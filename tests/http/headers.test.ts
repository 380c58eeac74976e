import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/fixture.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * What every response carries (security headers), which methods each path takes, the cross-origin
 * policy, and compression. Raw node:http requests: fetch would decompress and hide the encoding.
 */

let api: TestServer;
beforeAll(async () => {
  expect(existsSync(path.join(PROJECT_ROOT, "client/dist/index.html")), "run npm run build first").toBe(true);
  api = await startTestServer();
});
afterAll(() => api.close());

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function raw(
  method: string,
  pathAndQuery: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Raw> {
  const url = new URL(pathAndQuery, api.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on("error", reject);
    request.end(body);
  });
}

const graphqlPost = (query: string, headers: Record<string, string> = {}) =>
  raw("POST", "/graphql", { "content-type": "application/json", ...headers }, JSON.stringify({ query }));

const viewerAsset = () => {
  const asset = readdirSync(path.join(PROJECT_ROOT, "client/dist/assets")).find((name) =>
    /^viewer-.*\.js$/.test(name),
  );
  return `/assets/${asset}`;
};

describe("security headers", () => {
  const API_RESPONSES: [string, () => Promise<Raw>][] = [
    ["a GraphQL answer", () => graphqlPost("{ stats { nodes } }")],
    ["a GraphQL error", () => graphqlPost("{ nope }")],
    ["an export", () => raw("GET", "/export/gexf?ids=armenia")],
    ["an export refusal", () => raw("GET", "/export/gexf?ids=atlantis")],
    ["the export listing", () => raw("GET", "/export")],
    ["/health", () => raw("GET", "/health")],
    ["a 404", () => raw("GET", "/nothing-here")],
    ["a 405", () => raw("PUT", "/health")],
    ["a static asset", () => raw("GET", viewerAsset())],
  ];

  it.each(API_RESPONSES)(
    "%s: nosniff, no referrer, no framing, and a CSP that allows nothing",
    async (_name, send) => {
      const { headers } = await send();
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("no-referrer");
      expect(headers["x-frame-options"]).toBe("DENY");
      expect(headers["content-security-policy"]).toMatch(/^default-src 'none';.*frame-ancestors 'none'/);
    },
  );

  it.each([
    ["the viewer", "/"],
    ["GraphiQL", "/graphql"],
  ])("%s: a page CSP of this server's scripts only, and frame-ancestors 'none'", async (_name, pagePath) => {
    const { status, headers } = await raw("GET", pagePath, { accept: "text/html" });
    expect(status).toBe(200);
    const csp = String(headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("no-referrer");
  });
});

describe("methods", () => {
  it.each(["PUT", "DELETE", "TRACE", "POST", "PATCH"])(
    "/health refuses %s with 405 and says what it takes",
    async (method) => {
      const { status, headers, body } = await raw(method, "/health");
      expect(status).toBe(405);
      expect(headers.allow).toBe("GET, HEAD, OPTIONS");
      expect(JSON.parse(body.toString()).errors[0].extensions.code).toBe("METHOD_NOT_ALLOWED");
    },
  );

  it("/health answers HEAD with headers only", async () => {
    const { status, body, headers } = await raw("HEAD", "/health");
    expect(status).toBe(200);
    expect(headers["content-type"]).toMatch(/^application\/json/);
    expect(body.length).toBe(0);
  });

  it.each([
    ["/graphql", ["DELETE", "PUT", "HEAD"], "GET, POST, OPTIONS"],
    ["/export/gexf", ["POST", "DELETE"], "GET, HEAD, OPTIONS"],
    ["/", ["POST", "DELETE"], "GET, HEAD, OPTIONS"],
  ])("%s refuses %j with 405", async (pathName, methods, allow) => {
    for (const method of methods) {
      const { status, headers } = await raw(method, pathName);
      expect(status, method).toBe(405);
      expect(headers.allow).toBe(allow);
    }
  });

  it("a plain OPTIONS says which methods a path takes", async () => {
    const { status, headers, body } = await raw("OPTIONS", "/health");
    expect(status).toBe(204);
    expect(headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(headers["access-control-allow-methods"]).toBeUndefined();
    expect(body.length).toBe(0);
  });
});

describe("CORS: any origin may read, nobody may send credentials", () => {
  it("answers a preflight for a JSON POST to /graphql from another origin", async () => {
    const { status, headers } = await raw("OPTIONS", "/graphql", {
      origin: "https://example.org",
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type",
    });
    expect(status).toBe(204);
    expect(headers["access-control-allow-origin"]).toBe("*");
    expect(headers["access-control-allow-methods"]).toBe("GET, POST, OPTIONS");
    expect(String(headers["access-control-allow-headers"]).split(", ")).toContain("content-type");
    expect(Number(headers["access-control-max-age"])).toBeGreaterThan(0);
    expect(headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it.each([
    ["/graphql", () => graphqlPost("{ stats { nodes } }", { origin: "https://example.org" })],
    ["/export", () => raw("GET", "/export/cypher?ids=armenia", { origin: "https://example.org" })],
    ["/health", () => raw("GET", "/health", { origin: "https://example.org" })],
  ])("%s allows any origin and exposes the download headers, without credentials", async (_path, send) => {
    const { headers } = await send();
    expect(headers["access-control-allow-origin"]).toBe("*");
    expect(String(headers["access-control-expose-headers"])).toContain("content-disposition");
    expect(headers["access-control-allow-credentials"]).toBeUndefined();
  });

  it("the viewer's own files are not offered cross-origin", async () => {
    const { headers } = await raw("GET", "/", { origin: "https://example.org" });
    expect(headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("compression, negotiated by Accept-Encoding", () => {
  const BIG_QUERY = "{ relations(first: 100) { nodes { id type claims { quote } } } }";

  it("GraphQL answers come as Brotli or gzip as asked, identical once decoded", async () => {
    const plain = await graphqlPost(BIG_QUERY, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toMatch(/Accept-Encoding/);
    const br = await graphqlPost(BIG_QUERY, { "accept-encoding": "gzip, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(br.body).toString()).toBe(plain.body.toString());
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    const gzip = await graphqlPost(BIG_QUERY, { "accept-encoding": "gzip;q=1, br;q=0.5" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
    const refused = await graphqlPost(BIG_QUERY, { "accept-encoding": "br;q=0, gzip;q=0" });
    expect(refused.headers["content-encoding"]).toBeUndefined();
  });

  it("small answers are not worth compressing", async () => {
    const small = await graphqlPost("{ stats { nodes } }", { "accept-encoding": "br" });
    expect(small.headers["content-encoding"]).toBeUndefined();
  });

  it("exports are compressed as they stream", async () => {
    const plain = await raw("GET", "/export/graphml", { "accept-encoding": "identity" });
    const gzip = await raw("GET", "/export/graphml", { "accept-encoding": "gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gzip.headers["transfer-encoding"]).toBe("chunked");
    expect(gunzipSync(gzip.body).toString()).toBe(plain.body.toString());
    const br = await raw("GET", "/export/neo4j-csv", { "accept-encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    const zip = brotliDecompressSync(br.body);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50); // a ZIP once decoded
  });

  it("the client's files come compressed and are cached", async () => {
    const asset = viewerAsset();
    const plain = await raw("GET", asset, { "accept-encoding": "identity" });
    const br = await raw("GET", asset, { "accept-encoding": "br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toBe("Accept-Encoding");
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    const again = await raw("GET", asset, { "accept-encoding": "br" });
    expect(again.body.equals(br.body)).toBe(true);
  });
});
