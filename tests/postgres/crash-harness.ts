import { expect } from "vitest";
import { startServer } from "../../server/http/app.ts";
import { LiveGraph } from "../../server/live/live-graph.ts";
import { resolveSettings } from "../../server/settings.ts";
import type { JsonRecord } from "../../server/store/types.ts";
import { ApiReplica } from "../../scripts/postgres/api-replica.ts";
import { eventually, openStore, withClient } from "./helpers.ts";
import { graphqlDigest, type Post } from "./graphql-digest.ts";

/**
 * The crash tests' moving parts: API replicas as real processes, writers that record what each
 * write's answer said, and the checks run after every crash.
 */

export const TOKEN = "crash-test-token-0123456789";

export function startReplica(databaseUrl: string, name: string): Promise<ApiReplica> {
  return ApiReplica.start({
    name,
    env: {
      PEACEGRAPH_DATABASE_URL: databaseUrl,
      PEACEGRAPH_WRITE_TOKEN: TOKEN,
      PEACEGRAPH_SETTINGS: JSON.stringify({
        database: { pollMs: 200 },
        limits: { mutationsPerMinute: 100_000 },
      }),
    },
  });
}

export interface Operation {
  key: string;
  query: string;
  variables: Record<string, unknown>;
}

/** committed: answered with data; refused: answered with a refusal (nothing written); unknown: no answer. */
export type Outcome = "committed" | "refused" | "unknown";

export function poster(url: string): Post {
  return async (query, variables = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${TOKEN}`,
        "x-peacegraph-author": "crash",
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(20_000),
    });
    return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  };
}

const REFUSALS = new Set(["CONFLICT", "BAD_USER_INPUT"]);

/** Sends one write and classifies its answer. */
export async function send(url: string, operation: Operation): Promise<Outcome> {
  try {
    const answer = await poster(url)(operation.query, { ...operation.variables, key: operation.key });
    if (!answer.errors) return "committed";
    const code = (answer.errors[0] as { extensions?: { code?: string } }).extensions?.code ?? "";
    return REFUSALS.has(code) ? "refused" : "unknown";
  } catch {
    return "unknown"; // the connection broke: the write may or may not have committed
  }
}

export const EDIT = `mutation ($id: ID!, $role: String!, $key: String) {
  editClaim(id: $id, edit: { qualifiers: { role: $role } }, idempotencyKey: $key) { id }
}`;
export const MERGE = `mutation ($id: ID!, $into: ID!, $key: String) {
  mergeEntity(id: $id, into: $into, idempotencyKey: $key) { id }
}`;

/**
 * Writes one after another through one replica until the list ends, `stop()` says so, or the replica
 * stops answering. Writes never sent have no outcome.
 */
export async function writeLoop(
  url: string,
  operations: Operation[],
  outcomes: Map<string, Outcome>,
  onSent: (index: number) => void = () => undefined,
  stop: () => boolean = () => false,
): Promise<void> {
  for (const [index, operation] of operations.entries()) {
    if (stop()) return;
    const answer = send(url, operation);
    onSent(index);
    const outcome = await answer;
    outcomes.set(operation.key, outcome);
    if (outcome === "unknown") return;
  }
}

/** Retries every write without a definite answer, with the same key, until it has one. */
export async function settle(
  operations: Operation[],
  outcomes: Map<string, Outcome>,
  urls: () => string[],
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (const operation of operations) {
    let attempt = 0;
    while (outcomes.get(operation.key) !== "committed" && outcomes.get(operation.key) !== "refused") {
      if (Date.now() > deadline) throw new Error(`write ${operation.key} never got an answer`);
      const targets = urls();
      const outcome = await send(targets[attempt++ % targets.length]!, operation);
      outcomes.set(operation.key, outcome);
      if (outcome === "unknown") await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

type Records = Map<string, string>;

/** Every record the database holds, by kind and id, as canonical JSON. */
export async function databaseRecords(url: string): Promise<{ records: Records; position: number }> {
  return withClient(url, async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const records: Records = new Map();
    for (const table of ["entities", "claims"]) {
      const { rows } = await client.query<{ id: string; record: JsonRecord }>(
        `SELECT id, record FROM ${table}`,
      );
      for (const row of rows) records.set(`${table}/${row.id}`, JSON.stringify(row.record));
    }
    const { rows } = await client.query<{ n: number }>(
      "SELECT coalesce(max(position), 0)::int AS n FROM journal",
    );
    await client.query("COMMIT");
    return { records, position: rows[0]!.n };
  });
}

/**
 * Nothing half written: the records now are exactly those at `start` with every journal entry since
 * applied in order, each whole. A change set the journal lacks left no trace, and one it holds
 * left all of its changes.
 */
export async function expectJournalExplainsRecords(
  url: string,
  start: { records: Records; position: number },
) {
  const now = await databaseRecords(url);
  const expected = new Map(start.records);
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ line: string }>(
      "SELECT line FROM journal WHERE position > $1 ORDER BY position",
      [start.position],
    );
    for (const { line } of rows) {
      const entry = JSON.parse(line) as {
        changes: { op: string; kind: string; record?: JsonRecord; previous?: JsonRecord }[];
      };
      for (const change of entry.changes) {
        const table = change.kind === "claim" ? "claims" : change.kind === "entity" ? "entities" : undefined;
        if (!table) continue;
        const id = (change.record ?? change.previous)!.id;
        if (change.op === "remove") expected.delete(`${table}/${id}`);
        else expected.set(`${table}/${id}`, JSON.stringify(change.record));
      }
    }
  });
  expect(now.records.size).toBe(expected.size);
  for (const [id, record] of expected) expect(now.records.get(id), id).toBe(record);
  return now;
}

/** Every key with a definite "committed" answer is in the journal exactly once; refused ones not at all. */
export async function expectKeysTookEffectOnce(url: string, outcomes: Map<string, Outcome>) {
  const counts = await withClient(url, async (client) => {
    const { rows } = await client.query<{ key: string; n: number }>(
      "SELECT key, count(*)::int AS n FROM journal WHERE key = ANY($1) GROUP BY key",
      [[...outcomes.keys()]],
    );
    return new Map(rows.map((row) => [row.key, row.n]));
  });
  for (const [key, outcome] of outcomes) {
    expect(outcome, key).not.toBe("unknown");
    expect(counts.get(key) ?? 0, key).toBe(outcome === "committed" ? 1 : 0);
  }
}

/**
 * A server in this process whose graph is rebuilt from the database on demand, through the same
 * build a start-up runs: what every replica must answer like.
 */
export async function referenceServer(url: string) {
  const settings = resolveSettings({ port: 0, watch: false, layout: { iterations: 0 } });
  const store = await openStore(url);
  const live = LiveGraph.fromSnapshot(await store.load(), settings.layout);
  const http = await startServer(settings, live);
  return {
    async digest() {
      live.replace(await store.load(), []);
      return graphqlDigest(poster(http.url));
    },
    async close() {
      await http.close();
      await store.close();
    },
  };
}

/** Each replica has followed the journal to `position` and answers exactly as a fresh build does. */
export async function expectReplicasMatchDatabase(
  reference: Awaited<ReturnType<typeof referenceServer>>,
  replicas: ApiReplica[],
  position: number,
) {
  await Promise.all(
    replicas.map((replica) =>
      eventually(async () => {
        const health = (await (await fetch(`${replica.url}/health`)).json()) as { position: number };
        expect(health.position).toBe(position);
      }, 15_000),
    ),
  );
  const [fresh, ...digests] = await Promise.all([
    reference.digest(),
    ...replicas.map((replica) => graphqlDigest(poster(replica.url))),
  ]);
  digests.forEach((digest, index) => expect(digest, replicas[index]!.name).toEqual(fresh));
}
