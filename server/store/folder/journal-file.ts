import path from "node:path";
import { readJsonLines } from "../../model/jsonl-file.ts";
import type { Problem } from "../../model/problems.ts";
import { zodProblems } from "../../model/zod-problems.ts";
import { parseEntry, serializeEntry } from "../journal-format.ts";
import type { JournalChange, JournalEntry } from "../types.ts";

/**
 * reviews/journal.jsonl: every change set written through the store, one JSON line each, oldest
 * first, never rewritten. In the file, `where` is relative to the graph-data folder, so the folder
 * can move; in memory it is the model's `file` (relative to the display root), as everywhere else.
 */
export const JOURNAL_FILE = path.join("reviews", "journal.jsonl");

export interface JournalPaths {
  dataDir: string;
  displayRoot: string;
}

function mapWhere(entry: JournalEntry, convert: (where: string) => string): JournalEntry {
  return {
    ...entry,
    changes: entry.changes.map((change) =>
      change.where === undefined ? change : ({ ...change, where: convert(change.where) } as JournalChange),
    ),
  };
}

/** The journal line for an entry whose `where` paths are display paths. */
export function journalLine(entry: JournalEntry, paths: JournalPaths): string {
  return serializeEntry(
    mapWhere(entry, (where) => path.relative(paths.dataDir, path.resolve(paths.displayRoot, where))),
  );
}

/**
 * Reads the journal; entries after position `after` go to `onEntry`. A line that is not an entry
 * becomes a located problem, like any other graph-data file. A missing journal is an empty one.
 */
export async function readJournal(
  paths: JournalPaths,
  problems: Problem[],
  onEntry: (entry: JournalEntry) => void,
  after = 0,
): Promise<number> {
  const file = path.join(paths.dataDir, JOURNAL_FILE);
  const display = path.relative(paths.displayRoot, file) || file;
  const found: Problem[] = [];
  let position = 0;
  await readJsonLines(file, display, found, (line) => {
    position++;
    if (position <= after) return;
    const entry = parseEntry(line.value, position);
    if ("issues" in entry) found.push(...zodProblems(line, entry));
    else
      onEntry(
        mapWhere(entry, (where) => path.relative(paths.displayRoot, path.resolve(paths.dataDir, where))),
      );
  });
  // A journal that does not exist yet is fine: nothing has been written through the store.
  problems.push(...found.filter((problem) => !problem.message.startsWith("cannot read file: ENOENT")));
  return position;
}
