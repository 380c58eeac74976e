import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Notices files of a graph-data folder changing: hand edits, `git pull`, another process. The
 * store's own writes change files too; it tells them apart by signature (size, modification time
 * in nanoseconds, inode), recorded whenever it reads or writes a file.
 */

export type Signatures = Map<string, string>;

/** The folders whose files make up the data. */
export const DATA_FOLDERS = ["vocabulary", "sources", "entities", "claims", "reviews"];

/** Files the store writes on the side (temporary files, its private folder): never data. */
const isSideFile = (name: string) => name.endsWith(".tmp") || name.startsWith(".");

export async function signatureOf(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file, { bigint: true });
    return `${info.size}:${info.mtimeNs}:${info.ino}`;
  } catch {
    return undefined;
  }
}

/** The signature of every data file in the folder, taken before reading it. */
export async function scanSignatures(dataDir: string): Promise<Signatures> {
  const signatures: Signatures = new Map();
  for (const folder of DATA_FOLDERS) {
    const dir = path.join(dataDir, folder);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      continue;
    }
    const files = names.filter((name) => !isSideFile(name)).map((name) => path.join(dir, name));
    // A bounded number of stats at a time: a large corpus has tens of thousands of source texts.
    for (let i = 0; i < files.length; i += 256) {
      const batch = files.slice(i, i + 256);
      const found = await Promise.all(batch.map(signatureOf));
      batch.forEach((file, index) => {
        const signature = found[index];
        if (signature !== undefined) signatures.set(file, signature);
      });
    }
  }
  return signatures;
}

/** Files whose signature differs between two scans, or that are in only one of them. */
export function changedFiles(before: Signatures, after: Signatures): string[] {
  const changed: string[] = [];
  for (const [file, signature] of after) if (before.get(file) !== signature) changed.push(file);
  for (const file of before.keys()) if (!after.has(file)) changed.push(file);
  return changed.sort();
}

/**
 * Watches the data folders (and the folder itself, for folders appearing or being replaced) and
 * calls `onChange` once things have been quiet for `debounceMs`. fs.watch may drop events under
 * load, so `pollMs` also asks for a check every so often; the store's check is a cheap stat scan.
 */
export class FolderWatcher {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly dataDir: string,
    private readonly onChange: () => void,
    private readonly debounceMs: number,
    private readonly pollMs: number,
  ) {}

  start(): void {
    this.rewatch();
    if (this.pollMs > 0) {
      this.poller = setInterval(() => this.onChange(), this.pollMs);
      this.poller.unref();
    }
  }

  private rewatch(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    for (const dir of [this.dataDir, ...DATA_FOLDERS.map((folder) => path.join(this.dataDir, folder))]) {
      try {
        const watcher = watch(dir, { persistent: false }, (_event, name) => {
          if (name !== null && isSideFile(String(name))) return;
          // A data folder created or replaced (git checkout does that): watch the new one.
          if (dir === this.dataDir) this.rewatch();
          this.schedule();
        });
        watcher.on("error", () => this.schedule());
        this.watchers.push(watcher);
      } catch {
        // The folder does not exist yet; the watch on the data folder notices when it appears.
      }
    }
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.onChange(), this.debounceMs);
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.poller);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }
}
