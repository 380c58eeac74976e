import type { KnowledgeGraph } from "./types.ts";

/**
 * Each graph's revision: 0 when built, one more after every change applied in place (apply.ts).
 * Whatever is derived from a whole graph and kept (the viewer's drawing, its version) is kept per
 * revision, so it is made again after a change instead of served stale.
 */
const revisions = new WeakMap<KnowledgeGraph, number>();

export const revisionOf = (knowledge: KnowledgeGraph) => revisions.get(knowledge) ?? 0;

export function bumpRevision(knowledge: KnowledgeGraph): void {
  revisions.set(knowledge, revisionOf(knowledge) + 1);
}

/** `derive`, computed at most once per revision of each graph. */
export function perRevision<T>(derive: (knowledge: KnowledgeGraph) => T): (knowledge: KnowledgeGraph) => T {
  const kept = new WeakMap<KnowledgeGraph, { revision: number; value: T }>();
  return (knowledge) => {
    const revision = revisionOf(knowledge);
    const hit = kept.get(knowledge);
    if (hit && hit.revision === revision) return hit.value;
    const value = derive(knowledge);
    kept.set(knowledge, { revision, value });
    return value;
  };
}
