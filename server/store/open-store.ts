import { FolderStore } from "./folder/folder-store.ts";
import type { Store } from "./types.ts";

export interface StoreOptions {
  dataDir: string;
  readOnly: boolean;
  watch: { debounceMs: number; pollMs: number } | false;
  displayRoot?: string;
}

/**
 * The one place that picks a store implementation. Today: the graph-data folder. A PostgreSQL store
 * (issue 14) slots in here, chosen by its connection setting, behind the same interface.
 */
export function openStore(options: StoreOptions): Promise<Store> {
  return FolderStore.open(options);
}
