import {
  isAbstractType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type GraphQLTypeResolver,
} from "graphql";

type ResolverMap = Record<string, Record<string, unknown> | undefined>;

/**
 * Attaches resolvers to a schema built from SDL, and fails at start-up when a resolver names a type
 * or field the schema does not have, so the schema file and the code cannot drift apart silently.
 */
export function makeExecutableSchema(schema: GraphQLSchema, resolvers: object): GraphQLSchema {
  for (const [typeName, fields] of Object.entries(resolvers as ResolverMap)) {
    const type = schema.getType(typeName);
    if (!type) throw new Error(`resolvers name type ${typeName}, which schema.graphql lacks`);
    if (!fields) continue;
    if (isAbstractType(type)) {
      type.resolveType = fields.__resolveType as GraphQLTypeResolver<unknown, unknown>;
      continue;
    }
    if (!isObjectType(type)) throw new Error(`resolvers for ${typeName}, which is not an object type`);
    const schemaFields = type.getFields();
    for (const [fieldName, resolve] of Object.entries(fields)) {
      const field = schemaFields[fieldName];
      if (!field) throw new Error(`resolver ${typeName}.${fieldName} has no field in schema.graphql`);
      field.resolve = resolve as GraphQLFieldResolver<unknown, unknown>;
    }
  }
  return schema;
}
