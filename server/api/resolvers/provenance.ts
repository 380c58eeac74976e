import type {
  ClaimResolvers,
  ConflictResolvers,
  ConflictValueResolvers,
  QualifiersResolvers,
  SourceResolvers,
} from "../../generated/graphql.ts";
import { codesAt } from "../../graph/modality.ts";
import type { Claim as ModelClaim, Source } from "../../model/types.ts";
import type { ApiContext, GraphStore } from "../context.ts";
import { budgeted } from "../response-budget.ts";
import { conflictTarget } from "./node-type.ts";
import { modalityName } from "./relation.ts";
import { claimsOfSource } from "./review.ts";

const sourceOf = (store: GraphStore, id: string): Source => {
  const source = store.knowledge.model.sources.get(id);
  if (!source) throw new Error(`source ${id} is missing`);
  return source;
};

/** The claim's event codes: its relation type's at the claim's own modality. */
const claimCodes = (claim: ModelClaim, { knowledge }: ApiContext) =>
  codesAt(claim.form === "relation" ? knowledge.relationType(claim.relation) : undefined, claim.modality);

export const Claim: ClaimResolvers = {
  quoteEnd: (claim) => claim.quoteStart + claim.quote.length,
  modality: (claim) => modalityName(claim.modality),
  cameo: (claim, _args, context) => claimCodes(claim, context).cameo,
  plover: (claim, _args, context) => claimCodes(claim, context).plover,
  goldstein: (claim, _args, context) => claimCodes(claim, context).goldstein,
  status: (claim) => (claim.status === "curated" ? "CURATED" : "EXTRACTED"),
  source: (claim, _args, store) => sourceOf(store, claim.source),
  attributedTo: (claim, _args, { knowledge }) =>
    claim.attributedTo ? knowledge.graph.getNodeAttributes(claim.attributedTo) : null,
  subject: (claim, _args, { knowledge }) => knowledge.graph.getNodeAttributes(claim.subject),
  relationType: (claim, _args, { knowledge }) =>
    claim.form === "relation" ? (knowledge.relationType(claim.relation) ?? null) : null,
  object: (claim, _args, { knowledge }) =>
    claim.form === "relation" ? knowledge.graph.getNodeAttributes(claim.object) : null,
  relation: (claim, _args, { knowledge, relationOfClaim }) => {
    const id = relationOfClaim.get(claim.id);
    return id ? (knowledge.relations.get(id) ?? null) : null;
  },
  property: (claim) => (claim.form === "attribute" ? claim.property : null),
  value: (claim) => {
    if (claim.form !== "attribute") return null;
    return typeof claim.value === "object" ? claim.value.text : String(claim.value);
  },
  qualifiers: (claim) => (claim.form === "relation" ? claim.qualifiers : null),
};

export const Qualifiers: QualifiersResolvers = {
  place: (qualifiers, _args, { knowledge }) =>
    qualifiers.place ? knowledge.graph.getNodeAttributes(qualifiers.place) : null,
  event: (qualifiers, _args, { knowledge }) =>
    qualifiers.event ? knowledge.graph.getNodeAttributes(qualifiers.event) : null,
};

export const SourceResolver: SourceResolvers = {
  claimCount: (source, _args, { claimsBySource }) => claimsBySource.get(source.id)?.length ?? 0,
  // A whole article: the largest text a query can reach, so it counts against the response cap.
  text: (source, _args, context) => budgeted(context, source.text),
  claims: (source, { status }, context) => {
    const wanted = status === "CURATED" ? "curated" : status === "EXTRACTED" ? "extracted" : undefined;
    return claimsOfSource(context, source.id).filter((claim) => !wanted || claim.status === wanted);
  },
};

export const Conflict: ConflictResolvers = {
  kind: (conflict) => conflict.kind.toUpperCase() as "DATE" | "COUNT" | "DURATION" | "EXTENT" | "NEGATION",
  target: (conflict, _args, store) => conflictTarget(store, conflict),
};

export const ConflictValue: ConflictValueResolvers = {
  sources: (value, _args, store) => value.sources.map((id) => sourceOf(store, id)),
};
