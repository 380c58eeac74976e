import { connect } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORACLE_DATA } from "../fixtures/oracle.ts";
import { startServerChild } from "../helpers/server-child.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";

/**
 * Where the server listens: on loopback unless HOST says otherwise (README, "Two commands"), so a
 * laptop does not publish the API to its network by accident. Checked by connecting: Linux routes
 * all of 127.0.0.0/8 to loopback, so a server bound to 127.0.0.1 refuses 127.0.0.2 and one bound to
 * 127.0.0.2 refuses 127.0.0.1.
 */

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

let loopback: TestServer;
let other: TestServer;
beforeAll(async () => {
  [loopback, other] = await Promise.all([
    startTestServer({}, ORACLE_DATA),
    startTestServer({ host: "127.0.0.2" }, ORACLE_DATA),
  ]);
});
afterAll(() => Promise.all([loopback.close(), other.close()]));

describe("the address the server listens on", () => {
  it("is 127.0.0.1 by default, and nothing else", async () => {
    const { address, port } = loopback.server.address() as AddressInfo;
    expect(address).toBe("127.0.0.1");
    expect(loopback.url).toBe(`http://127.0.0.1:${port}`);
    expect(await accepts("127.0.0.1", port)).toBe(true);
    expect(await accepts("127.0.0.2", port)).toBe(false);
  });

  it("is the host setting when one is given", async () => {
    const { address, port } = other.server.address() as AddressInfo;
    expect(address).toBe("127.0.0.2");
    expect(await accepts("127.0.0.2", port)).toBe(true);
    expect(await accepts("127.0.0.1", port)).toBe(false);
    expect((await fetch(`${other.url}/health`)).status).toBe(200);
  });

  it("npm start: loopback when HOST is not set", async () => {
    const saved = process.env.HOST;
    delete process.env.HOST;
    try {
      const plain = await startServerChild({ PEACEGRAPH_DATA: ORACLE_DATA });
      try {
        expect(plain.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        const port = Number(new URL(plain.url).port);
        expect(await accepts("127.0.0.2", port)).toBe(false);
        expect((await fetch(`${plain.url}/health`)).status).toBe(200);
      } finally {
        await plain.stop();
      }
    } finally {
      if (saved !== undefined) process.env.HOST = saved;
    }
  }, 120_000);
});
