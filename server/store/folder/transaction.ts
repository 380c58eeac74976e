import { mkdir, readdir, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import {
  appendDurably,
  fsyncDirectory,
  readTail,
  replaceFileDurably,
  sizeOf,
  truncateDurably,
  writeTemporary,
} from "./durable.ts";
import type { FileOperation } from "./file-plan.ts";

/**
 * One change set (or a group of them) written to several files with a single commit point: the
 * journal line. In order:
 *   1. new whole-file contents go to temporary files, fsynced;
 *   2. an intent file records the size of every file about to be appended to and every rename due;
 *   3. appends, each fsynced;
 *   4. the journal lines are appended and fsynced: the commit point;
 *   5. the temporary files are renamed over their targets, directories fsynced;
 *   6. the intent file is removed.
 * A crash before 4 is rolled back on the next start (appends truncated, temporary files removed);
 * a crash after 4 is rolled forward (the renames finished). Nothing is acknowledged before 5 ends.
 */

interface Intent {
  transaction: string;
  journal: { file: string; size: number; length: number };
  appends: { file: string; size: number | null }[];
  renames: { from: string; to: string }[];
}

const TEMPORARY = /\.txn-[a-z0-9]+\.tmp$/;

export class Transactions {
  constructor(
    /** The folder itself: intent and renames are stored relative to it, so it can be moved. */
    private readonly dataDir: string,
    private readonly intentFile: string,
    private readonly journalFile: string,
  ) {}

  private readonly abs = (file: string) => path.join(this.dataDir, file);
  private readonly rel = (file: string) => path.relative(this.dataDir, file);

  async run(transaction: string, operations: FileOperation[], journalLines: string[]): Promise<void> {
    const renames: Intent["renames"] = [];
    for (const operation of operations) {
      if (operation.kind !== "replace") continue;
      if (operation.mustNotExist && (await sizeOf(operation.file)) !== undefined)
        throw new Error(`${operation.file} appeared while a write was planned`);
      const temporary = `${operation.file}.txn-${transaction}.tmp`;
      await writeTemporary(temporary, operation.content);
      renames.push({ from: this.rel(temporary), to: this.rel(operation.file) });
    }
    const journalBytes = journalLines.map((line) => `${line}\n`).join("");
    const appends = operations.filter((operation) => operation.kind === "append");
    const intent: Intent = {
      transaction,
      journal: {
        file: this.rel(this.journalFile),
        size: (await sizeOf(this.journalFile)) ?? 0,
        length: Buffer.byteLength(journalBytes),
      },
      appends: appends.map((operation) => ({
        file: this.rel(operation.file),
        size: operation.sizeBefore ?? null,
      })),
      renames,
    };
    await replaceFileDurably(this.intentFile, `${JSON.stringify(intent)}\n`);

    const directories = new Set<string>();
    for (const operation of appends) {
      const { created } = await appendDurably(operation.file, operation.bytes);
      if (created) directories.add(path.dirname(operation.file));
    }
    for (const dir of directories) await fsyncDirectory(dir);
    const journalDir = path.dirname(this.journalFile);
    if ((await sizeOf(journalDir)) === undefined) {
      // The first write through the store creates reviews/: make the folder itself durable too.
      await mkdir(journalDir, { recursive: true });
      await fsyncDirectory(path.dirname(journalDir));
    }
    const { created } = await appendDurably(this.journalFile, journalBytes);
    if (created) await fsyncDirectory(journalDir);
    await this.finishRenames(intent);
    await rm(this.intentFile, { force: true });
  }

  private async finishRenames(intent: Intent): Promise<void> {
    const directories = new Set<string>();
    for (const { from, to } of intent.renames) {
      if ((await sizeOf(this.abs(from))) === undefined) continue; // renamed before a crash
      await rename(this.abs(from), this.abs(to));
      directories.add(path.dirname(this.abs(to)));
    }
    for (const dir of directories) await fsyncDirectory(dir);
  }

  /**
   * Finishes or undoes a transaction a crash interrupted, and removes stray temporary files.
   * Returns one line per repair, for the start-up report, and whether an interrupted transaction
   * had committed.
   */
  async recover(folders: string[]): Promise<{ report: string[]; committed: boolean }> {
    const report: string[] = [];
    let committed = false;
    let intent: Intent | undefined;
    try {
      intent = JSON.parse(await readFile(this.intentFile, "utf8")) as Intent;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
        // Written whole by a rename, so a damaged intent means the disk lost it: nothing began.
        report.push(`removed an unreadable ${this.rel(this.intentFile)} (${(error as Error).message})`);
        await rm(this.intentFile, { force: true });
      }
    }
    if (intent) {
      if (await this.committed(intent)) {
        committed = true;
        await this.finishRenames(intent);
        report.push(
          `finished write ${intent.transaction}: it was committed, and ${intent.renames.length} file(s) are now in place`,
        );
      } else {
        const undone: string[] = [];
        for (const { file, size } of intent.appends) {
          const current = await sizeOf(this.abs(file));
          if (current === undefined) continue;
          if (size === null) {
            await rm(this.abs(file), { force: true });
            await fsyncDirectory(path.dirname(this.abs(file)));
            undone.push(`${file} (created by it) removed`);
          } else if (current > size) {
            await truncateDurably(this.abs(file), size);
            undone.push(`${file} cut back from ${current} to ${size} bytes`);
          }
        }
        const journalSize = (await sizeOf(this.abs(intent.journal.file))) ?? 0;
        if (journalSize > intent.journal.size) {
          await truncateDurably(this.abs(intent.journal.file), intent.journal.size);
          undone.push(`${intent.journal.file} cut back from ${journalSize} to ${intent.journal.size} bytes`);
        }
        for (const { from } of intent.renames) await rm(this.abs(from), { force: true });
        report.push(
          `rolled back write ${intent.transaction}, interrupted before its commit and never acknowledged` +
            (undone.length > 0 ? `: ${undone.join("; ")}` : ""),
        );
      }
      await rm(this.intentFile, { force: true });
      await fsyncDirectory(path.dirname(this.intentFile));
    }
    for (const folder of folders) {
      let names: string[];
      try {
        names = await readdir(folder);
      } catch {
        continue;
      }
      for (const name of names.filter((entry) => TEMPORARY.test(entry))) {
        await rm(path.join(folder, name), { force: true });
        report.push(`removed ${this.rel(path.join(folder, name))}, left by a write that never began`);
      }
    }
    return { report, committed };
  }

  /** Committed when every journal byte it was to write is there and ends its last line. */
  private async committed(intent: Intent): Promise<boolean> {
    const file = this.abs(intent.journal.file);
    const size = (await sizeOf(file)) ?? 0;
    const end = intent.journal.size + intent.journal.length;
    if (intent.journal.length === 0 || size < end) return false;
    const tail = await readTail(file, size - intent.journal.size);
    const written = tail.subarray(0, intent.journal.length).toString("utf8");
    if (!written.endsWith("\n")) return false;
    try {
      for (const line of written.slice(0, -1).split("\n")) JSON.parse(line);
      return true;
    } catch {
      return false;
    }
  }
}
