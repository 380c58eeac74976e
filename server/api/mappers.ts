/** The server-side objects behind each GraphQL type (codegen's mappers; see codegen.ts). */
import type { ExportedPart, ExportResult } from "../export/export.ts";
import type { Conflict, ConflictingValue, NodeAttributes, Relation } from "../graph/types.ts";
import type { DateValue } from "../model/dates.ts";
import type { DurationValue } from "../model/durations.ts";
import type { ExtentValue } from "../model/extents.ts";
import type { Claim, NodeType, Qualifiers, RelationType, Source } from "../model/types.ts";
import type { Page } from "../query/paginate.ts";
import type { Path } from "../query/paths.ts";
import type { SearchHit } from "../query/search.ts";
import type { ChangeSummary, ReviewRecord } from "../live/journal-index.ts";
import type { ReviewSourceParent as ReviewSourceObject } from "./resolvers/review.ts";
import type { WriteLimitsReport } from "./context.ts";

export type EntityParent = NodeAttributes;
export type RelationParent = Relation;
export type RelationTypeParent = RelationType;
export type NodeTypeParent = NodeType;
export type ClaimParent = Claim;
export type SourceParent = Source;
export type ConflictParent = Conflict;
export type ConflictValueParent = ConflictingValue;
export type QualifiersParent = Qualifiers;
export type DateParent = DateValue;
export type DurationParent = DurationValue;
export type ExtentParent = ExtentValue;
/** `baseName` names its export files: peacegraph-<first start id>, or peacegraph for the whole graph. */
export type SubgraphParent = {
  nodes: string[];
  relations: Relation[];
  truncated: boolean;
  baseName?: string;
};
export type PathParent = Path;
export type SearchHitParent = SearchHit;
export type EntityConnectionParent = Page<NodeAttributes>;
export type RelationConnectionParent = Page<Relation>;
export type EntityEdgeParent = { cursor: string; node: NodeAttributes };
export type RelationEdgeParent = { cursor: string; node: Relation };
export type StatsParent = Record<string, never>;
export type ExportFileParent = ExportResult;
export type ExportPartParent = ExportedPart;
export type ChangeParent = ChangeSummary;
export type ReviewParent = ReviewRecord;
export type ReviewSourceParent = ReviewSourceObject;
export type WriteStatusParent = Record<string, never>;
export type WriteLimitsParent = WriteLimitsReport;
export type IngestResultParent = {
  source: Source;
  claims: Claim[];
  proposedEntities: NodeAttributes[];
  change: ChangeSummary;
};
