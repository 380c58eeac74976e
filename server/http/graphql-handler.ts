import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { ApiContext } from "../api/context.ts";
import { ResponseBudget, responseTooLarge } from "../api/response-budget.ts";
import type { Settings } from "../settings.ts";
import { compressBody, negotiate } from "./compression.ts";
import { HttpError, readBody } from "./read-body.ts";

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType);

/** Parses a JSON body, or says where it is malformed. */
function parseJsonBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `malformed JSON body: ${(error as Error).message}`);
  }
}

export interface GraphQLRoute {
  apollo: ApolloServer<ApiContext>;
  /**
   * One request's context (the graph, its indexes, the export limits and slots, who asks) and the
   * largest body it may send (a writer holding the token may send an article).
   */
  contextFor(request: IncomingMessage): { context: ApiContext; maxBodyBytes: number };
  settings: Settings;
}

/** The body that replaces an answer over the response cap. */
function tooLargeBody(maxBytes: number, bytes: number): string {
  const { message, extensions } = responseTooLarge(maxBytes, bytes);
  return JSON.stringify({ errors: [{ message, extensions: { code: extensions.code, maxBytes } }] });
}

/**
 * Hands one HTTP request to Apollo Server and writes its answer: never more than the response cap
 * (a larger answer becomes RESPONSE_TOO_LARGE), compressed when the client accepts it.
 */
export async function handleGraphQL(
  { apollo, contextFor, settings }: GraphQLRoute,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const { maxResponseBytes } = settings.limits;
  const { context, maxBodyBytes } = contextFor(request);
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const raw =
    request.method === "POST" ? await readBody(request, maxBodyBytes, settings.http.bodyTimeoutMs) : "";
  const body = isJson(headers.get("content-type")) ? parseJsonBody(raw) : raw;
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? "GET", headers, search: url.search, body },
    // The context is this request's own object: add to it rather than copy it, since a live graph's
    // fields are getters on its prototype that a copy would freeze.
    context: async () => Object.assign(context, { responseBudget: new ResponseBudget(maxResponseBytes) }),
  });
  const outgoing: Record<string, string> = {};
  for (const [name, value] of answer.headers) outgoing[name] = value;
  if (answer.body.kind !== "complete") {
    response.writeHead(answer.status ?? 200, outgoing);
    for await (const chunk of answer.body.asyncIterator) response.write(chunk);
    response.end();
    return;
  }
  let status = answer.status ?? 200;
  let payload: Buffer = Buffer.from(answer.body.string, "utf8");
  if (payload.length > maxResponseBytes) {
    payload = Buffer.from(tooLargeBody(maxResponseBytes, payload.length), "utf8");
    status = 400;
  }
  const mediaType = outgoing["content-type"] ?? "application/json";
  const encoding = negotiate(request, response, mediaType, payload.length, settings.compression);
  if (encoding) {
    payload = await compressBody(encoding, payload, settings.compression);
    outgoing["content-encoding"] = encoding;
  }
  if (outgoing.vary) outgoing.vary = `${outgoing.vary}, Accept-Encoding`;
  response.writeHead(status, { ...outgoing, "content-length": String(payload.length) });
  response.end(payload);
}
