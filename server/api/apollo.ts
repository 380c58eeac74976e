import { readFileSync } from "node:fs";
import path from "node:path";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { buildASTSchema, parse, type GraphQLSchema } from "graphql";
import type { Settings } from "../settings.ts";
import type { ApiContext } from "./context.ts";
import { costError, operationCost } from "./cost.ts";
import { maxAliasesRule, maxDepthRule, maxDirectivesRule } from "./limits.ts";
import { resolvers } from "./resolvers/index.ts";
import { makeExecutableSchema } from "./executable-schema.ts";

export const SCHEMA_FILE = path.resolve(import.meta.dirname, "..", "..", "schema.graphql");

/** The schema from schema.graphql, the contract, with the resolvers attached. */
export function loadSchema(): GraphQLSchema {
  const typeDefs = readFileSync(SCHEMA_FILE, "utf8");
  return makeExecutableSchema(buildASTSchema(parse(typeDefs)), resolvers);
}

/** Reports each operation's cost in `extensions.cost`, and refuses operations over the budget. */
function costPlugin(schema: GraphQLSchema, budget: number): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ document, operationName, request }) {
          cost = operationCost(schema, document, operationName ?? undefined, request.variables);
          if (cost > budget) throw costError(cost, budget);
        },
        async willSendResponse({ response }) {
          if (cost === undefined || response.body.kind !== "single") return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: { requested: cost, budget },
          };
        },
      };
    },
  };
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
      maxDepthRule(limits.maxDepth),
      maxAliasesRule(limits.maxAliases),
      maxDirectivesRule(limits.maxDirectives),
    ],
    // The cache-control plugin, on by default, hooks every field resolution to compute cache hints
    // the API never sends: off, a neighbourhood of 3,000 relations resolves several times faster.
    plugins: [costPlugin(schema, limits.maxCost), ApolloServerPluginCacheControlDisabled()],
    formatError(formatted, error) {
      const code = formatted.extensions?.code;
      // Errors we raised on purpose speak for themselves; anything else is a bug, logged and masked.
      if (code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR) return formatted;
      console.error("internal error:", unwrapResolverError(error));
      return settings.production ? { message: "Internal server error", extensions: { code } } : formatted;
    },
  });
}
