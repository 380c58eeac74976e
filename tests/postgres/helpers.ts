import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import type { KnowledgeGraph } from "../../server/graph/types.ts";
import { claimRecord, entityRecord, sourceRecord } from "../../server/model/records.ts";
import type { GraphModel } from "../../server/model/types.ts";
import { resolveSettings } from "../../server/settings.ts";
import type { DatabaseSettings } from "../../server/store/postgres/connect.ts";
import { importFolder } from "../../server/store/postgres/import-folder.ts";
import { migrate } from "../../server/store/postgres/migrate.ts";
import { PostgresStore } from "../../server/store/postgres/postgres-store.ts";
import { ThrowawayPostgres } from "../../scripts/postgres/throwaway.ts";

/** Shared by the PostgreSQL tests: a real server in a temporary folder, a fresh database per test. */

export { ThrowawayPostgres };

let databases = 0;

/** A new database on `server`, migrated, with `dataDir` imported when given. */
export async function freshDatabase(server: ThrowawayPostgres, dataDir?: string): Promise<string> {
  const url = await server.createDatabase(`test_${process.pid}_${++databases}`);
  await withClient(url, async (client) => {
    await migrate(client);
    if (dataDir) await importFolder(client, dataDir);
  });
  return url;
}

export async function withClient<T>(url: string, task: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await task(client);
  } finally {
    await client.end();
  }
}

/** Store settings for tests: a quick poll, so a lost notification shows up as slowness, not a hang. */
export function databaseSettings(url: string, overrides: Partial<DatabaseSettings> = {}): DatabaseSettings {
  return { ...resolveSettings({ database: { url } }).database, url, ...overrides };
}

export function openStore(url: string, overrides: Partial<DatabaseSettings> = {}, readOnly = false) {
  return PostgresStore.open({ database: databaseSettings(url, overrides), readOnly });
}

/** Every file under `dir`, relative, with its bytes. */
export async function readTree(dir: string, relative = ""): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const entry of await readdir(path.join(dir, relative), { withFileTypes: true })) {
    const name = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) for (const [file, bytes] of await readTree(dir, name)) files.set(file, bytes);
    else files.set(name, await readFile(path.join(dir, name)));
  }
  return files;
}

/** The records of a model, sorted, as comparable JSON: what a store holds, whatever its order. */
export function modelRecords(model: GraphModel) {
  const sorted = <T extends { id: string }>(items: Iterable<T>) =>
    [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    sources: sorted(model.sources.values()).map((source) => ({ ...sourceRecord(source), text: source.text })),
    entities: sorted(model.entities.values()).map(entityRecord),
    claims: sorted(model.claims).map(claimRecord),
  };
}

/** The records and what is derived from them: two graphs with the same digest serve the same answers. */
export function graphDigest(knowledge: KnowledgeGraph) {
  const relations = [...knowledge.relations.values()]
    .map((relation) => ({
      id: relation.id,
      corroboration: relation.corroboration,
      sources: [...relation.sources].sort(),
      claims: relation.claims.map((claim) => claim.id).sort(),
      date: relation.date?.text ?? null,
      count: relation.count,
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const conflicts = knowledge.conflicts
    .map((conflict) => ({ id: conflict.id, values: conflict.values.map((value) => value.value).sort() }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { records: modelRecords(knowledge.model), relations, conflicts, nodes: knowledge.graph.order };
}

/** Waits until `check` passes, failing after `timeoutMs` with the last reason. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
