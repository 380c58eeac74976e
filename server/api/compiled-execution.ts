import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { DocumentNode, GraphQLSchema } from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import type { ApiContext } from "./context.ts";
import { ResponseBudget } from "./response-budget.ts";

/**
 * Runs queries through graphql-jit: each document is compiled once into JavaScript that resolves
 * its fields directly, instead of graphql-js walking the document for every object of the answer
 * (at a few thousand objects per neighbourhood, that walk cost several times the query itself).
 *
 * Only the execution changes. Apollo still parses, validates (with the limit rules), prices the
 * operation and runs every plugin hook around it; the schema and resolvers are the same. Only
 * queries are compiled (a mutation is run once, by graphql-js). And an answer with any error is
 * not sent: the operation then runs again through graphql-js, so every error reaches the client
 * exactly as before, formatted, masked, logged and with its HTTP status. Resolvers only read, so
 * running a failed query twice changes nothing but its cost (and the response cap's count starts
 * again for the second run).
 */

/** Compiled forms of each document Apollo holds (its document store reuses the parsed document). */
const compiledByDocument = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

function compiledFor(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
): CompiledQuery | null {
  let byOperation = compiledByDocument.get(document);
  if (!byOperation) {
    byOperation = new Map();
    compiledByDocument.set(document, byOperation);
  }
  const key = operationName ?? "";
  let compiled = byOperation.get(key);
  if (compiled === undefined) {
    const result = compileQuery(schema, document, operationName);
    // Compilation refuses nothing Apollo's validation passed; if it ever does, graphql-js runs it.
    compiled = isCompiledQuery(result) ? result : null;
    byOperation.set(key, compiled);
  }
  return compiled;
}

export function compiledExecutionPlugin(schema: GraphQLSchema): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation({ document, operation, operationName, request, contextValue }) {
          if (operation.operation !== "query") return null;
          const compiled = compiledFor(schema, document, operationName ?? undefined);
          if (!compiled) return null;
          let data: Record<string, unknown> | null | undefined;
          try {
            const result = await compiled.query(undefined, contextValue, request.variables ?? {});
            if (!result.errors?.length) data = result.data;
          } catch {
            // Whatever went wrong, graphql-js runs the operation and Apollo reports it as always.
          }
          if (data === undefined) {
            // The second run counts its text afresh against the response cap.
            if (contextValue.responseBudget)
              contextValue.responseBudget = new ResponseBudget(contextValue.responseBudget.maxBytes);
            return null;
          }
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: "single", singleResult: { data } },
          };
        },
      };
    },
  };
}
