import type { ExportSlots } from "../export/export-slots.ts";
import type { ExportLimits } from "../export/selection.ts";
import { relationOfClaim as relationIdOfClaim } from "../graph/build.ts";
import type { KnowledgeGraph } from "../graph/types.ts";
import { precomputeLayout, type LayoutOptions, type LayoutReport, type Position } from "../layout/layout.ts";
import { RelationOrders } from "../query/node-relations-page.ts";
import { RelationIndex } from "../query/relation-index.ts";
import { SearchIndex } from "../query/search.ts";
import { typeColors } from "../visual/encoding.ts";
import type { ResponseBudget } from "./response-budget.ts";

/** What every resolver reads: the graph and the indexes built once over it. */
export interface GraphStore {
  knowledge: KnowledgeGraph;
  search: SearchIndex;
  /** Relations by type and by source, for filters (server/query/relation-index.ts). */
  relationIndex: RelationIndex;
  /** Hubs' relations kept sorted, for pages of them. */
  relationOrders: RelationOrders;
  /** Conflicts by the id of the node or relation they concern. */
  conflictsByTarget: Map<string, KnowledgeGraph["conflicts"]>;
  /** The relation each relation claim belongs to. */
  relationOfClaim: { get(claimId: string): string | undefined };
  relationTypeCounts: Map<string, number>;
  nodeTypeCounts: Map<string, number>;
  claimCountBySource: Map<string, number>;
  /** Seeded ForceAtlas2 positions, computed once (or read from the layout cache). */
  positions: Map<string, Position>;
  /** How the positions were obtained and what they cost. */
  layout: LayoutReport;
  /** Colour of each node type. */
  typeColors: Map<string, string>;
}

export type ApiContext = GraphStore & {
  /** Export size limits from settings; in-process calls without them get the defaults. */
  exportLimits?: ExportLimits;
  /** The server's export slots, shared with GET /export; in-process calls without them write at once. */
  exportSlots?: ExportSlots;
  /** Longest stretch of export writing before other requests get a turn (settings.exports.sliceMs). */
  exportSliceMs?: number;
  /** This request's response size budget (settings.limits.maxResponseBytes); one per request. */
  responseBudget?: ResponseBudget;
};

const DEFAULT_LAYOUT: LayoutOptions = { iterations: 300, seed: 1, budget: 2_000_000 };

export function createGraphStore(
  knowledge: KnowledgeGraph,
  layout: LayoutOptions = DEFAULT_LAYOUT,
): GraphStore {
  // A conflict is listed on its target and on every relation whose claims it cites: a negation on
  // "without third-party mediation" also shows on the mediation it contradicts.
  const conflictsByTarget = new Map<string, KnowledgeGraph["conflicts"]>();
  for (const conflict of knowledge.conflicts) {
    const targets = new Set([conflict.target.id]);
    for (const value of conflict.values) {
      for (const claim of value.claims) {
        if (claim.form === "relation")
          targets.add(relationIdOfClaim(claim, knowledge.model.relationTypes).id);
      }
    }
    for (const target of targets) {
      const list = conflictsByTarget.get(target) ?? [];
      list.push(conflict);
      conflictsByTarget.set(target, list);
    }
  }
  const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  const relationTypeCounts = new Map<string, number>();
  for (const relation of knowledge.relations.values()) count(relationTypeCounts, relation.type);
  // Derived from the claim when asked: a million map entries are not worth holding for it.
  const relationOfClaim = {
    get(claimId: string): string | undefined {
      const claim = knowledge.claimsById.get(claimId);
      return claim?.form === "relation"
        ? relationIdOfClaim(claim, knowledge.model.relationTypes).id
        : undefined;
    },
  };
  const nodeTypeCounts = new Map<string, number>();
  for (const entity of knowledge.model.entities.values()) count(nodeTypeCounts, entity.type);
  const claimCountBySource = new Map<string, number>();
  for (const claim of knowledge.model.claims) count(claimCountBySource, claim.source);
  const { positions, report } = precomputeLayout(knowledge.graph, layout);
  return {
    knowledge,
    search: new SearchIndex(knowledge.model.entities.values()),
    relationIndex: new RelationIndex(knowledge),
    relationOrders: new RelationOrders(),
    conflictsByTarget,
    relationOfClaim,
    relationTypeCounts,
    nodeTypeCounts,
    claimCountBySource,
    positions,
    layout: report,
    typeColors: typeColors(knowledge.model.nodeTypes.values()),
  };
}
