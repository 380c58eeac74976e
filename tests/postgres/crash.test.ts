import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiReplica } from "../../scripts/postgres/api-replica.ts";
import { Random } from "../../scripts/synthetic/random.ts";
import type { ChangeSet } from "../../server/store/types.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import {
  databaseRecords,
  EDIT,
  expectJournalExplainsRecords,
  expectKeysTookEffectOnce,
  expectReplicasMatchDatabase,
  MERGE,
  poster,
  referenceServer,
  settle,
  startReplica,
  writeLoop,
  type Operation,
  type Outcome,
} from "./crash-harness.ts";
import { freshDatabase, openStore, ThrowawayPostgres } from "./helpers.ts";

/**
 * Crash safety, ten trials each: SIGKILL an API replica in the middle of a write, and SIGKILL the
 * whole PostgreSQL server in the middle of writes. After each: every acknowledged write is there,
 * no change set is half written, a retried idempotency key took effect once, and every replica's
 * graph answers as one rebuilt from the database does.
 */

const TRIALS = Number(process.env.TRIALS ?? 10);
const seeded = new Random(14);
const random = () => seeded.next();
const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;

let pg: ThrowawayPostgres;
let url: string;
const replicas: ApiReplica[] = [];
let editable: string[] = [];
/** Proposed entities not merged yet, and the entity they are merged into. */
let proposals: string[] = [];
let into = "";

/** Proposed entities, each named by two extracted claims: merging one rewrites three records at once. */
async function addProposals(count: number): Promise<{ ids: string[]; into: string }> {
  const store = await openStore(url);
  try {
    const { model } = await store.load();
    const base = model.claims.find(
      (claim) =>
        claim.form === "relation" &&
        model.entities.get(claim.subject)?.type === "state" &&
        model.entities.get(claim.object)?.type === "state" &&
        claim.subject !== claim.object,
    );
    if (base?.form !== "relation") throw new Error("the seed has no relation between two states");
    const ids: string[] = [];
    for (let i = 1; i <= count; i++) {
      const id = `proposal-${i}`;
      const claim = (suffix: string, subject: string, object: string) => ({
        id: `${id}-${suffix}`,
        source: base.source,
        subject,
        relation: base.relation,
        object,
        quote: base.quote,
        confidence: 0.5,
        status: "extracted",
      });
      const changeSet: ChangeSet = {
        action: { kind: "ingestSource", source: base.source },
        changes: [
          {
            op: "add",
            kind: "entity",
            record: {
              id,
              label: `Proposal ${i}`,
              type: "state",
              description: "Proposed.",
              status: "extracted",
            },
          },
          { op: "add", kind: "claim", record: claim("a", id, base.object) },
          { op: "add", kind: "claim", record: claim("b", base.object, id) },
        ],
      };
      await store.commit(changeSet, { author: "setup" });
      ids.push(id);
    }
    // Merged into the subject, so no rewritten claim relates an entity to itself.
    return { ids, into: base.subject };
  } finally {
    await store.close();
  }
}

let sequence = 0;
/** Edits of curated claims and merges of proposals, each with its own idempotency key. */
function operations(count: number, merges: string[], into: string): Operation[] {
  const list: Operation[] = [];
  for (let i = 0; i < count; i++) {
    const key = `w-${++sequence}`;
    const merge = merges.length > 0 && i % 3 === 1 ? merges.pop() : undefined;
    list.push(
      merge
        ? { key, query: MERGE, variables: { id: merge, into } }
        : { key, query: EDIT, variables: { id: pick(editable), role: key } },
    );
  }
  return list;
}

beforeAll(async () => {
  pg = await ThrowawayPostgres.create({ name: "crash" });
  url = await freshDatabase(pg, GRAPH_DATA);
  const store = await openStore(url);
  const { model } = await store.load();
  await store.close();
  editable = model.claims.filter((claim) => claim.form === "relation").map((claim) => claim.id);
  ({ ids: proposals, into } = await addProposals(2 * 2 * TRIALS));
  replicas.push(...(await Promise.all([startReplica(url, "replica-1"), startReplica(url, "replica-2")])));
  startSpare();
  startSpare();
  reference = await referenceServer(url);
}, 120_000);

afterAll(async () => {
  console.log(`writes without an answer, retried with their key: ${inFlight}`);
  try {
    await reference?.close();
    const left = await Promise.allSettled(spares);
    const running = left.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    await Promise.allSettled([...replicas, ...running].map((replica) => replica.kill()));
  } finally {
    await pg?.remove();
  }
});

let started = 2;
/** Replicas started ahead, in the background; a failure shows where one is awaited. */
const spares: Promise<ApiReplica>[] = [];
function startSpare(): void {
  const starting = startReplica(url, `replica-${++started}`);
  starting.catch(() => undefined);
  spares.push(starting);
}
let reference: Awaited<ReturnType<typeof referenceServer>>;
let inFlight = 0;
const count = (outcomes: Map<string, Outcome>, outcome: Outcome) =>
  [...outcomes.values()].filter((value) => value === outcome).length;

const urls = () => replicas.filter((replica) => replica.running).map((replica) => replica.url);

/**
 * Two write loops, one through each replica; after the `killAt`-th write through replica `side`
 * leaves, `kill` runs a few milliseconds later (between the request leaving and its answer arriving).
 * More writes are planned than the kill's delay can outlast, so both loops are still writing when it
 * lands, on a fast idle machine too; they stop once it has. Returns the writes sent and their outcomes.
 */
async function writeUntilKilled(
  ids: string[],
  side: number,
  kill: () => Promise<void>,
): Promise<{ sent: Operation[]; outcomes: Map<string, Outcome> }> {
  const planned = [operations(40, ids.slice(0, 1), into), operations(40, ids.slice(1), into)];
  const outcomes = new Map<string, Outcome>();
  const killAt = 1 + Math.floor(random() * 4);
  let killed: Promise<void> | undefined;
  let down = false;
  await Promise.all(
    replicas.map((replica, index) =>
      writeLoop(
        replica.url,
        planned[index]!,
        outcomes,
        (sent) => {
          if (index !== side || sent !== killAt) return;
          const delay = Math.floor(random() * 40);
          killed = new Promise<void>((resolve) => setTimeout(() => void kill().then(resolve), delay)).then(
            () => {
              down = true;
            },
          );
        },
        () => down,
      ),
    ),
  );
  await killed;
  return { sent: planned.flat().filter((operation) => outcomes.has(operation.key)), outcomes };
}

describe("crash safety", () => {
  it(`survives SIGKILL of an API replica mid-write, ${TRIALS} times`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const ids = proposals.splice(0, 2);
      const start = await databaseRecords(url);
      const victim = trial % 2;
      const { sent, outcomes } = await writeUntilKilled(ids, victim, () => replicas[victim]!.kill());
      expect(replicas[victim]!.running).toBe(false);
      expect([...outcomes.values()]).toContain("unknown");
      inFlight += count(outcomes, "unknown");
      // A replica holds no state of its own: a fresh process (started ahead, as a spare) takes over.
      replicas[victim] = await spares.shift()!;
      if (trial < TRIALS - 2) startSpare();
      await settle(sent, outcomes, urls);
      await expectKeysTookEffectOnce(url, outcomes);
      const now = await expectJournalExplainsRecords(url, start);
      await expectReplicasMatchDatabase(reference, replicas, now.position);
    }
    expect(spares).toHaveLength(0);
  }, 400_000);

  it(`survives SIGKILL of the PostgreSQL server mid-write, ${TRIALS} times`, async () => {
    for (let trial = 0; trial < TRIALS; trial++) {
      const ids = proposals.splice(0, 2);
      const start = await databaseRecords(url);
      const { sent, outcomes } = await writeUntilKilled(ids, trial % 2, () => pg.kill());
      expect(pg.pid).toBeUndefined();
      // With the database down, every replica still answers reads from its graph.
      for (const replica of replicas) {
        const answer = await poster(replica.url)("{ stats { claims } }");
        expect(answer.errors).toBeUndefined();
      }
      // Crash recovery; the stale postmaster.pid is handled by PostgreSQL itself.
      await pg.start();
      expect([...outcomes.values()]).toContain("unknown");
      inFlight += count(outcomes, "unknown");
      await settle(sent, outcomes, urls);
      await expectKeysTookEffectOnce(url, outcomes);
      const now = await expectJournalExplainsRecords(url, start);
      expect(replicas.every((replica) => replica.running)).toBe(true);
      await expectReplicasMatchDatabase(reference, replicas, now.position);
    }
  }, 400_000);
});
