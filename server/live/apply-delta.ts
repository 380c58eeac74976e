import { createGraphStore, type GraphStore } from "../api/context.ts";
import { buildKnowledgeGraph, relationOfClaim } from "../graph/build.ts";
import type { LayoutOptions } from "../layout/layout.ts";
import type { Claim, GraphModel } from "../model/types.ts";
import type { ModelDelta } from "./record-delta.ts";

/** Puts a delta into the model: the one mutable input every derived structure is computed from. */
export function applyToModel(model: GraphModel, delta: ModelDelta): { before: Claim[]; after: Claim[] } {
  for (const source of delta.sources) model.sources.set(source.id, source);
  for (const entity of delta.entities.put) model.entities.set(entity.id, entity);
  const replaced = new Set([...delta.claims.remove, ...delta.claims.put.map((claim) => claim.id)]);
  const before: Claim[] = [];
  if (replaced.size > 0) {
    let kept = 0;
    for (const claim of model.claims) {
      if (replaced.has(claim.id)) before.push(claim);
      else model.claims[kept++] = claim;
    }
    model.claims.length = kept;
  }
  for (const claim of delta.claims.put) model.claims.push(claim);
  for (const id of delta.entities.remove) model.entities.delete(id);
  return { before, after: delta.claims.put };
}

/** Applies a delta and returns the graph store to serve, with the ids of the relations it touched. */
export function applyDelta(
  store: GraphStore,
  delta: ModelDelta,
  layout: LayoutOptions,
): { store: GraphStore; relations: string[] } {
  const { model } = store.knowledge;
  const { before, after } = applyToModel(model, delta);
  const relations = new Set<string>();
  for (const claim of [...before, ...after])
    if (claim.form === "relation") relations.add(relationOfClaim(claim, model.relationTypes).id);
  const next = createGraphStore(buildKnowledgeGraph(model), layout, store.positions);
  return { store: next, relations: [...relations] };
}
