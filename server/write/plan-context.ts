import type { KnowledgeGraph } from "../graph/types.ts";
import type { JournalIndex } from "../live/journal-index.ts";
import { formatPath } from "../model/problems.ts";
import { readClaimRecord, readEntityRecord, type RecordScope } from "../model/read-records.ts";
import type { Claim, Entity } from "../model/types.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";

/** What a write is planned against: the graph as it stands and what the journal says about it. */
export interface PlanContext {
  knowledge: KnowledgeGraph;
  journal: JournalIndex;
}

export function findClaim({ knowledge }: PlanContext, id: string, argument = "id"): Claim {
  const claim = knowledge.claimsById.get(id);
  if (!claim) throw new InvalidArgument(argument, `no claim "${id}"`);
  return claim;
}

export function findEntity({ knowledge }: PlanContext, id: string, argument: string): Entity {
  const entity = knowledge.model.entities.get(id);
  if (!entity) throw new InvalidArgument(argument, `no entity "${id}"`);
  return entity;
}

/** An entity the extractor proposed and no analyst has accepted yet. */
export const isProposed = (entity: Entity) => entity.status === "extracted";

/**
 * Checks a claim record as the loader would; the first problem becomes a BAD_USER_INPUT naming the
 * argument. `fieldOf` maps a record field (such as `qualifiers.place`) to the argument it came from.
 */
export function checkClaim(
  record: Record<string, unknown>,
  scope: RecordScope,
  where: string,
  fieldOf: (recordPath: string) => string,
): Claim {
  const { claim, problems } = readClaimRecord(record, scope, where);
  if (claim) return claim;
  const [problem] = problems;
  throw new InvalidArgument(fieldOf(problem?.path ?? ""), problem?.message ?? "is not a valid claim");
}

export function checkEntity(
  record: Record<string, unknown>,
  scope: RecordScope,
  where: string,
  fieldOf: (recordPath: string) => string,
): Entity {
  const { entity, problems } = readEntityRecord(record, scope, where);
  if (entity) return entity;
  const [problem] = problems;
  throw new InvalidArgument(fieldOf(problem?.path ?? ""), problem?.message ?? "is not a valid entity");
}

/** Record fields that name an entity, as paths. */
export const ENTITY_FIELDS = [
  ["subject"],
  ["object"],
  ["attributedTo"],
  ["qualifiers", "place"],
  ["qualifiers", "event"],
];

/** Whether a claim names an entity in any role (subject, object, speaker, place, event). */
export function claimNames(claim: Claim, entityId: string): boolean {
  if (claim.subject === entityId || claim.attributedTo === entityId) return true;
  if (claim.form !== "relation") return false;
  return (
    claim.object === entityId || claim.qualifiers.place === entityId || claim.qualifiers.event === entityId
  );
}

/** Every claim naming an entity, in any role. Scans all claims: merges and entity reviews are rare. */
export function claimsNaming({ knowledge }: PlanContext, entityId: string): Claim[] {
  return knowledge.model.claims.filter((claim) => claimNames(claim, entityId));
}

export const recordPath = (path: readonly string[]) => formatPath(path);

/** A note's text: trimmed, at most `max` characters, or null. */
export function checkNote(note: string | null | undefined, max: number, argument = "note"): string | null {
  if (note === null || note === undefined) return null;
  const trimmed = note.trim();
  if (trimmed === "") return null;
  if (trimmed.length > max)
    throw new InvalidArgument(argument, `must be at most ${max} characters, got ${trimmed.length}`);
  return trimmed;
}
