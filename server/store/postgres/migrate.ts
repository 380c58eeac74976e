import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";

/**
 * Versioned migrations: migrations/NNNN-name.sql, applied in order, each in its own transaction,
 * each once (schema_migrations records them). Several replicas may run this at once: an advisory
 * lock makes them take turns, and the later ones find nothing left to do.
 */

const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");
/** Advisory lock key for migrations ("pgmigrat" in ASCII). */
const MIGRATION_LOCK = "8099578157279150452";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function migrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((file) => /^\d{4}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: readFileSync(path.join(MIGRATIONS_DIR, file), "utf8"),
    }));
}

/** The schema version this code expects. */
export const latestVersion = () => migrations().at(-1)?.version ?? 0;

/** The database's schema version, 0 when no migration has run. */
export async function schemaVersion(client: pg.ClientBase): Promise<number> {
  const { rows: found } = await client.query<{ table: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS table",
  );
  if (!found[0]?.table) return 0;
  const { rows } = await client.query<{ version: number }>(
    "SELECT coalesce(max(version), 0) AS version FROM schema_migrations",
  );
  return Number(rows[0]?.version ?? 0);
}

/** Applies the migrations the database lacks; returns the ones applied. */
export async function migrate(client: pg.ClientBase): Promise<Migration[]> {
  await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
  try {
    await client.query(
      "CREATE TABLE IF NOT EXISTS schema_migrations (" +
        "version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const current = await schemaVersion(client);
    const known = latestVersion();
    if (current > known)
      throw new Error(
        `the database's schema is version ${current}, newer than this code knows (${known}): upgrade peacegraph`,
      );
    const applied: Migration[] = [];
    for (const migration of migrations().filter((m) => m.version > current)) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
          migration.version,
          migration.name,
        ]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(
          `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      applied.push(migration);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
  }
}

/** Refuses to run against a database whose schema is not the one this code expects. */
export async function checkSchema(client: pg.ClientBase): Promise<void> {
  const current = await schemaVersion(client);
  const known = latestVersion();
  if (current === 0)
    throw new Error("the database has no peacegraph schema yet: run `npm run db:migrate` (and db:import)");
  if (current < known)
    throw new Error(
      `the database's schema is version ${current}, this code needs ${known}: run \`npm run db:migrate\``,
    );
  if (current > known)
    throw new Error(
      `the database's schema is version ${current}, newer than this code knows (${known}): upgrade peacegraph`,
    );
}
