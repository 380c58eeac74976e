import type { DateValue } from "./dates.ts";
import type { Claim, Entity, Qualifiers, Source } from "./types.ts";

/**
 * The typed model back to the JSON Lines records graph-data/README.md documents (a claim line, an
 * entity line, a source line): what writers store and what the journal keeps as previous values.
 * Reading a record back through the loader gives the same typed object, less derived fields.
 */
export type ModelRecord = { id: string } & Record<string, unknown>;

const dateText = (date: DateValue | null) => (date === null ? null : date.text);

/**
 * A typed value as a record writes it: dates and durations as their text, an extent as its term
 * or, for a fraction, its number.
 */
function valueRecord(key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || !("text" in value)) return value;
  const { text } = value as { text: string };
  return key === "extent" && /^[0-9.]+$/.test(text) ? Number(text) : text;
}

function qualifiersRecord(qualifiers: Qualifiers): Record<string, unknown> | undefined {
  const entries = Object.entries(qualifiers).map(([key, value]) => [key, valueRecord(key, value)]);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

/** Fields the loader derives or attaches, never written in a record. */
const DERIVED = new Set(["form", "quoteStart", "file", "line", "kind", "text"]);

/** Model fields added by later versions of the model are carried over as they are. */
function extraFields(object: object, known: Set<string>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) {
    if (!known.has(key) && !DERIVED.has(key) && value !== undefined && value !== null) extra[key] = value;
  }
  return extra;
}

const CLAIM_FIELDS = new Set([
  "start",
  "id",
  "source",
  "subject",
  "relation",
  "object",
  "property",
  "value",
  "quote",
  "confidence",
  "status",
  "attributedTo",
  "qualifiers",
]);

export function claimRecord(claim: Claim): ModelRecord {
  const record: ModelRecord = { id: claim.id, source: claim.source, subject: claim.subject };
  if (claim.form === "relation") {
    record.relation = claim.relation;
    record.object = claim.object;
  } else {
    record.property = claim.property;
    record.value = valueRecord(claim.property, claim.value);
  }
  record.quote = claim.quote;
  // The offset is written out, so the record points at this occurrence of the quote, not the first.
  record.start = claim.quoteStart;
  record.confidence = claim.confidence;
  record.status = claim.status;
  if (claim.attributedTo !== null) record.attributedTo = claim.attributedTo;
  const qualifiers = claim.form === "relation" ? qualifiersRecord(claim.qualifiers) : undefined;
  if (qualifiers) record.qualifiers = qualifiers;
  return { ...record, ...extraFields(claim, CLAIM_FIELDS) };
}

const ENTITY_FIELDS = new Set(["id", "label", "type", "aliases", "description", "wikidata", "cameo"]);

export function entityRecord(entity: Entity): ModelRecord {
  const record: ModelRecord = { id: entity.id, label: entity.label, type: entity.type };
  if (entity.aliases.length > 0) record.aliases = [...entity.aliases];
  record.description = entity.description;
  if (entity.wikidata !== null) record.wikidata = entity.wikidata;
  if (entity.cameo !== null) record.cameo = entity.cameo;
  return { ...record, ...extraFields(entity, ENTITY_FIELDS) };
}

/** A source's metadata record; its text is stored beside it. */
export function sourceRecord(source: Source): ModelRecord {
  const record: ModelRecord = {
    id: source.id,
    title: source.title,
    outlet: source.outlet,
    url: source.url,
    published: dateText(source.published),
    author: source.author,
    language: source.language,
    added: dateText(source.added),
  };
  if (source.note !== null) record.note = source.note;
  return record;
}

/** Values a record may leave out, and what leaving them out means. */
const DEFAULTS: Record<string, unknown> = {
  confidence: 1,
  status: "curated",
  attributedTo: null,
  qualifiers: {},
  aliases: [],
  wikidata: null,
  cameo: null,
  note: null,
  modality: "asserted",
  rule: null,
};

/** Fields two records may differ in and still say the same: `start` is where the loader finds the quote anyway. */
const IMMATERIAL = new Set(["start"]);

/** JSON with keys sorted and defaults left out, so equal records compare equal however written. */
function canonical(value: unknown, top: boolean): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, false)).join(",")}]`;
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const keys = Object.keys(value)
    .filter((key) => {
      const field = (value as Record<string, unknown>)[key];
      if (field === undefined || (top && IMMATERIAL.has(key))) return false;
      return !(top && key in DEFAULTS && canonical(field, false) === canonical(DEFAULTS[key], false));
    })
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key], false)}`).join(",")}}`;
}

/** Whether two records say the same thing (key order and omitted defaults aside). */
export const sameRecord = (a: unknown, b: unknown) => canonical(a, true) === canonical(b, true);
