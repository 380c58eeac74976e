import type { ApolloServerPlugin } from "@apollo/server";
import {
  getVariableValues,
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from "graphql";
import type { ApiContext } from "./context.ts";
import { operationCost, type CostLimits } from "./cost.ts";
import { isValidationAbort } from "./errors.ts";

/**
 * Coerces the variables (a wrong type is the client's mistake: 400 BAD_USER_INPUT naming the
 * variable, never a 500), prices the operation (server/api/cost.ts), refuses it over the budget, and
 * reports the cost in `extensions.cost`. Also drops graphql-js's "Validation aborted." when a limit
 * rule already said why.
 */
export function costPlugin(
  schema: GraphQLSchema,
  budget: number,
  limits: CostLimits,
): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ document, operation, request }) {
          if (!operation) return;
          const coerced = getVariableValues(
            schema,
            operation.variableDefinitions ?? [],
            request.variables ?? {},
            {
              maxErrors: 1,
            },
          );
          if (coerced.errors) throw badVariable(coerced.errors[0]!);
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION)
              fragments.set(definition.name.value, definition);
          }
          cost = operationCost(schema, operation, fragments, coerced.coerced, limits);
          if (cost > budget) throw costError(cost, budget);
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (
            result.errors?.some(isValidationAbort) &&
            result.errors.some((error) => !isValidationAbort(error))
          )
            result.errors = result.errors.filter((error) => !isValidationAbort(error));
          if (cost === undefined) return;
          result.extensions = { ...result.extensions, cost: { requested: cost, budget } };
        },
      };
    },
  };
}

function badVariable(error: GraphQLError): GraphQLError {
  const definition = error.nodes?.[0];
  const variableName =
    definition?.kind === Kind.VARIABLE_DEFINITION ? definition.variable.name.value : undefined;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    extensions: { code: "BAD_USER_INPUT", ...(variableName ? { variableName } : {}), http: { status: 400 } },
  });
}

export function costError(cost: number, budget: number): GraphQLError {
  return new GraphQLError(
    `query cost ${cost} is over the budget of ${budget} (limits.maxCost); ask for smaller pages (first) ` +
      "or fewer nested lists",
    { extensions: { code: "COST_LIMIT_EXCEEDED", cost, budget, http: { status: 400 } } },
  );
}
