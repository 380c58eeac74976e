import { rm } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { startServer } from "../../server/http/app.ts";
import { LiveGraph } from "../../server/live/live-graph.ts";
import { resolveSettings } from "../../server/settings.ts";
import { WriteService } from "../../server/write/write-service.ts";
import { makeGraphData } from "../helpers/fixture.ts";
import {
  eventually,
  freshDatabase,
  graphDigest,
  openStore,
  ThrowawayPostgres,
  withClient,
} from "./helpers.ts";

/**
 * Two API replicas over one PostgreSQL database, each a real HTTP server with its own graph in
 * memory, wired as `npm start` wires them; writes and reads go over HTTP as a client's would.
 */

const TOKEN = "replica-test-token-0123456789";
let server: ThrowawayPostgres;
let fixture: string;
const running: { stop(): Promise<void> }[] = [];

beforeAll(async () => {
  [server, fixture] = await Promise.all([ThrowawayPostgres.create({ name: "replicas" }), makeGraphData()]);
});
afterEach(async () => {
  for (const replica of running.splice(0)) await replica.stop();
});
afterAll(async () => {
  await server?.remove();
  await rm(fixture, { recursive: true, force: true });
});

interface GraphQLAnswer {
  data?: Record<string, unknown>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function startReplica(databaseUrl: string) {
  const settings = resolveSettings({
    port: 0,
    writeToken: TOKEN,
    watch: false,
    layout: { iterations: 0 },
    database: { url: databaseUrl },
  });
  const store = await openStore(databaseUrl);
  const live = LiveGraph.fromSnapshot(await store.load(), settings.layout);
  live.follow(store);
  const writes = new WriteService(store, live, settings.limits);
  const http = await startServer(settings, live, { writes, storeStatus: () => store.status() });
  const replica = {
    live,
    async post(query: string, variables: Record<string, unknown> = {}): Promise<GraphQLAnswer> {
      const response = await fetch(`${http.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${TOKEN}`,
          "x-peacegraph-author": "Ana",
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLAnswer;
    },
    async role(claim: string): Promise<string | null> {
      const { data } = await replica.post(
        `query ($id: ID!) { node(id: $id) { ... on Claim { qualifiers { role } } } }`,
        {
          id: claim,
        },
      );
      return (data?.node as { qualifiers: { role: string | null } | null }).qualifiers?.role ?? null;
    },
    async stop() {
      await http.close();
      await store.close();
    },
  };
  running.push(replica);
  return replica;
}

const EDIT = `mutation ($id: ID!, $role: String!, $key: String) {
  editClaim(id: $id, edit: { qualifiers: { role: $role } }, idempotencyKey: $key) { id qualifiers { role } }
}`;

async function rebuiltDigest(url: string) {
  const store = await openStore(url);
  try {
    return graphDigest(buildKnowledgeGraph((await store.load()).model));
  } finally {
    await store.close();
  }
}

describe("two API replicas on PostgreSQL", () => {
  it("the writer reads its own write at once; the other replica shows it within a second", async () => {
    const url = await freshDatabase(server, fixture);
    const replicas = [await startReplica(url), await startReplica(url)];
    const lags: number[] = [];
    for (let round = 0; round < 6; round++) {
      const [writer, reader] = round % 2 === 0 ? replicas : [...replicas].reverse();
      const role = `round ${round}`;
      const answer = await writer!.post(EDIT, { id: "demo-issued", role });
      expect(answer.errors).toBeUndefined();
      const acknowledged = performance.now();
      expect(await writer!.role("demo-issued")).toBe(role);
      await eventually(async () => expect(await reader!.role("demo-issued")).toBe(role), 1_000);
      lags.push(performance.now() - acknowledged);
    }
    expect(Math.max(...lags)).toBeLessThan(1_000);
    const fresh = await rebuiltDigest(url);
    for (const replica of replicas) expect(graphDigest(replica.live.current.knowledge)).toEqual(fresh);
  });

  it("a retry with the same idempotency key through the other replica takes effect once", async () => {
    const url = await freshDatabase(server, fixture);
    const [a, b] = [await startReplica(url), await startReplica(url)];
    const first = await a.post(EDIT, { id: "demo-issued", role: "once", key: "retry-1" });
    const retried = await b.post(EDIT, { id: "demo-issued", role: "once", key: "retry-1" });
    expect(retried).toEqual(first);
    expect(await b.role("demo-issued")).toBe("once");
    await withClient(url, async (client) => {
      const { rows } = await client.query("SELECT count(*)::int AS n FROM journal WHERE key = 'retry-1'");
      expect(rows[0].n).toBe(1);
    });
    const reused = await b.post(EDIT, { id: "demo-issued", role: "other", key: "retry-1" });
    expect(reused.errors?.[0]?.message).toMatch(/idempotency key was already used for a different request/);
  });

  it("two replicas editing one claim at once: the first commit wins, the second is a conflict, both converge", async () => {
    const url = await freshDatabase(server, fixture);
    const [a, b] = [await startReplica(url), await startReplica(url)];
    // Waits are watched from a connection outside any transaction: inside one, PostgreSQL keeps the
    // first view of pg_stat_activity it read until the transaction ends.
    const waiting = (event: string) =>
      withClient(url, async (watcher) => {
        const { rows } = await watcher.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = $1",
          [event],
        );
        return rows[0]!.n;
      });
    await withClient(url, async (blocker) => {
      // Hold the claim's row so both writes are planned on the same state and queue at the database.
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM claims WHERE id = 'demo-issued' FOR UPDATE");
      // A failed wait below must not leave these answers unhandled.
      const fromA = a.post(EDIT, { id: "demo-issued", role: "A" });
      fromA.catch(() => undefined);
      await eventually(async () => expect(await waiting("transactionid")).toBe(1), 20_000);
      const fromB = b.post(EDIT, { id: "demo-issued", role: "B" });
      fromB.catch(() => undefined);
      await eventually(async () => expect(await waiting("advisory")).toBe(1), 20_000);
      await blocker.query("ROLLBACK");
      const [answerA, answerB] = await Promise.all([fromA, fromB]);
      expect(answerA.errors).toBeUndefined();
      expect(answerB.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/claim "demo-issued" was changed meanwhile; read it again and retry/),
        extensions: { code: "CONFLICT" },
      });
    });
    await eventually(async () => expect(await b.role("demo-issued")).toBe("A"), 10_000);
    const fresh = await rebuiltDigest(url);
    expect(graphDigest(a.live.current.knowledge)).toEqual(fresh);
    expect(graphDigest(b.live.current.knowledge)).toEqual(fresh);
  });
});
