import type { Settings } from "../settings.ts";
import { FolderStore } from "./folder/folder-store.ts";
import { PostgresStore } from "./postgres/postgres-store.ts";
import type { Store } from "./types.ts";

export interface StoreOptions {
  dataDir: string;
  readOnly: boolean;
  watch: { debounceMs: number; pollMs: number } | false;
  displayRoot?: string;
  /** With a URL, PostgreSQL is the store of record and `dataDir` and `watch` are not used. */
  database?: Settings["database"];
}

/**
 * The one place that picks a store implementation: PostgreSQL when a database URL is set
 * (PEACEGRAPH_DATABASE_URL, docs/deploy.md), otherwise the graph-data folder.
 */
export function openStore(options: StoreOptions): Promise<Store> {
  const { database } = options;
  if (database?.url)
    return PostgresStore.open({ database: { ...database, url: database.url }, readOnly: options.readOnly });
  return FolderStore.open(options);
}
