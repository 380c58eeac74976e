import type { ViewerSettings } from "../settings.ts";
import { pageThrough, type GraphQLClient, type Page } from "./graphql-client.ts";
import type { ApiFeatures } from "./features.ts";
import { nodeDetailsQuery, relationDetailsQuery } from "./queries.ts";

/** What the details panel shows, fetched on demand when something is selected. */

export interface SourceInfo {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
}

export interface ClaimInfo {
  id: string;
  quote: string;
  quoteStart?: number;
  quoteEnd?: number;
  /** Knowledge model v2: ASSERTED, ANNOUNCED, HEDGED or NEGATED; absent on older servers. */
  modality?: string;
  confidence: number;
  status: "CURATED" | "EXTRACTED";
  source: SourceInfo;
  attributedTo: { id: string; label: string } | null;
  property?: string | null;
  value?: string | null;
  qualifiers?: {
    count: number | null;
    approximate: boolean | null;
    role: string | null;
    framing: string | null;
    note: string | null;
    date: { text: string } | null;
  } | null;
}

export interface ConflictInfo {
  id: string;
  property: string;
  kind?: string;
  target: { id: string };
  values: { value: string; claims: ClaimInfo[] }[];
}

export interface RelationInfo {
  id: string;
  type: string;
  /** Knowledge model v2 fields; absent on older servers. */
  modality?: string;
  dateOrigin?: "CLAIM" | "EVENT" | "NONE";
  dateInheritedFrom?: { id: string; label: string } | null;
  family: string;
  color: string;
  corroboration: number;
  confidence: number;
  count: number | null;
  goldstein: number | null;
  cameo: string | null;
  plover?: string | null;
  date: { text: string } | null;
  subject: { id: string; label: string };
  object: { id: string; label: string };
  relationType: { label: string; description?: string };
  claims: ClaimInfo[];
  conflicts?: ConflictInfo[];
}

export interface NodeDetails {
  id: string;
  label: string;
  kind: string;
  typeLabel: string;
  aliases: string[];
  description: string;
  wikidata: string | null;
  wikidataUrl: string | null;
  cameo: string | null;
  degree: number;
  date: { text: string } | null;
  attributeClaims: ClaimInfo[];
  conflicts: ConflictInfo[];
  relations: RelationInfo[];
}

type NodeDetailsPage = Omit<NodeDetails, "relations"> & { relations: Page<RelationInfo> };

/** A node's details with all its relations, paged under the cost budget. Null for an unknown id. */
export async function fetchNodeDetails(
  client: GraphQLClient,
  settings: ViewerSettings,
  features: ApiFeatures,
  id: string,
  signal?: AbortSignal,
): Promise<NodeDetails | null> {
  const query = nodeDetailsQuery(features);
  let head: NodeDetailsPage | null = null;
  const relations: RelationInfo[] = [];
  let missing = false;
  await pageThrough<RelationInfo>(
    async (first, after) => {
      const data = await client.request<{ node: NodeDetailsPage | null }>(
        query,
        { id, first, after },
        signal,
      );
      if (!data.node || !("relations" in data.node)) {
        missing = true;
        return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } };
      }
      head ??= data.node;
      return data.node.relations;
    },
    settings.api.detailsPageSize,
    (page) => relations.push(...page),
  );
  if (missing || !head) return null;
  return { ...(head as NodeDetailsPage), relations };
}

export async function fetchRelationDetails(
  client: GraphQLClient,
  features: ApiFeatures,
  id: string,
  signal?: AbortSignal,
): Promise<RelationInfo | null> {
  const data = await client.request<{ node: RelationInfo | null }>(
    relationDetailsQuery(features),
    { id },
    signal,
  );
  return data.node && "claims" in data.node ? data.node : null;
}
