import { rm } from "node:fs/promises";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { LiveGraph } from "../../server/live/live-graph.ts";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { claimRecord } from "../../server/model/records.ts";
import { resolveSettings } from "../../server/settings.ts";
import { FOLLOWER_NAME } from "../../server/store/postgres/follower.ts";
import { migrate } from "../../server/store/postgres/migrate.ts";
import type { PostgresStore } from "../../server/store/postgres/postgres-store.ts";
import { StoreRefusal, type ChangeSet, type JournalEntry } from "../../server/store/types.ts";
import { makeGraphData } from "../helpers/fixture.ts";
import { accept, secondSource, welcomed } from "../store/records.ts";
import {
  eventually,
  freshDatabase,
  graphDigest,
  openStore,
  ThrowawayPostgres,
  withClient,
} from "./helpers.ts";

let server: ThrowawayPostgres;
let fixture: string;
const open: PostgresStore[] = [];

beforeAll(async () => {
  [server, fixture] = await Promise.all([ThrowawayPostgres.create({ name: "store" }), makeGraphData()]);
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});
afterAll(async () => {
  await server?.remove();
  await rm(fixture, { recursive: true, force: true });
});

const layout = resolveSettings({ layout: { iterations: 0 } }).layout;

/** A store on `url`, loaded, with the entries it delivers and a live graph following it. */
async function replica(url: string, overrides = {}) {
  const store = await openStore(url, overrides);
  open.push(store);
  const delivered: JournalEntry[] = [];
  store.subscribe((event) => {
    if (event.kind === "commit") delivered.push(event.entry);
  });
  const live = LiveGraph.fromSnapshot(await store.load(), layout);
  live.follow(store);
  return { store, delivered, live };
}

/** A graph rebuilt from what the database holds now. */
async function rebuilt(url: string) {
  const store = await openStore(url);
  try {
    return buildKnowledgeGraph((await store.load()).model);
  } finally {
    await store.close();
  }
}

/** An edit of one fixture claim's qualifiers, planned against a replica's graph as the write service does. */
function editQualifiers(live: LiveGraph, id: string, qualifiers: Record<string, unknown>): ChangeSet {
  const claim = live.current.knowledge.claimsById.get(id)!;
  const previous = claimRecord(claim);
  return {
    action: { kind: "editClaim", claim: id, fields: ["qualifiers"], note: null },
    changes: [{ op: "update", kind: "claim", previous, record: { ...previous, qualifiers } }],
  };
}

const count = (url: string, sql: string) =>
  withClient(url, async (client) => Number((await client.query(sql)).rows[0].n));

describe("the PostgreSQL store", () => {
  it("commits a change set in one transaction and delivers it before answering", async () => {
    const url = await freshDatabase(server, fixture);
    const a = await replica(url);
    const { entry, replayed } = await a.store.commit(secondSource(), {
      author: "Ana",
      idempotencyKey: "key-1",
    });
    expect(replayed).toBe(false);
    expect(entry.position).toBe(1);
    expect(a.delivered.map((e) => e.id)).toEqual([entry.id]);
    expect(a.live.position).toBe(1);
    expect(a.live.current.knowledge.claimsById.has("second-welcomed")).toBe(true);
    expect(await count(url, "SELECT count(*)::int AS n FROM claims WHERE file = 'claims/second.jsonl'")).toBe(
      2,
    );
    expect(await count(url, "SELECT count(*)::int AS n FROM journal")).toBe(1);
    const [readBack] = await a.store.changesSince(0);
    expect(readBack).toMatchObject({ id: entry.id, author: "Ana", key: "key-1", position: 1 });
    expect(readBack!.changes[0]).toMatchObject({
      kind: "source",
      textSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("reads the journal back in position order, past nine entries", async () => {
    const url = await freshDatabase(server, fixture);
    const a = await replica(url);
    for (let round = 1; round <= 12; round++)
      await a.store.commit(editQualifiers(a.live, "demo-issued", { role: `edit ${round}` }), {
        author: "Ana",
      });
    const b = await replica(url);
    const positions = Array.from({ length: 12 }, (_, index) => index + 1);
    expect(b.live.position).toBe(12);
    expect((await b.store.changesSince(0)).map((entry) => entry.position)).toEqual(positions);
    expect((await b.store.changesSince(8, 3)).map((entry) => entry.position)).toEqual([9, 10, 11]);
    expect(graphDigest(b.live.current.knowledge)).toEqual(graphDigest(a.live.current.knowledge));
  });

  it("takes a retried idempotency key once, whichever replica it reaches, and refuses it for another request", async () => {
    const url = await freshDatabase(server, fixture);
    const [a, b] = [await replica(url), await replica(url)];
    const first = await a.store.commit(secondSource(), { author: "Ana", idempotencyKey: "k", request: "r1" });
    const retried = await b.store.commit(secondSource(), {
      author: "Ana",
      idempotencyKey: "k",
      request: "r1",
    });
    expect(retried).toMatchObject({ replayed: true, entry: { id: first.entry.id, position: 1 } });
    // The replica answering the retry shows the write.
    expect(b.live.position).toBe(1);
    expect(await count(url, "SELECT count(*)::int AS n FROM journal")).toBe(1);
    expect((await b.store.replay("k", "r1"))?.id).toBe(first.entry.id);
    await expect(
      b.store.commit(secondSource("third"), { author: "Ana", idempotencyKey: "k", request: "r2" }),
    ).rejects.toMatchObject({
      reason: "idempotency",
    });
    await expect(b.store.replay("k", "r2")).rejects.toBeInstanceOf(StoreRefusal);
  });

  it("refuses a change set built on stale records, and writes none of it", async () => {
    const url = await freshDatabase(server, fixture);
    const [a, b] = [await replica(url), await replica(url)];
    await a.store.commit(secondSource(), { author: "Ana" });
    await b.store.commit(accept(welcomed()), { author: "Ben" });
    // Ana accepts the same claim from what she read before Ben did: refused, nothing written.
    const stale: ChangeSet = {
      action: { kind: "reviewClaim", claim: "second-welcomed", decision: "accept", note: null },
      changes: [
        {
          op: "add",
          kind: "entity",
          record: { id: "newcomer", label: "Newcomer", type: "state", description: "x" },
        },
        ...accept(welcomed()).changes,
      ],
    };
    await expect(a.store.commit(stale, { author: "Ana" })).rejects.toMatchObject({
      reason: "conflict",
      message: expect.stringMatching(/second-welcomed" was changed meanwhile/),
    });
    expect(await count(url, "SELECT count(*)::int AS n FROM entities WHERE id = 'newcomer'")).toBe(0);
    // Removing an entity a claim still names is refused by the database's own reference check.
    const turkey = { id: "turkey", label: "Türkiye", type: "state", description: "A state." };
    const removal: ChangeSet = {
      action: { kind: "reviewEntity", entity: "turkey", decision: "reject", note: null },
      changes: [{ op: "remove", kind: "entity", previous: turkey }],
    };
    await expect(a.store.commit(removal, { author: "Ana" })).rejects.toMatchObject({
      reason: "conflict",
      message: expect.stringMatching(/entity "turkey" is still named by a claim/),
    });
    expect(await count(url, "SELECT count(*)::int AS n FROM journal")).toBe(2);
  });

  it("shows a write on another replica within a second, with a graph equal to one rebuilt from the database", async () => {
    const url = await freshDatabase(server, fixture);
    const [a, b] = [await replica(url), await replica(url)];
    for (const round of [1, 2, 3]) {
      const started = performance.now();
      const { entry } = await a.store.commit(
        editQualifiers(a.live, "demo-issued", { role: `round ${round}` }),
        {
          author: "Ana",
        },
      );
      await eventually(() => expect(b.live.position).toBe(entry.position), 1_000);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    await b.store.commit(secondSource(), { author: "Ben" });
    await eventually(() => expect(a.live.position).toBe(4), 1_000);
    const fresh = graphDigest(await rebuilt(url));
    expect(graphDigest(a.live.current.knowledge)).toEqual(fresh);
    expect(graphDigest(b.live.current.knowledge)).toEqual(fresh);
  });

  it("never lets a follower pass over a transaction that commits late", async () => {
    const url = await freshDatabase(server, fixture);
    // The trap, in PostgreSQL itself: a sequence hands out 1 then 2, and 2 can commit first.
    await withClient(url, async (setup) => {
      await setup.query("CREATE TABLE naive (seq bigserial PRIMARY KEY)");
      await withClient(url, async (early) => {
        await early.query("BEGIN");
        await early.query("INSERT INTO naive DEFAULT VALUES");
        await setup.query("INSERT INTO naive DEFAULT VALUES");
        expect((await setup.query("SELECT seq::int FROM naive")).rows).toEqual([{ seq: 2 }]);
        await early.query("COMMIT");
      });
    });

    // The store: Ana's commit is held up inside its transaction (a row she must lock is locked),
    // Ben commits meanwhile, and a third replica follows both.
    const [a, b, c] = [await replica(url), await replica(url), await replica(url, { pollMs: 20 })];
    const anaEdit = editQualifiers(a.live, "demo-issued", { role: "Ana's" });
    const benEdit = editQualifiers(b.live, "demo-welcomed", { role: "Ben's" });
    const finished: string[] = [];
    await withClient(url, async (blocker) => {
      await blocker.query("BEGIN");
      await blocker.query("SELECT 1 FROM claims WHERE id = 'demo-issued' FOR UPDATE");
      const ana = a.store.commit(anaEdit, { author: "Ana" }).then((r) => (finished.push("Ana"), r));
      ana.catch(() => undefined);
      // Watched from outside the blocker's transaction: inside one, PostgreSQL keeps showing the
      // first pg_stat_activity it read until the transaction ends.
      const waiting = (what: "transactionid" | "advisory") =>
        eventually(async () => {
          const sql = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = '${what}'`;
          expect(await count(url, sql)).toBe(1);
        }, 20_000);
      await waiting("transactionid"); // Ana holds the journal lock, waiting for the row
      const ben = b.store.commit(benEdit, { author: "Ben" }).then((r) => (finished.push("Ben"), r));
      ben.catch(() => undefined);
      await waiting("advisory"); // Ben waits for the journal lock: he cannot take a position yet
      expect(c.live.position).toBe(0);
      expect(finished).toEqual([]);
      await blocker.query("ROLLBACK");
      const [anaResult, benResult] = await Promise.all([ana, ben]);
      expect([anaResult.entry.position, benResult.entry.position]).toEqual([1, 2]);
    });
    // Positions follow commit order (above); when each replica's promise settles is up to the
    // event loop, so only that both did is asserted here.
    expect([...finished].sort()).toEqual(["Ana", "Ben"]);
    await eventually(() => expect(c.delivered.map((entry) => entry.position)).toEqual([1, 2]), 30_000);
    const roles = ["demo-issued", "demo-welcomed"].map((id) => {
      const claim = c.live.current.knowledge.claimsById.get(id);
      return claim?.form === "relation" ? claim.qualifiers.role : undefined;
    });
    expect(roles).toEqual(["Ana's", "Ben's"]);
  });

  it("catches up by position after its connection drops, when the wake-up was lost", async () => {
    const url = await freshDatabase(server, fixture);
    const a = await replica(url);
    // No polling: only the catch-up after reconnecting can deliver what was missed.
    const b = await replica(url, { pollMs: 60_000, reconnectMs: 5_000, maxReconnectMs: 5_000 });
    const followers = () =>
      count(
        url,
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${FOLLOWER_NAME}'`,
      );
    await eventually(async () => expect(await followers()).toBe(2), 30_000);
    await withClient(url, (client) =>
      client.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid IN " +
          "(SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY backend_start DESC LIMIT 1)",
        [FOLLOWER_NAME],
      ),
    );
    await eventually(async () => expect(await followers()).toBe(1), 30_000);
    const { entry } = await a.store.commit(secondSource(), { author: "Ana" });
    // Committed while b had no connection to be told on: b reconnects and reads it by position.
    expect(await followers()).toBe(1);
    await eventually(() => expect(b.live.position).toBe(entry.position), 30_000);
    expect(b.live.current.knowledge.model.sources.get("second")?.text).toContain("Türkiye welcomed");
  });

  it("keeps the journal append-only, and refuses writes when read-only", async () => {
    const url = await freshDatabase(server, fixture);
    const a = await replica(url);
    await a.store.commit(secondSource(), { author: "Ana" });
    await withClient(url, async (client) => {
      await expect(client.query("UPDATE journal SET line = '{}'")).rejects.toThrow(
        /append-only: UPDATE refused/,
      );
      await expect(client.query("DELETE FROM journal")).rejects.toThrow(/append-only: DELETE refused/);
      await expect(client.query("TRUNCATE journal")).rejects.toThrow(/append-only: TRUNCATE refused/);
    });
    const reader = await openStore(url, {}, true);
    open.push(reader);
    await reader.load();
    await expect(reader.commit(secondSource("x"), { author: "Ana" })).rejects.toMatchObject({
      reason: "read-only",
    });
  });

  it("refuses a database without the schema, and migrates once", async () => {
    const url = await server.createDatabase(`bare_${process.pid}`);
    await expect(openStore(url)).rejects.toThrow(/no peacegraph schema yet: run `npm run db:migrate`/);
    await withClient(url, async (client) => {
      expect((await migrate(client)).map((m) => m.version)).toEqual([1]);
      expect(await migrate(client)).toEqual([]);
    });
    await expect(
      openStore("postgres://postgres@127.0.0.1:1/nothing", { connectTimeoutMs: 500 }),
    ).rejects.toThrow(/cannot reach the database at postgres:\/\/postgres@127\.0\.0\.1:1\/nothing/);
  });
});
