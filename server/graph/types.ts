import type { DateValue } from "../model/dates.ts";
import type { DurationValue } from "../model/durations.ts";
import type { ExtentValue } from "../model/extents.ts";
import type {
  AttributeProperty,
  Claim,
  Entity,
  GraphModel,
  Modality,
  RelationClaim,
  RelationType,
} from "../model/types.ts";
import type { MultiDirectedGraph } from "graphology";

/** Where a relation's date comes from: its own claims, an event it inherits from, or nowhere. */
export type DateOrigin = "claim" | "event" | "none";

/** A relation: every claim with the same subject, type, object and event, taken together. */
export interface Relation {
  id: string;
  type: string;
  subject: string;
  object: string;
  claims: RelationClaim[];
  /** The strongest modality among the claims: asserted > announced > hedged > negated. */
  modality: Modality;
  /** Distinct sources among all the claims, whatever their modality. */
  sources: string[];
  /** How many distinct sources give the relation at its own modality (a denial does not corroborate). */
  corroboration: number;
  /** Highest confidence among its claims. */
  confidence: number;
  /**
   * Best-supported date among the claims at the relation's modality; else the date of the event it
   * was part of, or of the end its type names (see dateOrigin). Never a date nobody gives.
   */
  date: DateValue | null;
  dateOrigin: DateOrigin;
  /** The event whose date the relation took, when dateOrigin is "event". */
  dateInheritedFrom: string | null;
  /** Best-supported count qualifier. */
  count: number | null;
  /** Best-supported duration qualifier (how long it took). */
  duration: DurationValue | null;
  /** Best-supported extent qualifier (how much of the object). */
  extent: ExtentValue | null;
}

/** One value that some claims give, with who gives it. */
export interface ConflictingValue {
  value: string;
  claims: Claim[];
  sources: string[];
}

/**
 * What kind of contradiction: values that cannot all hold (dates, counts, durations, extents), or a
 * source denying what a source asserts (negation).
 */
export type ConflictKind = AttributeProperty | "negation";

/** Claims that contradict each other about one node or relation. Both sides are kept. */
export interface Conflict {
  /** `<target id>#<property>`, or `<target id>#negation`. */
  id: string;
  kind: ConflictKind;
  /** The node or relation the disagreement is about. */
  target: { kind: "node" | "relation"; id: string };
  /** The property the values are for; "modality" for a negation. */
  property: AttributeProperty | "modality";
  values: ConflictingValue[];
}

export interface NodeAttributes extends Entity {
  /** Best-supported date of the node (events), from its asserted or announced date claims. */
  date: DateValue | null;
  count: number | null;
  /** How long it lasted. */
  duration: DurationValue | null;
  /** How much of it a source speaks of (rare on nodes; mostly a relation qualifier). */
  extent: ExtentValue | null;
}

export type EdgeAttributes = Relation;

export type PeaceMultiGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/**
 * The model plus everything derived from it. Built by applying every record (apply.ts), then kept
 * current in place as change sets are applied; nothing else writes to it.
 */
export interface KnowledgeGraph {
  model: GraphModel;
  graph: PeaceMultiGraph;
  relations: Map<string, Relation>;
  /**
   * Every relation of each node, either direction, in an array. Traversals scan these rather than
   * graphology's adjacency: for a hub with 50,000 relations, enumerating graphology's adjacency
   * object costs its whole size even when the scan stops after ten, an array scan does not.
   */
  incident: Map<string, Relation[]>;
  relationType(id: string): RelationType | undefined;
  claimsById: Map<string, Claim>;
  /** Date, count, duration and extent claims, by the node they describe. */
  attributeClaims: Map<string, Claim[]>;
  conflicts: Conflict[];
}
