import type { DateValue } from "../model/dates.ts";
import type {
  AttributeProperty,
  Claim,
  Entity,
  GraphModel,
  RelationClaim,
  RelationType,
} from "../model/types.ts";
import type { MultiDirectedGraph } from "graphology";

/** A relation: every claim with the same subject, type and object, taken together. */
export interface Relation {
  id: string;
  type: string;
  subject: string;
  object: string;
  claims: RelationClaim[];
  /** Distinct sources among the claims. */
  sources: string[];
  /** How many distinct sources support the relation. */
  corroboration: number;
  /** Highest confidence among its claims. */
  confidence: number;
  /** Best-supported date: from the claims' qualifiers, else from the event at either end. */
  date: DateValue | null;
  /** Best-supported count qualifier. */
  count: number | null;
}

/** One value that some claims give, with who gives it. */
export interface ConflictingValue {
  value: string;
  claims: Claim[];
  sources: string[];
}

/** Claims that disagree about one property of one node or relation. */
export interface Conflict {
  id: string;
  /** The node or relation the disagreement is about. */
  target: { kind: "node" | "relation"; id: string };
  property: AttributeProperty;
  values: ConflictingValue[];
}

export interface NodeAttributes extends Entity {
  /** Best-supported date of the node (events), from its date claims. */
  date: DateValue | null;
  count: number | null;
}

export type EdgeAttributes = Relation;

export type PeaceMultiGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** The model plus everything derived from it. Built once; read-only afterwards. */
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
  /** Date and count claims, by the node they describe. */
  attributeClaims: Map<string, Claim[]>;
  conflicts: Conflict[];
}
