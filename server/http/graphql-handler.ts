import type { IncomingMessage, ServerResponse } from "node:http";
import { HeaderMap, type ApolloServer } from "@apollo/server";
import type { ApiContext } from "../api/context.ts";
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

/** Hands one HTTP request to Apollo Server and writes its answer. */
export async function handleGraphQL(
  apollo: ApolloServer<ApiContext>,
  context: ApiContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  maxBodyBytes: number,
): Promise<void> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const raw = request.method === "POST" ? await readBody(request, maxBodyBytes) : "";
  const body = isJson(headers.get("content-type")) ? parseJsonBody(raw) : raw;
  const answer = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? "GET", headers, search: url.search, body },
    context: async () => context,
  });
  const outgoing: Record<string, string> = {};
  for (const [name, value] of answer.headers) outgoing[name] = value;
  response.writeHead(answer.status ?? 200, outgoing);
  if (answer.body.kind === "complete") {
    response.end(answer.body.string);
    return;
  }
  for await (const chunk of answer.body.asyncIterator) response.write(chunk);
  response.end();
}
