import type { KnowledgeGraph } from "./types.ts";

export interface GraphSummary {
  nodesByKind: Record<string, number>;
  relationsByType: Record<string, number>;
  nodes: number;
  relations: number;
  claims: number;
  sources: number;
  conflicts: number;
}

const tally = (keys: Iterable<string>) => {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
};

export function summarise(knowledge: KnowledgeGraph): GraphSummary {
  return {
    nodesByKind: tally([...knowledge.model.entities.values()].map((entity) => entity.kind)),
    relationsByType: tally([...knowledge.relations.values()].map((relation) => relation.type)),
    nodes: knowledge.graph.order,
    relations: knowledge.graph.size,
    claims: knowledge.model.claims.length,
    sources: knowledge.model.sources.size,
    conflicts: knowledge.conflicts.length,
  };
}
