import { parseDate } from "./dates.ts";
import { parseDuration } from "./durations.ts";
import { parseExtent, type ExtentTerm } from "./extents.ts";
import type { Problem } from "./problems.ts";
import type { QuoteIndex } from "./quote-index.ts";
import { claimIdSchema, claimSchema, claimsFileSchema, sourceIdSchema } from "./schemas.ts";
import type {
  AttributeProperty,
  AttributeValue,
  Claim,
  ClaimStatus,
  Entity,
  NodeType,
  Qualifiers,
  RelationType,
  Source,
} from "./types.ts";
import type { DocumentPath, ProblemLocator, YamlFile } from "./yaml-file.ts";
import type { JsonLine } from "./jsonl-file.ts";
import type { z } from "zod";
import { attributeClaimRecord, relationClaimRecord, type ClaimBase } from "./claim-record.ts";
import { zodProblems } from "./zod-problems.ts";
import type { Suggestions } from "./suggest.ts";

export interface ClaimContext {
  relationTypes: ReadonlyMap<string, RelationType>;
  nodeTypes: ReadonlyMap<string, NodeType>;
  extents: ReadonlyMap<string, ExtentTerm>;
  sources: ReadonlyMap<string, Source>;
  entities: ReadonlyMap<string, Entity>;
  quotes: QuoteIndex;
  /** Where each claim id was first seen, to catch duplicates across files. */
  claimIds: Map<string, string>;
  /** False when an entities file could not be read: missing ids are then not reported as dangling. */
  entitiesComplete: boolean;
  /** Ids of entities that were defined but rejected for problems of their own. */
  rejectedEntityIds: ReadonlySet<string>;
  /** "Did you mean" hints for misspelt ids and relation types (optional: callers may omit them). */
  suggestions?: Suggestions;
}

/** Confidence and status for claims that do not give their own. */
export interface ClaimDefaults {
  confidence?: number | undefined;
  status?: ClaimStatus | undefined;
}

/** Where one claim is written: its file and line, and how to point at a field inside the claim. */
export interface ClaimPlace extends ProblemLocator {
  line: number | undefined;
}

/** Claims without qualifiers share this one empty, frozen object: a million claims, one object. */
const NO_QUALIFIERS: Qualifiers = Object.freeze({});

const fits = (entity: Entity, allowed: readonly string[]) =>
  allowed.includes(entity.kind) || allowed.includes(entity.type);
const describe = (entity: Entity) => `"${entity.id}" (${entity.kind}/${entity.type})`;

/** The state of checking one claim: module-level helpers instead of closures keep the hot path lean. */
interface Check {
  valid: boolean;
  where: ClaimPlace;
  context: ClaimContext;
  problems: Problem[];
}

function fail(check: Check, path: DocumentPath, message: string): void {
  check.valid = false;
  check.problems.push(check.where.problemAt(path, message));
}

/** The entity an id names, or undefined after reporting why there is none. */
function findEntity(check: Check, path: DocumentPath, entityId: string | undefined): Entity | undefined {
  if (entityId === undefined) return undefined;
  const found = check.context.entities.get(entityId);
  if (!found) {
    if (check.context.rejectedEntityIds.has(entityId))
      fail(check, path, `"${entityId}" was rejected: see its own problem`);
    else if (check.context.entitiesComplete) {
      const hint = check.context.suggestions?.hint(entityId, check.context.entities.keys(), true) ?? "";
      fail(check, path, `dangling reference: no entity "${entityId}"${hint}`);
    } else check.valid = false;
  }
  return found;
}

/**
 * Checks one claim, whichever file format it was written in (a YAML claims file or a JSON line),
 * and appends it to `claims` when it passes every check. `where` locates paths inside the claim.
 * Strings that name an entity or a source are replaced by the entity's or source's own id string,
 * and the quote by a slice of the source's text, so a million claims do not hold a million copies.
 */
export function checkClaim(
  id: string,
  source: Source,
  rawClaim: unknown,
  defaults: ClaimDefaults | undefined,
  where: ClaimPlace,
  context: ClaimContext,
  claims: Claim[],
  problems: Problem[],
): void {
  const parsed = claimSchema.safeParse(rawClaim);
  if (!parsed.success) {
    problems.push(...zodProblems(where, parsed.error));
    // Every problem of the claim, not only the malformed fields: check the well-formed rest too.
    checkWellFormedFields(rawClaim, parsed.error, source, { valid: false, where, context, problems });
    return;
  }
  const raw = parsed.data;
  const check: Check = { valid: true, where, context, problems };

  const seenIn = context.claimIds.get(id);
  if (seenIn) fail(check, [], `duplicate claim id "${id}": already used in ${seenIn}`);
  else context.claimIds.set(id, where.file);

  const subject = findEntity(check, ["subject"], raw.subject);
  const attributedTo = findEntity(check, ["attributedTo"], raw.attributedTo);

  const quoteStart = locateQuote(check, source, raw.quote, raw.start);
  const modality = raw.modality ?? "asserted";
  for (const [role, entity] of [
    ["subject", subject],
    ["attributedTo", attributedTo],
  ] as const) {
    if (entity && standsForAnyOther(context, entity) && (role !== "subject" || modality !== "negated"))
      fail(check, [role], anyOtherMisuse(entity));
  }

  const isRelation = raw.relation !== undefined || raw.object !== undefined;
  const isAttribute = raw.property !== undefined || raw.value !== undefined;
  if (isRelation === isAttribute) {
    fail(check, [], "a claim has either relation and object, or property and value");
    return;
  }
  const subjectId = subject?.id ?? raw.subject;
  const quote = quoteStart < 0 ? raw.quote : source.text.slice(quoteStart, quoteStart + raw.quote.length);
  const confidence = raw.confidence ?? defaults?.confidence ?? 1;
  const status = raw.status ?? defaults?.status ?? "curated";
  const attributedToId = attributedTo?.id ?? raw.attributedTo ?? null;
  const rule = raw.rule ?? null;

  const base: ClaimBase = {
    id,
    source: source.id,
    subject: subjectId,
    quote,
    quoteStart,
    confidence,
    status,
    modality,
    attributedTo: attributedToId,
    rule,
    file: where.file,
    line: where.line,
  };
  if (isAttribute) {
    if (raw.property === undefined || raw.value === undefined) {
      fail(check, [], "an attribute claim needs both property and value");
      return;
    }
    if (raw.qualifiers) fail(check, ["qualifiers"], "qualifiers belong to relation claims");
    const value = attributeValue(raw.property, raw.value, context.extents);
    if (typeof value === "string") fail(check, ["value"], value);
    else if (check.valid) {
      claims.push(attributeClaimRecord(base, value));
    }
    return;
  }

  if (raw.relation === undefined || raw.object === undefined) {
    fail(check, [], "a relation claim needs both relation and object");
    return;
  }
  const object = findEntity(check, ["object"], raw.object);
  if (object && standsForAnyOther(context, object)) fail(check, ["object"], anyOtherMisuse(object));
  const relationType = context.relationTypes.get(raw.relation);
  if (!relationType) {
    fail(check, ["relation"], unknownRelation(context, raw.relation));
  } else {
    if (subject && !fits(subject, relationType.domain)) {
      fail(
        check,
        ["subject"],
        `${raw.relation} needs a subject of kind ${relationType.domain.join(" or ")}, not ${describe(subject)}`,
      );
    }
    if (object && !fits(object, relationType.range)) {
      fail(
        check,
        ["object"],
        `${raw.relation} needs an object of kind ${relationType.range.join(" or ")}, not ${describe(object)}`,
      );
    }
  }
  const qualifiers = raw.qualifiers ? readQualifiers(check, raw.qualifiers) : NO_QUALIFIERS;
  const place = findEntity(check, ["qualifiers", "place"], qualifiers.place);
  if (place && place.kind !== "place")
    fail(check, ["qualifiers", "place"], `${describe(place)} is not a place`);
  const event = findEntity(check, ["qualifiers", "event"], qualifiers.event);
  if (event && event.kind !== "event")
    fail(check, ["qualifiers", "event"], `${describe(event)} is not an event`);
  // The framing is the source's own words for this fact, so it lies inside the quote that states it.
  if (qualifiers.framing !== undefined && quoteStart >= 0 && !raw.quote.includes(qualifiers.framing))
    fail(
      check,
      ["qualifiers", "framing"],
      `"${qualifiers.framing}" is not in the quote: a framing is the source's own words, inside the quote`,
    );
  if (qualifiers.outOf !== undefined) {
    if (qualifiers.count === undefined) fail(check, ["qualifiers", "outOf"], "outOf needs a count");
    else if (qualifiers.count > qualifiers.outOf)
      fail(check, ["qualifiers", "count"], "count is larger than outOf");
  }
  if (!check.valid) return;
  if (place) qualifiers.place = place.id;
  if (event) qualifiers.event = event.id;
  claims.push(
    relationClaimRecord(base, relationType?.id ?? raw.relation, object?.id ?? raw.object, qualifiers),
  );
}

function unknownRelation(context: ClaimContext, relation: string): string {
  const hint = context.suggestions?.hint(relation, context.relationTypes.keys()) ?? "";
  return `unknown relation "${relation}" (see vocabulary/relations.yaml)${hint}`;
}

/**
 * For a claim that failed the schema: the references and the quote among the fields the schema
 * did accept, so one run reports a bad confidence, a bad date and a dangling subject together.
 */
function checkWellFormedFields(rawClaim: unknown, error: z.ZodError, source: Source, check: Check): void {
  if (typeof rawClaim !== "object" || rawClaim === null) return;
  const raw = rawClaim as Record<string, unknown>;
  const malformed = new Set(error.issues.map((issue) => issue.path.join(".")));
  const wellFormed = (path: string) =>
    typeof valueAt(raw, path) === "string" &&
    ![...malformed].some(
      (bad) => bad === "" || bad === path || path.startsWith(`${bad}.`) || bad.startsWith(`${path}.`),
    );
  for (const path of ["subject", "object", "attributedTo", "qualifiers.place", "qualifiers.event"]) {
    if (wellFormed(path)) findEntity(check, path.split("."), valueAt(raw, path) as string);
  }
  if (wellFormed("relation") && !check.context.relationTypes.has(raw.relation as string))
    fail(check, ["relation"], unknownRelation(check.context, raw.relation as string));
  if (wellFormed("quote") && check.context.quotes.locate(source.id, raw.quote as string) < 0)
    fail(check, ["quote"], check.context.quotes.explainMismatch(source.id, raw.quote as string));
}

const valueAt = (raw: Record<string, unknown>, path: string): unknown =>
  path
    .split(".")
    .reduce<unknown>(
      (value, key) =>
        typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined,
      raw,
    );

/** Reads one YAML claims file; every claim that passes all checks is appended to `claims`. */
export function readClaims(
  yaml: YamlFile,
  context: ClaimContext,
  claims: Claim[],
  problems: Problem[],
): void {
  const parsedFile = claimsFileSchema.safeParse(yaml.data);
  if (!parsedFile.success) {
    problems.push(...zodProblems(yaml, parsedFile.error));
    return;
  }
  const { source: sourceId, defaults, claims: rawClaims } = parsedFile.data;
  const source = context.sources.get(sourceId);
  if (!source) {
    problems.push(yaml.problemAt(["source"], `unknown source "${sourceId}": no sources/${sourceId}.yaml`));
    return;
  }
  const lines = yaml.keyLines(["claims"]);
  for (const [id, rawClaim] of Object.entries(rawClaims)) {
    const where: ClaimPlace = {
      file: yaml.file,
      line: lines.get(id),
      problemAt: (path, message) => yaml.problemAt(["claims", id, ...path], message),
    };
    checkClaim(id, source, rawClaim, defaults, where, context, claims, problems);
  }
}

/**
 * Reads one claim from a line of a claims/*.jsonl file: `{"id": …, "source": …, "subject": …, …}`,
 * the fields of a YAML claim plus its id and source. The checks are those of a YAML claim.
 */
export function readClaimLine(
  jsonLine: JsonLine,
  context: ClaimContext,
  claims: Claim[],
  problems: Problem[],
): void {
  const { id, source: sourceId, ...rawClaim } = jsonLine.value;
  const idCheck = claimIdSchema.safeParse(id);
  const sourceCheck = sourceIdSchema.safeParse(sourceId);
  if (!idCheck.success) problems.push(...zodProblems(jsonLine, idCheck.error, ["id"]));
  if (!sourceCheck.success) problems.push(...zodProblems(jsonLine, sourceCheck.error, ["source"]));
  if (!idCheck.success || !sourceCheck.success) return;
  const source = context.sources.get(sourceCheck.data);
  if (!source) {
    problems.push(
      jsonLine.problemAt(
        ["source"],
        `unknown source "${sourceCheck.data}": no sources/${sourceCheck.data}.yaml nor a line in sources/*.jsonl`,
      ),
    );
    return;
  }
  checkClaim(idCheck.data, source, rawClaim, undefined, jsonLine, context, claims, problems);
}

/** The typed value of an attribute claim, or the reason it is not one. */
function attributeValue(
  property: AttributeProperty,
  value: string | number,
  extents: ReadonlyMap<string, ExtentTerm>,
): AttributeValue | string {
  switch (property) {
    case "date": {
      const date = parseDate(value);
      return typeof date === "string" ? date : { property, value: date };
    }
    case "duration": {
      const duration = parseDuration(value);
      return typeof duration === "string" ? duration : { property, value: duration };
    }
    case "extent": {
      const extent = parseExtent(value, extents);
      return typeof extent === "string" ? extent : { property, value: extent };
    }
    case "count":
      if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
        return "a count must be a whole number";
      return { property, value };
  }
}

type RawQualifiers = Omit<Qualifiers, "extent"> & { extent?: string | number | undefined };

/** Qualifiers with the extent read against the scale; the rest were typed by the schema. */
function readQualifiers(check: Check, raw: RawQualifiers): Qualifiers {
  const { extent, ...rest } = raw;
  const qualifiers: Qualifiers = { ...rest };
  if (extent === undefined) return qualifiers;
  const parsed = parseExtent(extent, check.context.extents);
  if (typeof parsed === "string") fail(check, ["qualifiers", "extent"], parsed);
  else qualifiers.extent = parsed;
  return qualifiers;
}

/**
 * The quote's offset in its source. With `start`, the quote must be found exactly there (an
 * extractor gives the offset of the occurrence it read); without, it is the first occurrence.
 */
function locateQuote(check: Check, source: Source, quote: string, start: number | undefined): number {
  const first = check.context.quotes.locate(source.id, quote);
  if (first < 0) {
    fail(check, ["quote"], check.context.quotes.explainMismatch(source.id, quote));
    return -1;
  }
  if (start === undefined || source.text.startsWith(quote, start)) return start ?? first;
  const found = source.text.slice(start, start + Math.min(quote.length, 40));
  fail(
    check,
    ["start"],
    `the quote is not at offset ${start}: the text there reads "${found}"; the quote first occurs at ${first}`,
  );
  return -1;
}

const standsForAnyOther = (context: ClaimContext, entity: Entity) =>
  context.nodeTypes.get(entity.type)?.anyOther ?? false;

const anyOtherMisuse = (entity: Entity) =>
  `"${entity.id}" stands for any actor other than the parties, so it can only be the subject of a negated claim ("without third-party mediation")`;
