import type { RelationResolvers, RelationTypeResolvers } from "../../generated/graphql.ts";
import type { RelationType } from "../../model/types.ts";
import { EDGE_COLORS } from "../../visual/encoding.ts";

const requireType = (type: RelationType | undefined, id: string): RelationType => {
  if (!type) throw new Error(`relation type ${id} is missing from the vocabulary`);
  return type;
};

const family = (type: RelationType) =>
  type.family.toUpperCase() as "COOPERATION" | "CONFLICT" | "NEUTRAL" | "STRUCTURAL";

export const Relation: RelationResolvers = {
  relationType: (relation, _args, { knowledge }) =>
    requireType(knowledge.relationType(relation.type), relation.type),
  subject: (relation, _args, { knowledge }) => knowledge.graph.getNodeAttributes(relation.subject),
  object: (relation, _args, { knowledge }) => knowledge.graph.getNodeAttributes(relation.object),
  symmetric: (relation, _args, { knowledge }) => knowledge.relationType(relation.type)?.symmetric ?? false,
  cameo: (relation, _args, { knowledge }) => knowledge.relationType(relation.type)?.cameo ?? null,
  plover: (relation, _args, { knowledge }) => knowledge.relationType(relation.type)?.plover ?? null,
  goldstein: (relation, _args, { knowledge }) => knowledge.relationType(relation.type)?.goldstein ?? null,
  family: (relation, _args, { knowledge }) =>
    family(requireType(knowledge.relationType(relation.type), relation.type)),
  color: (relation, _args, { knowledge }) =>
    EDGE_COLORS[requireType(knowledge.relationType(relation.type), relation.type).family],
  conflicts: (relation, _args, { conflictsByTarget }) => conflictsByTarget.get(relation.id) ?? [],
};

export const RelationTypeResolver: RelationTypeResolvers = {
  family: (type) => family(type),
  color: (type) => EDGE_COLORS[type.family],
  count: (type, _args, { relationTypeCounts }) => relationTypeCounts.get(type.id) ?? 0,
};
