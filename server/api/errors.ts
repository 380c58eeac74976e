import { ApolloServerErrorCode, unwrapResolverError } from "@apollo/server/errors";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { InvalidArgument } from "../query/invalid-argument.ts";
import { LIMIT_CODES } from "./limits.ts";
import { StoreRefusal } from "../store/types.ts";

const badUserInput = (message: string, argumentName: string) =>
  new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argumentName } });

/** Runs a query-layer call, turning an InvalidArgument into GraphQL's BAD_USER_INPUT. */
export function withUserInput<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof InvalidArgument) throw badUserInput(error.message, error.argument);
    throw error;
  }
}

/**
 * Runs a write, turning what the caller can act on into GraphQL errors: a bad argument into
 * BAD_USER_INPUT naming it; a record changed meanwhile into CONFLICT (HTTP 409: read again and
 * retry); a read-only store into FORBIDDEN.
 */
export async function withWriteErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof InvalidArgument) throw badUserInput(error.message, error.argument);
    if (error instanceof StoreRefusal) {
      const field = error.field ?? "id";
      if (error.reason === "conflict")
        throw new GraphQLError(error.message, {
          extensions: { code: "CONFLICT", argumentName: field, http: { status: 409 } },
        });
      if (error.reason === "read-only")
        throw new GraphQLError(error.message, { extensions: { code: "FORBIDDEN", http: { status: 403 } } });
      throw badUserInput(`${field}: ${error.message}`, field);
    }
    throw error;
  }
}

/** What graphql-js says when its own work budget for comparing fields runs out. */
const VALIDATION_ABORTED =
  /^(Validation aborted\.|Too many validation errors, error limit reached\. Validation aborted\.)$/;

/** The code graphql-js's bare "Validation aborted." is given here, with a message that says why. */
export const VALIDATION_ABORTED_CODE = "VALIDATION_LIMIT_EXCEEDED";

/** Whether a formatted error is graphql-js giving up on validation (after formatError). */
export const isValidationAbort = (error: GraphQLFormattedError) =>
  error.extensions?.code === VALIDATION_ABORTED_CODE;

/**
 * Apollo's formatError: every error the server raised on purpose reaches the client with its own
 * code (Apollo folds validation rules' codes into GRAPHQL_VALIDATION_FAILED; the limit rules' codes
 * are put back); anything else is a bug, logged and masked in production.
 */
export function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = error instanceof GraphQLError ? error.originalError : undefined;
    const originalCode = original instanceof GraphQLError ? original.extensions.code : undefined;
    if (typeof originalCode === "string" && LIMIT_CODES.has(originalCode))
      return { ...formatted, extensions: { ...formatted.extensions, code: originalCode } };
    if (VALIDATION_ABORTED.test(formatted.message)) {
      return {
        message:
          "the document is too costly to validate: it repeats fields with the same name too often " +
          "(limits.maxSelectionFields, limits.maxTokens); ask for each field once",
        extensions: { code: VALIDATION_ABORTED_CODE },
      };
    }
    const code = formatted.extensions?.code;
    if (code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    console.error("internal error:", unwrapResolverError(error));
    return production ? { message: "Internal server error", extensions: { code } } : formatted;
  };
}
