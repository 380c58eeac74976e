import { formatProblem } from "../model/problems.ts";
import {
  readClaimRecord,
  readEntityRecord,
  readSourceRecord,
  type RecordScope,
} from "../model/read-records.ts";
import type { ModelDelta } from "../graph/apply.ts";
import type { Entity, GraphModel, Source } from "../model/types.ts";
import type { JournalChange } from "../store/types.ts";

export type { ModelDelta };

export const emptyDelta = (): ModelDelta => ({
  sources: [],
  entities: { put: [], remove: [] },
  claims: { put: [], remove: [] },
});

/** Thrown when records that a store committed do not read against the model: the graph must reload. */
export class DeltaError extends Error {}

/**
 * A committed change set in the model's terms (see ModelDelta): the graph applies exactly this,
 * whichever store delivered it. Reads the records of committed changes against the model as it stands before them. Sources come
 * first, then entities, then claims (which may name them), as the loader reads files.
 */
export function recordDelta(changes: readonly JournalChange[], model: GraphModel): ModelDelta {
  const delta = emptyDelta();
  const sources = new Map<string, Source>();
  const entities = new Map<string, Entity>();
  const removedEntities = new Set<string>();
  const scope: RecordScope = { model, sources, entities, removedEntities };
  const fail = (problems: Parameters<typeof formatProblem>[0][]) => {
    throw new DeltaError(`a committed record does not read: ${problems.map(formatProblem).join("; ")}`);
  };
  const where = (change: JournalChange) => change.where ?? "(store)";

  for (const change of changes) {
    if (change.kind !== "source") continue;
    if (change.text === undefined)
      throw new DeltaError(`source ${change.record.id} arrived without its text`);
    const { source, problems } = readSourceRecord(change.record, change.text, where(change));
    if (!source) return fail(problems);
    sources.set(source.id, source);
    delta.sources.push(source);
  }
  for (const change of changes) {
    if (change.kind !== "entity") continue;
    if (change.op === "remove") {
      removedEntities.add(change.previous.id);
      delta.entities.remove.push(change.previous.id);
      continue;
    }
    const { entity, problems } = readEntityRecord(change.record, scope, where(change));
    if (!entity) return fail(problems);
    entities.set(entity.id, entity);
    delta.entities.put.push(entity);
  }
  for (const change of changes) {
    if (change.kind !== "claim") continue;
    if (change.op === "remove") {
      delta.claims.remove.push(change.previous.id);
      continue;
    }
    const { claim, problems } = readClaimRecord(change.record, scope, where(change));
    if (!claim) return fail(problems);
    delta.claims.put.push(claim);
  }
  return delta;
}
