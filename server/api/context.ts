import type { KnowledgeGraph } from "../graph/types.ts";
import { computeLayout, type LayoutOptions, type Position } from "../layout/layout.ts";
import { SearchIndex } from "../query/search.ts";
import { typeColors } from "../visual/encoding.ts";

/** What every resolver reads: the graph and the indexes built once over it. */
export interface GraphStore {
  knowledge: KnowledgeGraph;
  search: SearchIndex;
  /** Conflicts by the id of the node or relation they concern. */
  conflictsByTarget: Map<string, KnowledgeGraph["conflicts"]>;
  /** The relation each relation claim belongs to. */
  relationOfClaim: Map<string, string>;
  relationTypeCounts: Map<string, number>;
  nodeTypeCounts: Map<string, number>;
  claimCountBySource: Map<string, number>;
  /** Seeded ForceAtlas2 positions, computed once. */
  positions: Map<string, Position>;
  /** Colour of each node type. */
  typeColors: Map<string, string>;
}

export type ApiContext = GraphStore;

const DEFAULT_LAYOUT: LayoutOptions = { iterations: 300, seed: 1 };

export function createGraphStore(
  knowledge: KnowledgeGraph,
  layout: LayoutOptions = DEFAULT_LAYOUT,
): GraphStore {
  const conflictsByTarget = new Map<string, KnowledgeGraph["conflicts"]>();
  for (const conflict of knowledge.conflicts) {
    const list = conflictsByTarget.get(conflict.target.id) ?? [];
    list.push(conflict);
    conflictsByTarget.set(conflict.target.id, list);
  }
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const relationOfClaim = new Map<string, string>();
  const relationTypeCounts = new Map<string, number>();
  for (const relation of knowledge.relations.values()) {
    count(relationTypeCounts, relation.type);
    for (const claim of relation.claims) relationOfClaim.set(claim.id, relation.id);
  }
  const nodeTypeCounts = new Map<string, number>();
  for (const entity of knowledge.model.entities.values()) count(nodeTypeCounts, entity.type);
  const claimCountBySource = new Map<string, number>();
  for (const claim of knowledge.model.claims) count(claimCountBySource, claim.source);
  return {
    knowledge,
    search: new SearchIndex(knowledge.model.entities.values()),
    conflictsByTarget,
    relationOfClaim,
    relationTypeCounts,
    nodeTypeCounts,
    claimCountBySource,
    positions: computeLayout(knowledge.graph, layout),
    typeColors: typeColors(knowledge.model.nodeTypes.values()),
  };
}
