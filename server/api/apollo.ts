import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { buildASTSchema, parse, type GraphQLSchema } from "graphql";
import type { Settings } from "../settings.ts";
import type { ApiContext } from "./context.ts";
import { compiledExecutionPlugin } from "./compiled-execution.ts";
import { costPlugin } from "./cost-plugin.ts";
import { formatError } from "./errors.ts";
import { maxAliasesRule, maxDepthRule, maxDirectivesRule, maxSelectionFieldsRule } from "./limits.ts";
import { responseBudgetPlugin } from "./response-budget.ts";
import { resolvers } from "./resolvers/index.ts";
import { makeExecutableSchema } from "./executable-schema.ts";
import { writeGuardPlugin } from "./write-guard.ts";

export const SCHEMA_FILE = path.resolve(import.meta.dirname, "..", "..", "schema.graphql");

/** The schema from schema.graphql, the contract, with the resolvers attached. */
export function loadSchema(): GraphQLSchema {
  const typeDefs = readFileSync(SCHEMA_FILE, "utf8");
  return makeExecutableSchema(buildASTSchema(parse(typeDefs)), resolvers);
}

export function createApolloServer(settings: Settings, schema = loadSchema()): ApolloServer<ApiContext> {
  const { limits } = settings;
  return new ApolloServer<ApiContext>({
    schema,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    introspection: true,
    includeStacktraceInErrorResponses: !settings.production,
    hideSchemaDetailsFromClientErrors: settings.production,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [
      maxSelectionFieldsRule(limits.maxSelectionFields),
      maxDepthRule(limits.maxDepth),
      maxAliasesRule(limits.maxAliases),
      maxDirectivesRule(limits.maxDirectives),
    ],
    // The cache-control plugin, on by default, hooks every field resolution to compute cache hints
    // the API never sends: off, a neighbourhood of 3,000 relations resolves several times faster.
    plugins: [
      writeGuardPlugin(limits.mutationsPerMinute),
      costPlugin(schema, limits.maxCost, limits),
      compiledExecutionPlugin(schema),
      responseBudgetPlugin(),
      ApolloServerPluginCacheControlDisabled(),
    ],
    formatError: formatError(settings.production),
  });
}
