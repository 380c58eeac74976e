import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/fixture.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Paths that try to leave the client folder, sent byte for byte over a raw socket: fetch (and every
 * browser) would normalise "/assets/../../package.json" to "/package.json" before sending it, so a
 * test through fetch never shows what the server does with the path as an attacker writes it.
 */

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.close());

interface RawResponse {
  status: number;
  body: string;
}

/** One HTTP/1.1 GET with the request target exactly as given. */
function rawGet(target: string): Promise<RawResponse> {
  const { hostname, port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      resolve({ status, body: text.slice(text.indexOf("\r\n\r\n") + 4) });
    });
  });
}

const PACKAGE_JSON = readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8");
const SECRET_LINE = '"name": "peacegraph"';

describe("paths outside the client folder", () => {
  it("the raw socket reaches the server: a real asset comes back whole", async () => {
    const index = readFileSync(path.join(PROJECT_ROOT, "client", "dist", "index.html"), "utf8");
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(asset, "run npm run build first").toBeDefined();
    const response = await rawGet(asset!);
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(1000);
    // And the file the attacks aim at is really there, two folders up from client/dist.
    expect(existsSync(path.join(PROJECT_ROOT, "client", "dist", "..", "..", "package.json"))).toBe(true);
    expect(PACKAGE_JSON).toContain(SECRET_LINE);
  });

  it.each([
    "/assets/../../../package.json",
    "/../../package.json",
    "/..%2f..%2fpackage.json",
    "/assets/..%2f..%2f..%2fpackage.json",
    "/%2e%2e/%2e%2e/package.json",
    "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json",
    "/..%5c..%5cpackage.json",
    "/assets/..%00/../../package.json",
    "//work/../package.json",
    `/${encodeURIComponent(path.join(PROJECT_ROOT, "package.json"))}`,
  ])("%s is not served", async (target) => {
    const response = await rawGet(target);
    expect([400, 404], `${target}: ${response.status}`).toContain(response.status);
    expect(response.body).not.toContain(SECRET_LINE);
  });

  it("a malformed escape is a 404 too, and the server keeps answering", async () => {
    expect((await rawGet("/%E0%A4%A")).status).toBe(404);
    expect((await rawGet("/health")).status).toBe(200);
  });
});
