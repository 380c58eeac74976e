import type { IncomingMessage, ServerResponse } from "node:http";
import { allowHeader } from "./send.ts";

/**
 * Headers every response carries, and the cross-origin policy.
 *
 * - Content-Security-Policy: API answers may load nothing and be framed by no one; the viewer and
 *   GraphiQL pages load only this server's files (styles may be inline: the editor sets them), may
 *   start workers from blob URLs (ForceAtlas2 runs in one), and may not be framed (no clickjacking).
 * - X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer (links out to sources tell the
 *   source nothing), X-Frame-Options: DENY for browsers that predate frame-ancestors.
 * - CORS: the API is a public, read-only, unauthenticated resource, so any origin may read it, as
 *   GitHub's and open-data APIs allow. Credentials are never allowed (no
 *   Access-Control-Allow-Credentials): no cookie or HTTP authentication rides along from another
 *   site, and writes, which will need a bearer token, are not opened to credentialed cross-site use.
 */

export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Set before any route answers, so error responses carry them too. */
export function applySecurityHeaders(response: ServerResponse): void {
  response.setHeader("x-content-type-options", "nosniff");
  response.setHeader("referrer-policy", "no-referrer");
  response.setHeader("x-frame-options", "DENY");
  response.setHeader("content-security-policy", API_CSP);
}

/** For HTML pages (the viewer, GraphiQL): what they need to run, and no more. */
export function applyPagePolicy(response: ServerResponse): void {
  response.setHeader("content-security-policy", PAGE_CSP);
}

/** Request headers a cross-origin script may send: JSON bodies and Apollo's CSRF-prevention headers. */
const ALLOWED_HEADERS = ["content-type", "accept", "apollo-require-preflight", "x-apollo-operation-name"];
/** Response headers a cross-origin script may read, beyond the CORS-safelisted ones. */
const EXPOSED_HEADERS = ["content-disposition", "retry-after", "content-encoding"];
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** Reads of the API from any origin, without credentials. */
export function applyCors(response: ServerResponse): void {
  response.setHeader("access-control-allow-origin", "*");
  response.setHeader("access-control-expose-headers", EXPOSED_HEADERS.join(", "));
}

/**
 * OPTIONS: a CORS preflight gets the policy (methods, headers, how long to cache it); a plain
 * OPTIONS gets the methods the path accepts. Both are 204 with no body.
 */
export function answerOptions(
  request: IncomingMessage,
  response: ServerResponse,
  allowed: readonly string[],
): void {
  const methods = allowHeader(allowed);
  response.setHeader("allow", methods);
  if (
    request.headers.origin !== undefined &&
    request.headers["access-control-request-method"] !== undefined
  ) {
    applyCors(response);
    response.setHeader("access-control-allow-methods", methods);
    response.setHeader("access-control-allow-headers", ALLOWED_HEADERS.join(", "));
    response.setHeader("access-control-max-age", String(PREFLIGHT_MAX_AGE_SECONDS));
  }
  response.writeHead(204);
  response.end();
}
