import type { CodegenConfig } from "@graphql-codegen/cli";

// Resolver types are generated from schema.graphql, so the schema stays the single contract.
const config: CodegenConfig = {
  schema: "schema.graphql",
  generates: {
    "server/generated/graphql.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        immutableTypes: false,
        contextType: "../api/context.ts#ApiContext",
        mappers: {
          Actor: "../api/mappers.ts#EntityParent",
          Event: "../api/mappers.ts#EntityParent",
          Place: "../api/mappers.ts#EntityParent",
          Entity: "../api/mappers.ts#EntityParent",
          Relation: "../api/mappers.ts#RelationParent",
          RelationType: "../api/mappers.ts#RelationTypeParent",
          NodeType: "../api/mappers.ts#NodeTypeParent",
          Claim: "../api/mappers.ts#ClaimParent",
          Source: "../api/mappers.ts#SourceParent",
          Conflict: "../api/mappers.ts#ConflictParent",
          ConflictValue: "../api/mappers.ts#ConflictValueParent",
          Qualifiers: "../api/mappers.ts#QualifiersParent",
          DateValue: "../api/mappers.ts#DateParent",
          DurationValue: "../api/mappers.ts#DurationParent",
          ExtentValue: "../api/mappers.ts#ExtentParent",
          Subgraph: "../api/mappers.ts#SubgraphParent",
          Path: "../api/mappers.ts#PathParent",
          SearchHit: "../api/mappers.ts#SearchHitParent",
          EntityConnection: "../api/mappers.ts#EntityConnectionParent",
          RelationConnection: "../api/mappers.ts#RelationConnectionParent",
          EntityEdge: "../api/mappers.ts#EntityEdgeParent",
          RelationEdge: "../api/mappers.ts#RelationEdgeParent",
          Stats: "../api/mappers.ts#StatsParent",
          ExportFile: "../api/mappers.ts#ExportFileParent",
        },
        scalars: { ID: "string" },
      },
    },
  },
};
export default config;
