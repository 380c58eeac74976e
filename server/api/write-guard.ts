import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { AUTHOR_HEADER, RateLimiter } from "../http/write-access.ts";
import type { ApiContext } from "./context.ts";

/** An error that also sets the HTTP status (and headers) of the answer. */
function httpError(
  message: string,
  code: string,
  status: number,
  headers: [string, string][] = [],
  extra = {},
) {
  return new GraphQLError(message, {
    extensions: { code, ...extra, http: { status, headers: new Map(headers) } },
  });
}

/**
 * Guards mutations before any resolver runs: no writes from another site (CSRF), none on a server
 * that takes none, none without the write token (401), none without an author, and at most so many
 * per client and minute (429). Queries pass untouched: reads stay open.
 */
export function writeGuardPlugin(mutationsPerMinute: number): ApolloServerPlugin<ApiContext> {
  const limiter = new RateLimiter(mutationsPerMinute);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== "mutation") return;
          const { principal, writes, writeRefusal } = contextValue;
          if (!principal || principal.crossOrigin)
            throw httpError(
              "writes from another web origin are refused (cross-site request)",
              "FORBIDDEN",
              403,
            );
          if (!writes || writeRefusal)
            throw httpError(writeRefusal ?? "this server takes no writes", "FORBIDDEN", 403);
          if (principal.token !== "valid")
            throw httpError(
              principal.token === "missing"
                ? "writes need the write token: send Authorization: Bearer <token>"
                : "the write token is wrong",
              "UNAUTHENTICATED",
              401,
              [["www-authenticate", 'Bearer realm="peacegraph"']],
            );
          if (principal.author === null)
            throw httpError(
              `${AUTHOR_HEADER}: ${principal.authorProblem ?? "send your name with every write"} (percent-encoded UTF-8)`,
              "BAD_USER_INPUT",
              400,
              [],
              { argumentName: AUTHOR_HEADER },
            );
          const wait = limiter.take(principal.client);
          if (wait > 0)
            throw httpError(
              `more than ${mutationsPerMinute} writes in a minute: try again in ${wait} s`,
              "RATE_LIMITED",
              429,
              [["retry-after", String(wait)]],
            );
        },
      };
    },
  };
}
