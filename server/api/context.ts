import type { ExportSlots } from "../export/export-slots.ts";
import type { ExportLimits } from "../export/selection.ts";
import type { Principal } from "../http/write-access.ts";
import type { LiveGraph } from "../live/live-graph.ts";
import type { StoreStatus } from "../store/types.ts";
import type { WriteService } from "../write/write-service.ts";
import { relationOfClaim as relationIdOfClaim } from "../graph/build.ts";
import type { KnowledgeGraph } from "../graph/types.ts";
import type { Claim } from "../model/types.ts";
import { precomputeLayout, type LayoutOptions, type LayoutReport, type Position } from "../layout/layout.ts";
import { RelationOrders } from "../query/node-relations-page.ts";
import { RelationIndex } from "../query/relation-index.ts";
import { placeNodes } from "../layout/place-nodes.ts";
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
  /** The claims citing each source (in no particular order): a source's claim list and count. */
  claimsBySource: Map<string, Claim[]>;
  /** How many claims of each source await review (status extracted): the review queue. */
  pendingBySource: Map<string, number>;
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
  /** The graph kept current by the store, with its journal; absent for a graph loaded once. */
  live?: LiveGraph;
  /** Writes, when the server takes them. */
  writes?: WriteService;
  /** Why this server takes no writes, when it takes none. */
  writeRefusal?: string | null;
  /** Who asks, for mutations. */
  principal?: Principal;
  /** The store's state, as writeStatus reports it. */
  storeStatus?: () => StoreStatus;
  /** Limits on writes, as writeStatus reports them. */
  writeLimits?: WriteLimitsReport;
};

export interface WriteLimitsReport {
  maxArticleChars: number;
  maxNoteChars: number;
  maxQuoteChars: number;
  mutationsPerMinute: number;
}

const DEFAULT_LAYOUT: LayoutOptions = { iterations: 300, seed: 1, budget: 2_000_000 };

/**
 * The graph and its indexes. With `keepPositions` (the positions of the graph this one replaces),
 * nodes that remain keep their place and new ones are placed near their neighbours, instead of a
 * fresh layout moving everything.
 */
export function createGraphStore(
  knowledge: KnowledgeGraph,
  layout: LayoutOptions = DEFAULT_LAYOUT,
  keepPositions?: Map<string, Position>,
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
  const claimsBySource = new Map<string, Claim[]>();
  const pendingBySource = new Map<string, number>();
  for (const claim of knowledge.model.claims) {
    const list = claimsBySource.get(claim.source);
    if (list) list.push(claim);
    else claimsBySource.set(claim.source, [claim]);
    if (claim.status === "extracted") count(pendingBySource, claim.source);
  }
  const { positions, report } = keepPositions
    ? keptLayout(knowledge, keepPositions)
    : precomputeLayout(knowledge.graph, layout);
  return {
    knowledge,
    search: new SearchIndex(knowledge.model.entities.values()),
    relationIndex: new RelationIndex(knowledge),
    relationOrders: new RelationOrders(),
    conflictsByTarget,
    relationOfClaim,
    relationTypeCounts,
    nodeTypeCounts,
    claimsBySource,
    pendingBySource,
    positions,
    layout: report,
    typeColors: typeColors(knowledge.model.nodeTypes.values()),
  };
}

function keptLayout(
  knowledge: KnowledgeGraph,
  previous: Map<string, Position>,
): { positions: Map<string, Position>; report: LayoutReport } {
  const started = performance.now();
  const positions = new Map<string, Position>();
  for (const id of knowledge.graph.nodes()) {
    const position = previous.get(id);
    if (position) positions.set(id, position);
  }
  placeNodes(knowledge.graph, positions, knowledge.graph.nodes());
  return {
    positions,
    report: {
      requestedIterations: 0,
      iterations: 0,
      fromCache: false,
      ms: performance.now() - started,
      hash: "",
    },
  };
}
