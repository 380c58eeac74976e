import { z } from "zod";
import { parseDate } from "./dates.ts";
import { parseDuration } from "./durations.ts";
import { ATTRIBUTE_PROPERTIES, MODALITIES, NODE_KINDS } from "./types.ts";

/** Shapes of the files in graph-data/, before references between them are checked. */

export const ENTITY_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const RELATION_ID = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

const entityId = z
  .string()
  .regex(ENTITY_ID, "must be lower-case words joined by hyphens, like nagorno-karabakh");
const text = z.string().trim().min(1, "must not be empty");

/** A date or interval; YAML reads a bare year as a number, so both are accepted. */
export const dateSchema = z.union([z.string(), z.number()]).transform((input, ctx) => {
  const parsed = parseDate(input);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  return parsed;
});

/** An ISO 8601 duration such as P1D or P44D. */
export const durationSchema = z.union([z.string(), z.number()]).transform((input, ctx) => {
  const parsed = parseDuration(input);
  if (typeof parsed === "string") {
    ctx.addIssue({ code: "custom", message: parsed });
    return z.NEVER;
  }
  return parsed;
});

export const modalitySchema = z.enum(MODALITIES);

export const nodeTypesFileSchema = z.partialRecord(
  z.enum(NODE_KINDS),
  z.record(
    z.string().regex(/^[a-z]+(?:_[a-z]+)*$/, "must be lower_snake_case"),
    z.strictObject({ label: text, description: text, anyOther: z.boolean().optional() }),
  ),
);

/** A relation type's event codes, as its base or at one modality. */
const eventCodesShape = {
  cameo: z
    .string({
      error: 'must be a quoted string of digits, like "051" (unquoted, YAML reads it as a number)',
    })
    .regex(/^\d{2,4}$/, "must be 2 to 4 digits")
    .optional(),
  cameoLabel: text.optional(),
  goldstein: z.number().min(-10).max(10).optional(),
  plover: z
    .string()
    .regex(/^[A-Z]+$/)
    .optional(),
};

export const relationTypesFileSchema = z.record(
  z.string().regex(RELATION_ID, "must be UPPER_SNAKE_CASE"),
  z.strictObject({
    label: text,
    description: text,
    domain: z.array(text).min(1),
    range: z.array(text).min(1),
    symmetric: z.boolean().optional(),
    ...eventCodesShape,
    modalities: z.partialRecord(modalitySchema, z.strictObject(eventCodesShape)).optional(),
    dateFrom: z.enum(["subject", "object"]).optional(),
    party: z.boolean().optional(),
  }),
);

export const extentsFileSchema = z.record(
  z.string().regex(/^[a-z]+$/, "must be one lower-case word"),
  z.strictObject({
    min: z.number().min(0).max(1),
    max: z.number().min(0).max(1),
    description: text,
  }),
);

export const sourceFileSchema = z.strictObject({
  title: text,
  outlet: text.nullable(),
  url: z.url().nullable(),
  published: dateSchema.nullable(),
  author: text.nullable(),
  language: z.string().regex(/^[a-z]{2,3}$/, "must be an ISO 639 code such as en"),
  added: dateSchema,
  note: text.optional(),
});

/** One entity: the value under its id in entities/*.yaml, or a line of entities/*.jsonl less its id. */
export const entitySchema = z.strictObject({
  label: text,
  type: text,
  aliases: z.array(text).optional(),
  description: text,
  wikidata: z
    .string()
    .regex(/^Q[1-9]\d*$/, "must be a Wikidata item id such as Q399")
    .nullable()
    .optional(),
  cameo: z
    .string()
    .regex(/^[A-Z]{3}(?:[A-Z]{3})*$/, "must be a CAMEO actor code such as ARM or IGOUNO")
    .nullable()
    .optional(),
  status: z.enum(["curated", "extracted"]).optional(),
});

export const entitiesFileSchema = z.record(entityId, entitySchema);

/** The id of an entity on a line of entities/*.jsonl. */
export const entityIdSchema = entityId;

const qualifiersSchema = z.strictObject({
  date: dateSchema.optional(),
  count: z.number().int().nonnegative().optional(),
  duration: durationSchema.optional(),
  /** A term of vocabulary/extents.yaml or a fraction; checked against the scale when the claim is. */
  extent: z.union([z.string(), z.number()]).optional(),
  outOf: z.number().int().positive().optional(),
  approximate: z.boolean().optional(),
  place: entityId.optional(),
  event: entityId.optional(),
  role: text.optional(),
  framing: text.optional(),
  note: text.optional(),
});

const confidence = z.number().min(0, "must be between 0 and 1").max(1, "must be between 0 and 1");
const status = z.enum(["curated", "extracted"]);

export const claimSchema = z.strictObject({
  subject: entityId,
  relation: z.string().optional(),
  object: entityId.optional(),
  property: z.enum(ATTRIBUTE_PROPERTIES).optional(),
  value: z.union([z.string(), z.number()]).optional(),
  quote: z.string().min(1, "must not be empty"),
  confidence: confidence.optional(),
  status: status.optional(),
  modality: modalitySchema.optional(),
  attributedTo: entityId.optional(),
  qualifiers: qualifiersSchema.optional(),
  /** Offset of the quote in the source text, in UTF-16 code units; the first occurrence when absent. */
  start: z.number().int("must be a whole number").nonnegative().optional(),
  /** The id of the extraction rule that proposed the claim. */
  rule: text.optional(),
});

/** A claim id: in a YAML claims file the key, on a line of claims/*.jsonl its `id` field. */
export const claimIdSchema = z
  .string()
  .regex(ENTITY_ID, "claim ids must be lower-case words joined by hyphens");

/** A source id as claims name it. */
export const sourceIdSchema = text;

/** A source id on a line of sources/*.jsonl: it names the text file, `sources/<id>.txt`. */
export const sourceLineIdSchema = z
  .string()
  .regex(ENTITY_ID, "source ids must be lower-case words joined by hyphens");

export const claimsFileSchema = z.strictObject({
  source: text,
  defaults: z.strictObject({ confidence: confidence.optional(), status: status.optional() }).optional(),
  claims: z.record(claimIdSchema, z.unknown()),
});
