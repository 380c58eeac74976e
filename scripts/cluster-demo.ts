/**
 * npm run cluster:demo [-- --data DIR] [--port PORT]
 * A throwaway cluster on this machine, no containers: a PostgreSQL primary with a streaming
 * standby, the graph-data folder (graph-data/ by default) imported, two API replicas on the primary,
 * and a round-robin proxy in front of them. Prints the URLs; Ctrl-C stops everything and deletes
 * its files. PostgreSQL runs as the postgres user in temporary folders (see docs/deploy.md).
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { importFolder } from "../server/store/postgres/import-folder.ts";
import { migrate } from "../server/store/postgres/migrate.ts";
import { ApiReplica } from "./postgres/api-replica.ts";
import { startRoundRobinProxy, type RunningProxy } from "./postgres/round-robin-proxy.ts";
import { ThrowawayPostgres } from "./postgres/throwaway.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    data: { type: "string", default: path.join(ROOT, "graph-data") },
    port: { type: "string", default: process.env.PORT ?? "0" },
  },
});

const servers: ThrowawayPostgres[] = [];
const replicas: ApiReplica[] = [];
let proxy: RunningProxy | undefined;
let stopping = false;

async function run<T>(step: string, task: () => Promise<T>): Promise<T> {
  const started = performance.now();
  process.stdout.write(`${step} … `);
  const result = await task();
  console.log(`${Math.round(performance.now() - started)} ms`);
  return result;
}

async function waitForStreaming(primary: ThrowawayPostgres): Promise<void> {
  const client = new pg.Client({ connectionString: primary.url() });
  await client.connect();
  try {
    for (let tries = 0; tries < 600; tries++) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_replication WHERE state = 'streaming'",
      );
      if (rows[0].n > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the standby never started streaming");
  } finally {
    await client.end();
  }
}

async function stopAll(code: number): Promise<never> {
  if (stopping) return new Promise(() => undefined);
  stopping = true;
  console.log("\nStopping: proxy, API replicas, PostgreSQL standby and primary …");
  await proxy?.close();
  await Promise.all(replicas.map((replica) => replica.stop()));
  for (const server of servers.reverse()) await server.remove();
  console.log("Stopped; temporary folders removed.");
  process.exit(code);
}

async function main(): Promise<void> {
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void stopAll(0));
  const dataDir = path.resolve(values.data);
  const primary = await run("Starting the PostgreSQL primary", () =>
    ThrowawayPostgres.create({ name: "primary" }),
  );
  servers.push(primary);
  const databaseUrl = await primary.createDatabase("peacegraph");
  const summary = await run(
    `Migrating and importing ${path.relative(process.cwd(), dataDir) || dataDir}`,
    async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await migrate(client);
        return await importFolder(client, dataDir);
      } finally {
        await client.end();
      }
    },
  );
  const standby = await run("Starting the streaming standby (pg_basebackup)", () =>
    ThrowawayPostgres.create({ name: "standby", replicaOf: primary }),
  );
  servers.push(standby);
  await waitForStreaming(primary);

  const token = randomBytes(24).toString("base64url");
  const env = {
    PEACEGRAPH_DATABASE_URL: databaseUrl,
    PEACEGRAPH_WRITE_TOKEN: token,
    // Behind the proxy every client has the proxy's address, so the per-address limit is shared.
    PEACEGRAPH_SETTINGS: JSON.stringify({ limits: { mutationsPerMinute: 3000 } }),
  };
  const started = await run("Starting two API replicas", () =>
    Promise.all(["replica-1", "replica-2"].map((name) => ApiReplica.start({ name, env }))),
  );
  replicas.push(...started);
  proxy = await startRoundRobinProxy(
    () =>
      replicas
        .filter((replica) => replica.running)
        .map((replica) => ({ name: replica.name, url: replica.url })),
    Number(values.port),
  );
  for (const replica of replicas)
    void replica.exited.then(() => {
      if (!stopping) console.error(`${replica.name} stopped unexpectedly:\n${replica.output.slice(-1500)}`);
    });

  const standbyUrl = standby.url("peacegraph");
  console.log(`
Cluster up: ${summary.claims} claims, ${summary.entities} entities, ${summary.sources} sources.

  Proxy (round robin)  ${proxy.url}/            viewer; /graphql, /health, /events
  Review (writes)      ${proxy.url}/review#token=${token}
  API replica 1        ${replicas[0]!.url}/   (pid ${replicas[0]!.pid})
  API replica 2        ${replicas[1]!.url}/   (pid ${replicas[1]!.pid})
  PostgreSQL primary   ${databaseUrl}   (pid ${primary.pid}, files in ${primary.root})
  PostgreSQL standby   ${standbyUrl}   (pid ${standby.pid}, files in ${standby.root}, read-only)

Writes need the header "Authorization: Bearer ${token}".
Each answer through the proxy names its replica in the x-peacegraph-replica header.
Ctrl-C stops everything and removes these files.`);
}

main().catch(async (error: unknown) => {
  console.error(`\ncluster:demo failed: ${error instanceof Error ? error.message : String(error)}`);
  await stopAll(1);
});
