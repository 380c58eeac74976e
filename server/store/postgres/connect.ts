import pg from "pg";
import type { Settings } from "../../settings.ts";
import { StoreRefusal } from "../types.ts";

export type DatabaseSettings = Settings["database"] & { url: string };

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unparseable database URL)";
  }
}

/** Connection options every connection of a replica shares. */
export function connectionConfig(settings: DatabaseSettings): pg.ClientConfig {
  return {
    connectionString: settings.url,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
    application_name: "peacegraph",
    keepAlive: true,
  };
}

/**
 * A pool for loading and writing. An idle connection that breaks (the server restarted, a failover)
 * is dropped and logged, never allowed to take the process down; the next query opens a new one.
 */
export function createPool(settings: DatabaseSettings): pg.Pool {
  const pool = new pg.Pool({ ...connectionConfig(settings), max: settings.poolSize });
  pool.on("error", (error) => console.error(`database connection lost: ${error.message}`));
  return pool;
}

/** A message that says which database could not be reached, and why. */
export function describeConnectionError(error: unknown, settings: DatabaseSettings): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(`cannot reach the database at ${redactUrl(settings.url)}: ${reason}`, { cause: error });
}

/** Runs `task` with a pooled connection, always giving it back. */
export async function withClient<T>(pool: pg.Pool, task: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out connection that drops between two queries reports it here, not to the pool.
  const onError = (error: Error) => (broken = error);
  client.on("error", onError);
  try {
    return await task(client);
  } catch (error) {
    // A connection in an unknown state (an error mid-transaction) is not given back for reuse; a
    // refusal is answered after a rollback, so its connection is fine.
    if (!(error instanceof StoreRefusal))
      broken ??= error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.off("error", onError);
    client.release(broken);
  }
}
