import {
  GraphQLError,
  getNamedType,
  isListType,
  getNullableType,
  type DocumentNode,
  type GraphQLSchema,
} from "graphql";
import { getComplexity, type ComplexityEstimatorArgs } from "graphql-query-complexity";
import { NEIGHBORHOOD_LIMITS } from "../query/neighborhood.ts";

/**
 * The cost of an operation, computed before it runs. Every field costs 1. A field that returns a
 * page or list multiplies its children's cost by how many items it may return: `first` (or its
 * default) for pages, searches and timelines, `maxNodes` for a neighbourhood, `first` times
 * `maxLength` for paths, and PLAIN_LIST_SIZE for other lists. A `subgraph` is costed like the
 * largest neighbourhood (its real size is bounded by the export limits instead), and each
 * `export` costs EXPORT_COST per node it may hold: writing a file reads every field of every item,
 * so a few exports fit in one operation's budget and many do not.
 */
export const PLAIN_LIST_SIZE = 5;
export const EXPORT_COST = 5;

const LIST_SIZE_ARGUMENT: Record<string, (args: Record<string, unknown>) => number> = {
  neighborhood: (args) => Number(args.maxNodes ?? 200),
  subgraph: () => NEIGHBORHOOD_LIMITS.maxNodes,
  paths: (args) => Number(args.first ?? 5) * Number(args.maxLength ?? 4),
};

function estimate({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  // The whole file is written whichever of its fields are asked for, so they add nothing.
  if (type.name === "Subgraph" && field.name === "export") return EXPORT_COST;
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
