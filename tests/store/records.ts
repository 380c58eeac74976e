import type { ChangeSet, JsonRecord } from "../../server/store/types.ts";

/** Change sets over the minimal fixture (tests/helpers/fixture.ts), as the write service makes them. */

export const SECOND_TEXT =
  "Türkiye welcomed the joint statement. Armenia issued a statement of its own on 8 December 2023.";

export function secondSource(id = "second"): ChangeSet {
  return {
    action: { kind: "ingestSource", source: id },
    changes: [
      {
        op: "add",
        kind: "source",
        text: SECOND_TEXT,
        record: {
          id,
          title: "Second article",
          outlet: null,
          url: null,
          published: "2023-12-09",
          author: null,
          language: "en",
          added: "2026-11-23",
        },
      },
      {
        op: "add",
        kind: "claim",
        record: {
          id: `${id}-welcomed`,
          source: id,
          subject: "turkey",
          relation: "WELCOMED",
          object: "joint-statement",
          quote: "Türkiye welcomed the joint statement",
          confidence: 0.8,
          status: "extracted",
        },
      },
      {
        op: "add",
        kind: "claim",
        record: {
          id: `${id}-date`,
          source: id,
          subject: "joint-statement",
          property: "date",
          value: "2023-12-08",
          quote: "on 8 December 2023",
          confidence: 0.7,
          status: "extracted",
        },
      },
      {
        op: "add",
        kind: "entity",
        record: {
          id: `${id}-azerbaijan`,
          label: "Azerbaijan",
          type: "state",
          description: "A state.",
          status: "extracted",
        },
      },
    ],
  };
}

/** The welcomed claim of `secondSource`, as committed. */
export const welcomed = (id = "second"): JsonRecord =>
  (secondSource(id).changes[1] as { record: JsonRecord }).record;

export function accept(record: JsonRecord, where?: string): ChangeSet {
  return {
    action: { kind: "reviewClaim", claim: record.id, decision: "accept", note: null },
    changes: [
      { op: "update", kind: "claim", previous: record, record: { ...record, status: "curated" }, where },
    ],
  };
}

export function reject(record: JsonRecord, note: string | null = null): ChangeSet {
  return {
    action: { kind: "reviewClaim", claim: record.id, decision: "reject", note },
    changes: [{ op: "remove", kind: "claim", previous: record }],
  };
}
