import { StoreRefusal, type JsonRecord, type RecordKind } from "../types.ts";

/**
 * Where records live, in graph-data's terms, so an export writes what the folder store would have
 * written (graph-data/README.md, and the coordination spec's machine-written layout): a new source
 * belongs to sources/sources.jsonl (its text to sources/<id>.txt), a new claim to
 * claims/<source>.jsonl, a proposed entity to entities/proposed.jsonl. A changed record stays in
 * its file.
 */

export const TABLES: Record<RecordKind, "sources" | "entities" | "claims"> = {
  source: "sources",
  entity: "entities",
  claim: "claims",
};

export const SOURCES_FILE = "sources/sources.jsonl";
export const PROPOSED_ENTITIES_FILE = "entities/proposed.jsonl";
export const JOURNAL_FILE = "reviews/journal.jsonl";

/** Ids that become file names must be safe ones. */
const SAFE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function safeId(value: unknown, what: string): string {
  if (typeof value !== "string" || !SAFE_ID.test(value))
    throw new StoreRefusal(
      `${what} must be lower-case words joined by hyphens, got ${JSON.stringify(value)}`,
    );
  return value;
}

/** The file a new record of this kind goes to. */
export function fileForNew(kind: RecordKind, record: JsonRecord): string {
  if (kind === "source") {
    safeId(record.id, "source id");
    return SOURCES_FILE;
  }
  if (kind === "claim") return `claims/${safeId(record.source, "source")}.jsonl`;
  return PROPOSED_ENTITIES_FILE;
}

/** The text file of a source, in a folder. */
export const sourceTextFile = (id: string) => `sources/${id}.txt`;
