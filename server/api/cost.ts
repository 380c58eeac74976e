import {
  GraphQLError,
  getNamedType,
  isListType,
  getNullableType,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { getComplexity, type ComplexityEstimatorArgs } from "graphql-query-complexity";

/**
 * The cost of an operation, computed before it runs. Every field costs 1. A field that returns a
 * page or list multiplies its children's cost by how many items it may return: `first` (or its
 * default) for pages, searches and timelines, `maxNodes` for a neighbourhood, `first` times
 * `maxLength` for paths, and PLAIN_LIST_SIZE for other lists.
 */
export const PLAIN_LIST_SIZE = 5;

const LIST_SIZE_ARGUMENT: Record<string, (args: Record<string, unknown>) => number> = {
  neighborhood: (args) => Number(args.maxNodes ?? 200),
  paths: (args) => Number(args.first ?? 5) * Number(args.maxLength ?? 4),
};

function estimate({ field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const sized = LIST_SIZE_ARGUMENT[field.name];
  if (sized) return 1 + sized(args) * (1 + childComplexity);
  if (typeof args.first === "number") return 1 + args.first * childComplexity;
  const named = getNamedType(field.type);
  if (isListType(getNullableType(field.type)) && "getFields" in named)
    return 1 + PLAIN_LIST_SIZE * childComplexity;
  return 1 + childComplexity;
}

export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown> | undefined,
): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables: variables ?? {},
    estimators: [estimate],
  });
}

export function costError(cost: number, budget: number): GraphQLError {
  return new GraphQLError(
    `query cost ${cost} is over the budget of ${budget}; ask for smaller pages (first) or fewer nested lists`,
    { extensions: { code: "COST_LIMIT_EXCEEDED", cost, budget, http: { status: 400 } } },
  );
}
