import type pg from "pg";
import { parseEntry, serializeEntry, sha256 } from "../journal-format.ts";
import type { JournalChange, JournalEntry } from "../types.ts";

/**
 * The journal table: one row per committed change set, holding the same JSON line
 * reviews/journal.jsonl holds in a folder (so an export writes it back as it came in).
 */

/** Advisory lock held from a commit's first statement to its end: positions follow commit order. */
export const JOURNAL_LOCK = "8101806140542268012";
/** NOTIFY channel; the payload is the committed position. It only wakes followers. */
export const JOURNAL_CHANNEL = "peacegraph_journal";

interface JournalRow {
  position: string;
  line: string;
}

/** An entry from its row; a row that does not read as an entry is corruption, not a user error. */
export function entryFromRow(row: JournalRow): JournalEntry {
  const position = Number(row.position);
  let value: unknown;
  try {
    value = JSON.parse(row.line);
  } catch (error) {
    throw new Error(`journal position ${position} is not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const entry = parseEntry(value, position);
  if ("issues" in entry)
    throw new Error(`journal position ${position} is not a journal entry: ${entry.issues[0]?.message}`);
  return entry;
}

/** Entries after `position`, oldest first, as read back (source texts replaced by their hashes). */
export async function readEntries(
  client: pg.ClientBase | pg.Pool,
  position: number,
  limit: number | null = null,
): Promise<JournalEntry[]> {
  const { rows } = await client.query<JournalRow>(
    `SELECT position::text, line FROM journal WHERE position > $1 ORDER BY journal.position${limit === null ? "" : " LIMIT $2"}`,
    limit === null ? [position] : [position, limit],
  );
  return rows.map(entryFromRow);
}

export async function entryByKey(
  client: pg.ClientBase | pg.Pool,
  key: string,
): Promise<{ entry: JournalEntry; request: string | null } | undefined> {
  const { rows } = await client.query<JournalRow & { request: string | null }>(
    "SELECT position::text, line, request FROM journal WHERE key = $1",
    [key],
  );
  const row = rows[0];
  return row && { entry: entryFromRow(row), request: row.request };
}

/** Appends an entry; the caller holds JOURNAL_LOCK in the same transaction. */
export async function appendEntry(client: pg.ClientBase, entry: JournalEntry): Promise<void> {
  await client.query("INSERT INTO journal (position, id, key, request, line) VALUES ($1, $2, $3, $4, $5)", [
    entry.position,
    entry.id,
    entry.key,
    entry.request,
    serializeEntry(entry),
  ]);
}

/** The last position, under the caller's snapshot. */
export async function lastPosition(client: pg.ClientBase | pg.Pool): Promise<number> {
  const { rows } = await client.query<{ position: string }>(
    "SELECT coalesce(max(position), 0)::text AS position FROM journal",
  );
  return Number(rows[0]?.position ?? 0);
}

/**
 * Entries as subscribers get them: with each new source's text, as a commit delivers it, so a
 * replica applies another replica's change exactly as its own. The text must match its hash.
 */
export async function withTexts(
  client: pg.ClientBase | pg.Pool,
  entries: JournalEntry[],
): Promise<JournalEntry[]> {
  const ids = new Set<string>();
  for (const entry of entries)
    for (const change of entry.changes)
      if (change.op === "add" && change.kind === "source" && change.text === undefined)
        ids.add(change.record.id);
  if (ids.size === 0) return entries;
  const { rows } = await client.query<{ id: string; text: string }>(
    "SELECT id, text FROM sources WHERE id = ANY($1)",
    [[...ids]],
  );
  const texts = new Map(rows.map((row) => [row.id, row.text]));
  return entries.map((entry) => ({
    ...entry,
    changes: entry.changes.map((change): JournalChange => {
      if (change.op !== "add" || change.kind !== "source" || change.text !== undefined) return change;
      const text = texts.get(change.record.id);
      if (text === undefined || sha256(text) !== change.textSha256)
        throw new Error(
          `journal position ${entry.position}: the text of source ${change.record.id} is missing or differs from the one committed`,
        );
      const { textSha256: _hash, ...rest } = change;
      return { ...rest, text };
    }),
  }));
}
