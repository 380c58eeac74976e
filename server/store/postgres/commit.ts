import type pg from "pg";
import { sameRecord } from "../../model/records.ts";
import { newChangeId } from "../journal-format.ts";
import {
  StoreRefusal,
  type ChangeSet,
  type CommitOptions,
  type CommitResult,
  type JournalEntry,
  type RecordChange,
} from "../types.ts";
import { appendEntry, entryByKey, JOURNAL_CHANNEL, JOURNAL_LOCK, lastPosition } from "./journal-rows.ts";
import { fileForNew, TABLES } from "./layout.ts";

/**
 * One change set, one transaction. The journal lock is taken first and held to the end, so change
 * sets from every replica commit one after another and each takes the next position: a follower
 * reading positions in order never passes over one that commits later. A retried idempotency key
 * is answered from the journal under the same lock, so two replicas cannot both take it.
 */

const sqlState = (error: unknown) => (error as { code?: string }).code;
const detailOf = (error: unknown) => (error as { detail?: string }).detail ?? "";

/** Database refusals the caller can act on, in the store's terms. */
function refusalOf(error: unknown, change: RecordChange | undefined): StoreRefusal | undefined {
  const code = sqlState(error);
  const detail = detailOf(error);
  if (code === "23505") {
    const id = /=\((.*)\)/.exec(detail)?.[1] ?? (change?.op === "add" ? change.record.id : "");
    return new StoreRefusal(`a ${change?.kind ?? "record"} "${id}" already exists`, "id", "conflict");
  }
  if (code === "23503") {
    const [, column, id] = /Key \((\w+)\)=\((.*)\)/.exec(detail) ?? [];
    const message = detail.includes("still referenced")
      ? `entity "${id}" is still named by a claim (another change added one meanwhile); read it again and retry`
      : `${column === "source" ? "source" : "entity"} "${id}" named by ${column} no longer exists; read it again and retry`;
    return new StoreRefusal(message, column, "conflict");
  }
  return undefined;
}

async function lockedRow(client: pg.ClientBase, table: string, id: string) {
  const { rows } = await client.query<{ record: string; file: string }>(
    `SELECT record::text AS record, file FROM ${table} WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

/** Applies one record change, checking that an updated or removed record is still as read. */
async function applyChange(client: pg.ClientBase, change: RecordChange): Promise<void> {
  const table = TABLES[change.kind];
  if (change.op === "add") {
    const file = fileForNew(change.kind, change.record);
    change.where = file;
    if (change.kind === "source")
      await client.query("INSERT INTO sources (id, file, record, text) VALUES ($1, $2, $3, $4)", [
        change.record.id,
        file,
        JSON.stringify(change.record),
        change.text,
      ]);
    else
      await client.query(`INSERT INTO ${table} (id, file, record) VALUES ($1, $2, $3)`, [
        change.record.id,
        file,
        JSON.stringify(change.record),
      ]);
    return;
  }
  const { id } = change.previous;
  const row = await lockedRow(client, table, id);
  if (!row)
    throw new StoreRefusal(
      `${change.kind} "${id}" no longer exists; read it again and retry`,
      "id",
      "conflict",
    );
  if (!sameRecord(JSON.parse(row.record), change.previous))
    throw new StoreRefusal(
      `${change.kind} "${id}" was changed meanwhile; read it again and retry`,
      "id",
      "conflict",
    );
  change.where = row.file;
  if (change.op === "update") {
    if (change.record.id !== id)
      throw new StoreRefusal(`an update cannot change the id of ${change.kind} "${id}"`, "id");
    await client.query(`UPDATE ${table} SET record = $2 WHERE id = $1`, [id, JSON.stringify(change.record)]);
  } else await client.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
}

export async function commitChangeSet(
  client: pg.ClientBase,
  changeSet: ChangeSet,
  options: CommitOptions,
): Promise<CommitResult> {
  const key = options.idempotencyKey ?? null;
  const request = options.request ?? null;
  await client.query("BEGIN");
  let current: RecordChange | undefined;
  try {
    await client.query("SELECT pg_advisory_xact_lock($1)", [JOURNAL_LOCK]);
    if (key !== null) {
      const seen = await entryByKey(client, key);
      if (seen) {
        await client.query("ROLLBACK");
        if (seen.request !== request)
          throw new StoreRefusal(
            "this idempotency key was already used for a different request",
            "idempotencyKey",
            "idempotency",
          );
        return { entry: seen.entry, replayed: true };
      }
    }
    const position = (await lastPosition(client)) + 1;
    for (const change of changeSet.changes) {
      current = change;
      await applyChange(client, change);
    }
    current = undefined;
    // References are checked now rather than at COMMIT, so a refusal is certain not to have committed.
    await client.query("SET CONSTRAINTS ALL IMMEDIATE");
    const entry: JournalEntry = {
      id: newChangeId(),
      position,
      time: new Date().toISOString(),
      author: options.author,
      key,
      request,
      action: changeSet.action,
      changes: changeSet.changes,
    };
    await appendEntry(client, entry);
    await client.query("SELECT pg_notify($1, $2)", [JOURNAL_CHANNEL, String(position)]);
    await client.query("COMMIT");
    return { entry, replayed: false };
  } catch (error) {
    if (error instanceof StoreRefusal && error.reason === "idempotency") throw error;
    await client.query("ROLLBACK").catch(() => undefined);
    if (error instanceof StoreRefusal) throw error;
    throw refusalOf(error, current) ?? error;
  }
}
