import type { Modality, RelationResolvers, RelationTypeResolvers } from "../../generated/graphql.ts";
import { codesAt } from "../../graph/modality.ts";
import type { Relation as GraphRelation } from "../../graph/types.ts";
import type { Modality as ModelModality, RelationType } from "../../model/types.ts";
import { EDGE_COLORS } from "../../visual/encoding.ts";
import type { ApiContext } from "../context.ts";

const requireType = (type: RelationType | undefined, id: string): RelationType => {
  if (!type) throw new Error(`relation type ${id} is missing from the vocabulary`);
  return type;
};

const family = (type: RelationType) =>
  type.family.toUpperCase() as "COOPERATION" | "CONFLICT" | "NEUTRAL" | "STRUCTURAL";

/** A model modality as the schema's enum value. */
export const modalityName = (modality: ModelModality) => modality.toUpperCase() as Modality;

const codesOf = (relation: GraphRelation, { knowledge }: ApiContext) =>
  codesAt(knowledge.relationType(relation.type), relation.modality);

export const Relation: RelationResolvers = {
  relationType: (relation, _args, { knowledge }) =>
    requireType(knowledge.relationType(relation.type), relation.type),
  subject: (relation, _args, { knowledge }) => knowledge.graph.getNodeAttributes(relation.subject),
  object: (relation, _args, { knowledge }) => knowledge.graph.getNodeAttributes(relation.object),
  symmetric: (relation, _args, { knowledge }) => knowledge.relationType(relation.type)?.symmetric ?? false,
  modality: (relation) => modalityName(relation.modality),
  dateOrigin: (relation) => relation.dateOrigin.toUpperCase() as "CLAIM" | "EVENT" | "NONE",
  dateInheritedFrom: (relation, _args, { knowledge }) =>
    relation.dateInheritedFrom ? knowledge.graph.getNodeAttributes(relation.dateInheritedFrom) : null,
  sources: (relation, _args, { knowledge }) =>
    relation.sources.flatMap((id) => knowledge.model.sources.get(id) ?? []),
  cameo: (relation, _args, context) => codesOf(relation, context).cameo,
  plover: (relation, _args, context) => codesOf(relation, context).plover,
  goldstein: (relation, _args, context) => codesOf(relation, context).goldstein,
  family: (relation, _args, { knowledge }) =>
    family(requireType(knowledge.relationType(relation.type), relation.type)),
  color: (relation, _args, { knowledge }) =>
    EDGE_COLORS[requireType(knowledge.relationType(relation.type), relation.type).family],
  conflicts: (relation, _args, { conflictsByTarget }) => conflictsByTarget.get(relation.id) ?? [],
};

export const RelationTypeResolver: RelationTypeResolvers = {
  family: (type) => family(type),
  modalities: (type) =>
    Object.entries(type.modalities).map(([modality, codes]) => ({
      modality: modalityName(modality as ModelModality),
      ...codes,
    })),
  color: (type) => EDGE_COLORS[type.family],
  count: (type, _args, { relationTypeCounts }) => relationTypeCounts.get(type.id) ?? 0,
};
