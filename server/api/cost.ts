import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * The cost of an operation, computed before it runs, from what each field can return:
 *
 * - every field costs 1, and a field that returns several items multiplies the cost of what is
 *   asked of each item by how many it may return:
 *   - `nodes(ids:)`: the number of ids, repeats included;
 *   - pages and lists with `first` (connections, search, timeline, paths): `first`, or its default
 *     when omitted or null; a connection's `nodes` and `edges` are that page, counted once;
 *   - `subgraph`: its nodes and relations up to the export limits (limits.maxExportNodes and
 *     maxExportRelations); `neighborhood`: up to `maxNodes` nodes and NEIGHBORHOOD_RELATIONS_PER_NODE
 *     relations per node; a path: `maxLength` + 1 nodes and `maxLength` relations;
 *   - other lists of objects (a relation's claims, the sources …): PLAIN_LIST_SIZE, an estimate
 *     that the response size cap (limits.maxResponseBytes) backs up;
 * - `export` costs EXPORT_COST whatever is asked of it: the whole file is written either way, and
 *   its size is bounded by the export limits and the response cap;
 * - introspection (`__schema`, `__type`, `__typename`) is free: its size is the schema's.
 *
 * Fragments are costed once per type and scope, so a fragment spread twice inside a fragment spread
 * twice … costs linear time to price, never exponential.
 */
export const PLAIN_LIST_SIZE = 5;
export const EXPORT_COST = 3_000;
export const NEIGHBORHOOD_RELATIONS_PER_NODE = 12;

/** Bounds of the lists inside a Subgraph or a Path, set by the field that returned it. */
interface Scope {
  nodes: number;
  relations: number;
}

export interface CostLimits {
  maxExportNodes: number;
  maxExportRelations: number;
}

const defaultOf = (field: GraphQLField<unknown, unknown>, name: string) =>
  Number(field.args.find((arg) => arg.name === name)?.defaultValue ?? 0);

/** `first` as given, or the field's default when omitted or null. */
const firstOf = (field: GraphQLField<unknown, unknown>, args: Record<string, unknown>) =>
  typeof args.first === "number" ? args.first : defaultOf(field, "first");

/** Fields that return an object whose lists are bounded by their arguments. */
const SCOPES: Record<
  string,
  (field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, limits: CostLimits) => Scope
> = {
  "Query.subgraph": (_field, _args, limits) => ({
    nodes: limits.maxExportNodes,
    relations: limits.maxExportRelations,
  }),
  "Query.neighborhood": (field, args) => {
    const nodes = typeof args.maxNodes === "number" ? args.maxNodes : defaultOf(field, "maxNodes");
    return { nodes, relations: nodes * NEIGHBORHOOD_RELATIONS_PER_NODE };
  },
  "Query.paths": (field, args) => {
    const length = typeof args.maxLength === "number" ? args.maxLength : defaultOf(field, "maxLength");
    return { nodes: length + 1, relations: length };
  },
};

/** How many items a list field (or a page) may return. */
function itemCount(
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
  scope: Scope,
): number {
  const returnsPage = getNamedType(field.type).name.endsWith("Connection");
  if (returnsPage) return firstOf(field, args);
  if (!isListType(getNullableType(field.type))) return 1;
  if (parent.name.endsWith("Connection")) return 1; // nodes and edges: the page, already counted
  if (parent.name === "Subgraph" || parent.name === "Path")
    return field.name === "nodes" ? scope.nodes : scope.relations;
  if (parent.name === "Query" && field.name === "nodes") return (args.ids as unknown[]).length;
  if (field.args.some((arg) => arg.name === "first")) return firstOf(field, args);
  return PLAIN_LIST_SIZE;
}

export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  limits: CostLimits,
): number {
  const fragmentCosts = new Map<string, number>();
  const unbounded: Scope = { nodes: PLAIN_LIST_SIZE, relations: PLAIN_LIST_SIZE };

  const applies = (condition: string | undefined, type: GraphQLObjectType): boolean => {
    if (condition === undefined || condition === type.name) return true;
    const conditionType = schema.getType(condition);
    return (
      conditionType !== undefined && isAbstractType(conditionType) && schema.isSubType(conditionType, type)
    );
  };

  const selectionCost = (selectionSet: SelectionSetNode, type: GraphQLObjectType, scope: Scope): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = type.getFields()[selection.name.value];
        if (!field) continue; // __typename and introspection
        const args = getArgumentValues(field, selection, variables);
        const named = getNamedType(field.type);
        if (type.name === "Subgraph" && field.name === "export") {
          total += EXPORT_COST;
          continue;
        }
        if (!isCompositeType(named) || !selection.selectionSet) {
          total += 1;
          continue;
        }
        const childScope = SCOPES[`${type.name}.${field.name}`]?.(field, args, limits) ?? scope;
        const child = compositeCost(selection.selectionSet, named, childScope);
        total += 1 + itemCount(type, field, args, scope) * child;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition?.name.value, type))
          total += selectionCost(selection.selectionSet, type, scope);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || !applies(fragment.typeCondition.name.value, type)) continue;
        const key = `${fragment.name.value}|${type.name}|${scope.nodes}|${scope.relations}`;
        let cost = fragmentCosts.get(key);
        if (cost === undefined) {
          cost = selectionCost(fragment.selectionSet, type, scope);
          fragmentCosts.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  /** For an interface or union, the dearest of its object types: the one that could be returned. */
  const compositeCost = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    scope: Scope,
  ): number => {
    if (isObjectType(type)) return selectionCost(selectionSet, type, scope);
    let dearest = 0;
    for (const possible of schema.getPossibleTypes(type))
      dearest = Math.max(dearest, selectionCost(selectionSet, possible, scope));
    return dearest;
  };

  const root = schema.getRootType(operation.operation);
  return root ? selectionCost(operation.selectionSet, root, unbounded) : 0;
}
