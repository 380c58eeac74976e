import { parseDate } from "./dates.ts";
import type { Problem } from "./problems.ts";
import type { QuoteIndex } from "./quote-index.ts";
import { claimSchema, claimsFileSchema } from "./schemas.ts";
import type { Claim, Entity, NodeType, Qualifiers, RelationType, Source } from "./types.ts";
import type { DocumentPath, YamlFile } from "./yaml-file.ts";
import { zodProblems } from "./zod-problems.ts";

export interface ClaimContext {
  relationTypes: ReadonlyMap<string, RelationType>;
  nodeTypes: ReadonlyMap<string, NodeType>;
  sources: ReadonlyMap<string, Source>;
  entities: ReadonlyMap<string, Entity>;
  quotes: QuoteIndex;
  /** Where each claim id was first seen, to catch duplicates across files. */
  claimIds: Map<string, string>;
  /** False when an entities file could not be read: missing ids are then not reported as dangling. */
  entitiesComplete: boolean;
  /** Ids of entities that were defined but rejected for problems of their own. */
  rejectedEntityIds: ReadonlySet<string>;
}

const fits = (entity: Entity, allowed: readonly string[]) =>
  allowed.includes(entity.kind) || allowed.includes(entity.type);
const describe = (entity: Entity) => `"${entity.id}" (${entity.kind}/${entity.type})`;

/** Reads one claims file; every claim that passes all checks is appended to `claims`. */
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
  if (!context.sources.has(sourceId)) {
    problems.push(yaml.problemAt(["source"], `unknown source "${sourceId}": no sources/${sourceId}.yaml`));
    return;
  }
  const lines = yaml.keyLines(["claims"]);
  for (const [id, rawClaim] of Object.entries(rawClaims)) {
    let valid = true;
    const at = (path: DocumentPath, message: string) => {
      valid = false;
      problems.push(yaml.problemAt(["claims", id, ...path], message));
    };
    const parsed = claimSchema.safeParse(rawClaim);
    if (!parsed.success) {
      problems.push(...zodProblems(yaml, parsed.error, ["claims", id]));
      continue;
    }
    const raw = parsed.data;

    const seenIn = context.claimIds.get(id);
    if (seenIn) at([], `duplicate claim id "${id}": already used in ${seenIn}`);
    else context.claimIds.set(id, yaml.file);

    const entity = (path: DocumentPath, entityId: string | undefined): Entity | undefined => {
      if (entityId === undefined) return undefined;
      const found = context.entities.get(entityId);
      if (!found) {
        if (context.rejectedEntityIds.has(entityId))
          at(path, `"${entityId}" was rejected: see its own problem`);
        else if (context.entitiesComplete) at(path, `dangling reference: no entity "${entityId}"`);
        else valid = false;
      }
      return found;
    };
    const subject = entity(["subject"], raw.subject);
    entity(["attributedTo"], raw.attributedTo);

    const quoteStart = context.quotes.locate(sourceId, raw.quote);
    if (quoteStart < 0) at(["quote"], context.quotes.explainMismatch(sourceId, raw.quote));

    const base = {
      id,
      source: sourceId,
      subject: raw.subject,
      quote: raw.quote,
      quoteStart,
      confidence: raw.confidence ?? defaults?.confidence ?? 1,
      status: raw.status ?? defaults?.status ?? "curated",
      attributedTo: raw.attributedTo ?? null,
      file: yaml.file,
      line: lines.get(id),
    };

    const isRelation = raw.relation !== undefined || raw.object !== undefined;
    const isAttribute = raw.property !== undefined || raw.value !== undefined;
    if (isRelation === isAttribute) {
      at([], "a claim has either relation and object, or property and value");
      continue;
    }

    if (isAttribute) {
      if (raw.property === undefined || raw.value === undefined) {
        at([], "an attribute claim needs both property and value");
        continue;
      }
      if (raw.qualifiers) at(["qualifiers"], "qualifiers belong to relation claims");
      if (raw.property === "date") {
        const date = parseDate(raw.value);
        if (typeof date === "string") at(["value"], date);
        else if (valid) claims.push({ ...base, form: "attribute", property: "date", value: date });
      } else {
        if (typeof raw.value !== "number" || !Number.isInteger(raw.value) || raw.value < 0) {
          at(["value"], "a count must be a whole number");
        } else if (valid) {
          claims.push({ ...base, form: "attribute", property: "count", value: raw.value });
        }
      }
      continue;
    }

    if (raw.relation === undefined || raw.object === undefined) {
      at([], "a relation claim needs both relation and object");
      continue;
    }
    const object = entity(["object"], raw.object);
    const relationType = context.relationTypes.get(raw.relation);
    if (!relationType) {
      at(["relation"], `unknown relation "${raw.relation}" (see vocabulary/relations.yaml)`);
    } else {
      if (subject && !fits(subject, relationType.domain)) {
        at(
          ["subject"],
          `${raw.relation} needs a subject of kind ${relationType.domain.join(" or ")}, not ${describe(subject)}`,
        );
      }
      if (object && !fits(object, relationType.range)) {
        at(
          ["object"],
          `${raw.relation} needs an object of kind ${relationType.range.join(" or ")}, not ${describe(object)}`,
        );
      }
    }
    const qualifiers: Qualifiers = { ...raw.qualifiers };
    const place = entity(["qualifiers", "place"], qualifiers.place);
    if (place && place.kind !== "place") at(["qualifiers", "place"], `${describe(place)} is not a place`);
    const event = entity(["qualifiers", "event"], qualifiers.event);
    if (event && event.kind !== "event") at(["qualifiers", "event"], `${describe(event)} is not an event`);
    if (qualifiers.outOf !== undefined) {
      if (qualifiers.count === undefined) at(["qualifiers", "outOf"], "outOf needs a count");
      else if (qualifiers.count > qualifiers.outOf) at(["qualifiers", "count"], "count is larger than outOf");
    }
    if (valid) {
      claims.push({ ...base, form: "relation", relation: raw.relation, object: raw.object, qualifiers });
    }
  }
}
