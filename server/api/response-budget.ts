import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import type { ApiContext } from "./context.ts";

/**
 * The response size cap (limits.maxResponseBytes), the last line of defence behind the cost budget.
 * The fields that can carry large text (a source's full text, an export's content) count their bytes
 * as they resolve; once the cap is passed they stop adding text, so an oversized answer is never built
 * in full, and the whole response becomes one RESPONSE_TOO_LARGE error. The HTTP layer checks the
 * final body's size as well, for everything else.
 */
export class ResponseBudget {
  private used = 0;
  exceeded = false;

  constructor(readonly maxBytes: number) {}

  /** Counts text about to be sent; false once the cap is passed (the caller then sends nothing more). */
  take(text: string): boolean {
    if (this.exceeded) return false;
    this.used += Buffer.byteLength(text);
    if (this.used > this.maxBytes) this.exceeded = true;
    return !this.exceeded;
  }
}

export const RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE";

export function responseTooLarge(maxBytes: number, bytes?: number): GraphQLError {
  const size = bytes === undefined ? "more than that" : `${bytes} bytes`;
  return new GraphQLError(
    `the response would be ${size}, over the limit of ${maxBytes} bytes (limits.maxResponseBytes); ` +
      "ask for fewer items or fields, or download exports from GET /export/<format>, which streams them",
    { extensions: { code: RESPONSE_TOO_LARGE, maxBytes, http: { status: 400 } } },
  );
}

/** Large text for a field, counted against the request's budget; "" once the budget is spent. */
export function budgeted(context: ApiContext, text: string): string {
  return !context.responseBudget || context.responseBudget.take(text) ? text : "";
}

/** Replaces an answer that passed the cap with the one error that says so. */
export function responseBudgetPlugin(): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const budget = contextValue.responseBudget;
          if (!budget?.exceeded || response.body.kind !== "single") return;
          const { message, extensions } = responseTooLarge(budget.maxBytes);
          response.body.singleResult = {
            errors: [{ message, extensions: { code: extensions.code, maxBytes: extensions.maxBytes } }],
          };
          response.http.status = 400;
        },
      };
    },
  };
}
