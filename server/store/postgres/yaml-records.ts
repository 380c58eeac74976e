import path from "node:path";
import { parseDocument } from "yaml";
import { sameRecord } from "../../model/records.ts";
import type { JsonRecord } from "../types.ts";

/**
 * Hand-written YAML record files on their way back out of the database. A file whose records are
 * all as they were imported is written back byte for byte. Otherwise only the entries that changed
 * are replaced or removed in the parsed document, so comments, order and layout around them stay
 * and `git diff` shows just the change (graph-data/README.md describes the three YAML forms).
 */

export type YamlKind = "source" | "entity" | "claim";

/** Values a record may leave out (graph-data/README.md); a YAML file's `defaults` may differ. */
const CLAIM_DEFAULTS: Record<string, unknown> = { confidence: 1, status: "curated" };

interface YamlForm {
  data: Record<string, unknown>;
  /** The records the file holds, by id, in its order. */
  records: Map<string, JsonRecord>;
  /** Where in the document an entry lives. */
  pathOf(id: string): string[];
  /** An entry's fields as this file writes them. */
  fieldsOf(record: JsonRecord): Record<string, unknown>;
}

/** A bare year is a number in YAML and a string in a stored record: compare them as dates. */
function datesAsText(record: JsonRecord): JsonRecord {
  const text = (value: unknown) => (typeof value === "number" ? String(value) : value);
  const out: JsonRecord = { ...record };
  for (const key of ["published", "added"]) if (key in out) out[key] = text(out[key]);
  if (out.property === "date") out.value = text(out.value);
  const qualifiers = out.qualifiers;
  if (typeof qualifiers === "object" && qualifiers !== null && "date" in qualifiers)
    out.qualifiers = { ...qualifiers, date: text((qualifiers as { date: unknown }).date) };
  return out;
}

const withoutId = ({ id: _id, ...fields }: JsonRecord) => fields;
const asObject = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

function yamlForm(kind: YamlKind, file: string, data: Record<string, unknown>): YamlForm {
  if (kind === "source") {
    const id = path.posix.basename(file).replace(/\.ya?ml$/, "");
    return { data, records: new Map([[id, { id, ...data }]]), pathOf: () => [], fieldsOf: withoutId };
  }
  if (kind === "entity") {
    const records = new Map<string, JsonRecord>();
    for (const [id, fields] of Object.entries(data)) records.set(id, { id, ...asObject(fields) });
    return { data, records, pathOf: (id) => [id], fieldsOf: withoutId };
  }
  const source = data.source;
  const defaults = asObject(data.defaults);
  const records = new Map<string, JsonRecord>();
  for (const [id, fields] of Object.entries(asObject(data.claims)))
    records.set(id, { id, source, ...defaults, ...asObject(fields) });
  return {
    data,
    records,
    pathOf: (id) => ["claims", id],
    fieldsOf(record) {
      const fields: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(withoutId(record))) {
        if (key === "source" && value === source) continue;
        if (key in defaults && sameRecord(value, defaults[key])) continue;
        fields[key] = value;
      }
      // The file's defaults would otherwise apply to a field the record leaves at the global default.
      for (const key of Object.keys(defaults))
        if (!(key in record) && key in CLAIM_DEFAULTS) fields[key] = CLAIM_DEFAULTS[key];
      return fields;
    },
  };
}

/** The file's content with `current` (its records now, in order) written into it. */
export function rewriteYamlRecords(
  kind: YamlKind,
  file: string,
  content: Buffer,
  current: JsonRecord[],
): Buffer {
  const doc = parseDocument(content.toString("utf8"), { uniqueKeys: false });
  const form = yamlForm(kind, file, asObject(doc.toJS()));
  const now = new Map(current.map((record) => [record.id, record]));
  let changed = false;
  for (const [id, original] of form.records) {
    const record = now.get(id);
    if (record && sameRecord(record, datesAsText(original))) continue;
    changed = true;
    if (!record) doc.deleteIn(form.pathOf(id));
    else if (kind === "source") {
      const fields = form.fieldsOf(record);
      for (const key of Object.keys(form.data)) if (!(key in fields)) doc.delete(key);
      for (const [key, value] of Object.entries(fields)) doc.set(key, value);
    } else doc.setIn(form.pathOf(id), form.fieldsOf(record));
  }
  for (const record of current) {
    if (form.records.has(record.id)) continue;
    changed = true;
    doc.setIn(form.pathOf(record.id), form.fieldsOf(record));
  }
  if (!changed) return content;
  const text = doc.toString({ lineWidth: 0 });
  // Keep the file's own ending: the library always ends with a line break.
  const endsWithBreak = content.length === 0 || content[content.length - 1] === 0x0a;
  return Buffer.from(endsWithBreak ? text : text.replace(/\n$/, ""), "utf8");
}
