import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

/** Small helpers every route shares, so errors come in one shape whichever route refuses. */

export const JSON_MEDIA_TYPE = "application/json; charset=utf-8";

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  response.writeHead(status, { "content-type": JSON_MEDIA_TYPE, ...headers });
  response.end(JSON.stringify(body));
}

export interface ErrorDetails {
  /** A machine-readable code, as GraphQL errors carry one: BAD_REQUEST unless said otherwise. */
  code?: string;
  /** The parameter at fault, when there is one. */
  argument?: string;
  headers?: OutgoingHttpHeaders;
}

/** A GraphQL-shaped error for failures outside GraphQL, so clients parse one format everywhere. */
export function sendError(
  response: ServerResponse,
  status: number,
  message: string,
  { code = "BAD_REQUEST", argument, headers }: ErrorDetails = {},
): void {
  const extensions = { code, ...(argument ? { argument } : {}) };
  sendJson(response, status, { errors: [{ message, extensions }] }, headers);
}

/** The Allow header for a path that takes `methods` (OPTIONS is always answered). */
export const allowHeader = (methods: readonly string[]) => [...methods, "OPTIONS"].join(", ");

/** 405 with the methods the path does accept. */
export function sendMethodNotAllowed(response: ServerResponse, allowed: readonly string[]): void {
  sendError(response, 405, `method not allowed; use ${allowed.join(" or ")}`, {
    code: "METHOD_NOT_ALLOWED",
    headers: { allow: allowHeader(allowed) },
  });
}
