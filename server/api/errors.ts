import { GraphQLError } from "graphql";
import { InvalidArgument } from "../query/invalid-argument.ts";

/** Runs a query-layer call, turning an InvalidArgument into GraphQL's BAD_USER_INPUT. */
export function withUserInput<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidArgument) {
      throw new GraphQLError(error.message, {
        extensions: { code: "BAD_USER_INPUT", argumentName: error.argument },
      });
    }
    throw error;
  }
}
