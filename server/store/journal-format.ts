import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { JournalChange, JournalEntry } from "./types.ts";

/**
 * The journal entry as written: one JSON object per change set. Shared by every store, so a journal
 * exported from one reads in another. A source's text is replaced by its SHA-256; the text itself
 * lives beside the source (sources/<id>.txt in a folder).
 */

const record = z.looseObject({ id: z.string().min(1) });
const note = z.string().nullable();

const actionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("ingestSource"), source: z.string() }),
  z.strictObject({
    kind: z.literal("reviewClaim"),
    claim: z.string(),
    decision: z.enum(["accept", "reject"]),
    note,
  }),
  z.strictObject({ kind: z.literal("editClaim"), claim: z.string(), fields: z.array(z.string()), note }),
  z.strictObject({ kind: z.literal("mergeEntity"), entity: z.string(), into: z.string(), note }),
  z.strictObject({
    kind: z.literal("reviewEntity"),
    entity: z.string(),
    decision: z.enum(["accept", "reject"]),
    note,
  }),
  z.strictObject({ kind: z.literal("undo"), change: z.string(), note }),
]);

const kind = z.enum(["entity", "claim"]);
const changeSchema = z.union([
  z.strictObject({
    op: z.literal("add"),
    kind: z.literal("source"),
    record,
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    where: z.string().optional(),
  }),
  z.strictObject({ op: z.literal("add"), kind, record, where: z.string().optional() }),
  z.strictObject({
    op: z.literal("update"),
    kind,
    record,
    previous: record,
    where: z.string().optional(),
  }),
  z.strictObject({ op: z.literal("remove"), kind, previous: record, where: z.string().optional() }),
]);

export const journalLineSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]{6,40}$/),
  time: z.iso.datetime(),
  author: z.string().min(1),
  key: z.string().nullable(),
  request: z.string().nullable(),
  action: actionSchema,
  changes: z.array(changeSchema),
});

export const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

/** A fresh change-set id: the time in base 36 then randomness, so ids sort roughly by time. */
export const newChangeId = () => `${Date.now().toString(36)}${randomBytes(6).toString("hex")}`;

/** The journal form of a change: a source's text becomes its hash. */
function journalChange(change: JournalChange): JournalChange {
  if (change.op === "add" && change.kind === "source") {
    const textSha256 = change.text === undefined ? change.textSha256 : sha256(change.text);
    const { text: _text, ...rest } = change;
    return { ...rest, textSha256 };
  }
  return change;
}

/** One journal line, without its line break. */
export function serializeEntry(entry: JournalEntry): string {
  const { position: _position, ...rest } = entry;
  return JSON.stringify({ ...rest, changes: entry.changes.map(journalChange) });
}

/** An entry read back from its line, or the reason it is not one. */
export function parseEntry(value: unknown, position: number): JournalEntry | z.ZodError {
  const parsed = journalLineSchema.safeParse(value);
  if (!parsed.success) return parsed.error;
  return { ...parsed.data, position, changes: parsed.data.changes as JournalChange[] } as JournalEntry;
}

/** The ids of the records a change set touches, by kind: what a viewer must fetch again. */
export function touchedIds(
  entry: Pick<JournalEntry, "changes">,
): Record<"source" | "entity" | "claim", string[]> {
  const touched = { source: new Set<string>(), entity: new Set<string>(), claim: new Set<string>() };
  for (const change of entry.changes) {
    const id = change.op === "remove" ? change.previous.id : change.record.id;
    touched[change.kind].add(id);
  }
  return { source: [...touched.source], entity: [...touched.entity], claim: [...touched.claim] };
}
