import type { DateValue } from "./dates.ts";
import type { DurationValue } from "./durations.ts";
import type { ExtentTerm, ExtentValue } from "./extents.ts";

/** The typed model read from graph-data/. Everything here is validated; see load.ts. */

export const NODE_KINDS = ["actor", "event", "place"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export interface NodeType {
  id: string;
  kind: NodeKind;
  label: string;
  description: string;
  /**
   * Whether a node of this type stands for any actor other than the parties ("without third-party
   * mediation"): such a node is the subject of negated claims only.
   */
  anyOther: boolean;
}

/**
 * How a source says a claim: as fact, as an intention or promise, as a possibility, or as not so.
 * Listed strongest first: a relation takes the strongest modality among its claims.
 */
export const MODALITIES = ["asserted", "announced", "hedged", "negated"] as const;
export type Modality = (typeof MODALITIES)[number];

/** The event codes of a relation type, for one modality or as its base. */
export interface EventCodes {
  cameo: string | null;
  cameoLabel: string | null;
  goldstein: number | null;
  plover: string | null;
}

/** Cooperation or conflict from the sign of the Goldstein value; structural when there is none. */
export type RelationFamily = "cooperation" | "conflict" | "neutral" | "structural";

export interface RelationType extends EventCodes {
  id: string;
  label: string;
  description: string;
  /** Node kinds or node types a subject may have. */
  domain: string[];
  /** Node kinds or node types an object may have. */
  range: string[];
  symmetric: boolean;
  /** From the base Goldstein value, whatever the modality of a relation. */
  family: RelationFamily;
  /** Codes that replace the base ones at a modality (an intention to release is 0353, not 0841). */
  modalities: Partial<Record<Modality, EventCodes>>;
  /** Which end's event date an undated relation takes, marked as inherited; null for none. */
  dateFrom: "subject" | "object" | null;
  /** Whether the subject of such a relation is a party to its object (issued it, took part in it). */
  party: boolean;
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
  /** Curated by a person, or proposed by a machine and not yet accepted. */
  status: EntityStatus;
  file: string;
  line: number | undefined;
}

export type EntityStatus = "curated" | "extracted";

export interface Qualifiers {
  date?: DateValue;
  count?: number;
  duration?: DurationValue;
  extent?: ExtentValue;
  outOf?: number;
  approximate?: boolean;
  place?: string;
  event?: string;
  role?: string;
  framing?: string;
  note?: string;
}

export type ClaimStatus = "curated" | "extracted";
export const ATTRIBUTE_PROPERTIES = ["date", "count", "duration", "extent"] as const;
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
  modality: Modality;
  attributedTo: string | null;
  /** The extraction rule that proposed the claim; null for claims a person wrote. */
  rule: string | null;
  file: string;
  line: number | undefined;
}

export interface RelationClaim extends ClaimBase {
  form: "relation";
  relation: string;
  object: string;
  qualifiers: Qualifiers;
}

export type AttributeValue =
  | { property: "date"; value: DateValue }
  | { property: "count"; value: number }
  | { property: "duration"; value: DurationValue }
  | { property: "extent"; value: ExtentValue };

export type AttributeClaim = ClaimBase & { form: "attribute" } & AttributeValue;

export type Claim = RelationClaim | AttributeClaim;

export interface GraphModel {
  nodeTypes: Map<string, NodeType>;
  relationTypes: Map<string, RelationType>;
  /** The closed scale of extent terms. */
  extents: Map<string, ExtentTerm>;
  sources: Map<string, Source>;
  entities: Map<string, Entity>;
  claims: Claim[];
}
