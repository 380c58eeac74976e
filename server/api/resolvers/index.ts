import type { Resolvers } from "../../generated/graphql.ts";
import { summarise } from "../../graph/summary.ts";
import { KIND_COLORS } from "../../visual/encoding.ts";
import { entityFields } from "./entity.ts";
import { drawing, ExportFile, ExportPart, subgraph, subgraphExport } from "./export.ts";
import { graphqlTypeOf } from "./node-type.ts";
import { Claim, Conflict, ConflictValue, Qualifiers, SourceResolver } from "./provenance.ts";
import { Query } from "./query.ts";
import { Relation, RelationTypeResolver } from "./relation.ts";
import { Mutation } from "./mutation.ts";
import { Change, claimReviewFields, Review, ReviewSource, reviewQueries, WriteStatus } from "./review.ts";

const toCounts = (counts: Record<string, number>) =>
  Object.entries(counts).map(([key, count]) => ({ key, count }));

export const resolvers: Resolvers = {
  Query: { ...Query, subgraph, drawing, ...reviewQueries },
  Mutation,
  Change,
  Review,
  ReviewSource,
  WriteStatus,
  Node: { __resolveType: (node) => graphqlTypeOf(node) },
  Entity: { __resolveType: (node) => graphqlTypeOf(node) as "Actor" | "Event" | "Place" },
  Actor: entityFields,
  Event: entityFields,
  Place: entityFields,
  Relation,
  RelationType: RelationTypeResolver,
  NodeType: {
    kind: (type) => type.kind.toUpperCase() as "ACTOR" | "EVENT" | "PLACE",
    count: (type, _args, { nodeTypeCounts }) => nodeTypeCounts.get(type.id) ?? 0,
    color: (type, _args, { typeColors }) => typeColors.get(type.id) ?? KIND_COLORS[type.kind],
  },
  Claim: { ...Claim, ...claimReviewFields },
  Qualifiers,
  Source: SourceResolver,
  Conflict,
  ConflictValue,
  DateValue: {
    precision: (date) => date.precision.toUpperCase() as "DAY" | "MONTH" | "YEAR",
    open: (date) => date.open !== undefined,
  },
  DurationValue: { precision: (duration) => duration.precision.toUpperCase() },
  SearchHit: { node: (hit, _args, { knowledge }) => knowledge.graph.getNodeAttributes(hit.entity.id) },
  Subgraph: {
    nodes: (parent, _args, { knowledge }) => parent.nodes.map((id) => knowledge.graph.getNodeAttributes(id)),
    export: subgraphExport,
  },
  ExportFile,
  ExportPart,
  Path: {
    nodes: (path, _args, { knowledge }) => path.nodes.map((id) => knowledge.graph.getNodeAttributes(id)),
    length: (path) => path.relations.length,
  },
  EntityConnection: {
    edges: (page) => page.items,
    nodes: (page) => page.items.map((item) => item.node),
    pageInfo: (page) => pageInfo(page),
  },
  RelationConnection: {
    edges: (page) => page.items,
    nodes: (page) => page.items.map((item) => item.node),
    pageInfo: (page) => pageInfo(page),
  },
  Stats: {
    nodes: (_stats, _args, { knowledge }) => knowledge.graph.order,
    relations: (_stats, _args, { knowledge }) => knowledge.graph.size,
    claims: (_stats, _args, { knowledge }) => knowledge.model.claims.length,
    sources: (_stats, _args, { knowledge }) => knowledge.model.sources.size,
    conflicts: (_stats, _args, { knowledge }) => knowledge.conflicts.length,
    nodesByKind: (_stats, _args, { knowledge }) => toCounts(summarise(knowledge).nodesByKind),
    relationsByType: (_stats, _args, { knowledge }) => toCounts(summarise(knowledge).relationsByType),
  },
};

function pageInfo(page: { items: { cursor: string }[]; hasNextPage: boolean; hasPreviousPage: boolean }) {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.items[0]?.cursor ?? null,
    endCursor: page.items.at(-1)?.cursor ?? null,
  };
}
