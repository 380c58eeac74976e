/**
 * npm run codegen: writes server/generated/graphql.ts, the resolvers' TypeScript types, from
 * schema.graphql, so the schema stays the single contract. It calls @graphql-codegen/core directly:
 * the codegen CLI brings loaders, a task runner and fetch polyfills that need Node 22, and this
 * project declares Node 20.19.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { codegen } from "@graphql-codegen/core";
import * as typescriptPlugin from "@graphql-codegen/typescript";
import * as resolversPlugin from "@graphql-codegen/typescript-resolvers";
import { buildASTSchema, lexicographicSortSchema, parse, printSchema } from "graphql";

const ROOT = path.resolve(import.meta.dirname, "..");
const OUTPUT = path.join(ROOT, "server", "generated", "graphql.ts");

/** The server-side object behind each GraphQL type (see server/api/mappers.ts). */
const MAPPED_TYPES: Record<string, string> = {
  Actor: "EntityParent",
  Event: "EntityParent",
  Place: "EntityParent",
  Entity: "EntityParent",
  Relation: "RelationParent",
  RelationType: "RelationTypeParent",
  NodeType: "NodeTypeParent",
  Claim: "ClaimParent",
  Source: "SourceParent",
  Conflict: "ConflictParent",
  ConflictValue: "ConflictValueParent",
  Qualifiers: "QualifiersParent",
  DateValue: "DateParent",
  DurationValue: "DurationParent",
  ExtentValue: "ExtentParent",
  Subgraph: "SubgraphParent",
  Path: "PathParent",
  SearchHit: "SearchHitParent",
  EntityConnection: "EntityConnectionParent",
  RelationConnection: "RelationConnectionParent",
  EntityEdge: "EntityEdgeParent",
  RelationEdge: "RelationEdgeParent",
  Stats: "StatsParent",
  ExportFile: "ExportFileParent",
  ExportPart: "ExportPartParent",
  Change: "ChangeParent",
  Review: "ReviewParent",
  ReviewSource: "ReviewSourceParent",
  WriteStatus: "WriteStatusParent",
  WriteLimits: "WriteLimitsParent",
  IngestResult: "IngestResultParent",
};

const config = {
  enumsAsTypes: true,
  useTypeImports: true,
  immutableTypes: false,
  contextType: "../api/context.ts#ApiContext",
  mappers: Object.fromEntries(
    Object.entries(MAPPED_TYPES).map(([type, parent]) => [type, `../api/mappers.ts#${parent}`]),
  ),
  scalars: { ID: "string" },
};

async function main(): Promise<void> {
  // Sorted, as the codegen CLI does, so the generated file does not churn with the schema's order.
  const schemaAst = lexicographicSortSchema(
    buildASTSchema(parse(await readFile(path.join(ROOT, "schema.graphql"), "utf8"))),
  );
  const output = await codegen({
    filename: OUTPUT,
    schema: parse(printSchema(schemaAst)),
    schemaAst,
    documents: [],
    config,
    plugins: [{ typescript: {} }, { "typescript-resolvers": {} }],
    pluginMap: { typescript: typescriptPlugin, "typescript-resolvers": resolversPlugin },
  });
  await mkdir(path.dirname(OUTPUT), { recursive: true });
  await writeFile(OUTPUT, output);
  console.log(`codegen: wrote ${path.relative(ROOT, OUTPUT)}`);
}

main().catch((error: unknown) => {
  console.error(`codegen failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
