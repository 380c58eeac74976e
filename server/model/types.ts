import type { DateValue } from "./dates.ts";

/** The typed model read from graph-data/. Everything here is validated; see load.ts. */

export const NODE_KINDS = ["actor", "event", "place"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface NodeType {
  id: string;
  kind: NodeKind;
  label: string;
  description: string;
}

/** Cooperation or conflict from the sign of the Goldstein value; structural when there is none. */
export type RelationFamily = "cooperation" | "conflict" | "neutral" | "structural";

export interface RelationType {
  id: string;
  label: string;
  description: string;
  /** Node kinds or node types a subject may have. */
  domain: string[];
  /** Node kinds or node types an object may have. */
  range: string[];
  symmetric: boolean;
  cameo: string | null;
  cameoLabel: string | null;
  goldstein: number | null;
  plover: string | null;
  family: RelationFamily;
}

export interface Source {
  id: string;
  title: string;
  outlet: string | null;
  url: string | null;
  published: DateValue | null;
  author: string | null;
  language: string;
  added: DateValue;
  note: string | null;
  text: string;
  file: string;
}

export interface Entity {
  id: string;
  label: string;
  type: string;
  kind: NodeKind;
  aliases: string[];
  description: string;
  wikidata: string | null;
  cameo: string | null;
  file: string;
  line: number | undefined;
}

export interface Qualifiers {
  date?: DateValue;
  count?: number;
  outOf?: number;
  approximate?: boolean;
  place?: string;
  event?: string;
  role?: string;
  framing?: string;
  note?: string;
}

export type ClaimStatus = "curated" | "extracted";
export const ATTRIBUTE_PROPERTIES = ["date", "count"] as const;
export type AttributeProperty = (typeof ATTRIBUTE_PROPERTIES)[number];

interface ClaimBase {
  id: string;
  source: string;
  subject: string;
  quote: string;
  /** Character offset of the quote in its source's text (derived on load). */
  quoteStart: number;
  confidence: number;
  status: ClaimStatus;
  attributedTo: string | null;
  file: string;
  line: number | undefined;
}

export interface RelationClaim extends ClaimBase {
  form: "relation";
  relation: string;
  object: string;
  qualifiers: Qualifiers;
}

export type AttributeValue = { property: "date"; value: DateValue } | { property: "count"; value: number };

export type AttributeClaim = ClaimBase & { form: "attribute" } & AttributeValue;

export type Claim = RelationClaim | AttributeClaim;

export interface GraphModel {
  nodeTypes: Map<string, NodeType>;
  relationTypes: Map<string, RelationType>;
  sources: Map<string, Source>;
  entities: Map<string, Entity>;
  claims: Claim[];
}
