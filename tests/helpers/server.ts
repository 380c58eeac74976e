import { createGraphStore, type GraphStore } from "../../server/api/context.ts";
import { buildKnowledgeGraph } from "../../server/graph/build.ts";
import { startServer, type RunningServer } from "../../server/http/app.ts";
import { loadGraphDataStrict } from "../../server/model/load.ts";
import { resolveSettings, type SettingsInput } from "../../server/settings.ts";
import { GRAPH_DATA } from "./fixture.ts";

export interface TestServer extends RunningServer {
  store: GraphStore;
  /** POSTs a GraphQL request as a browser or client would, and returns status and parsed body. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: GraphQLBody }>;
  /** Runs a query and fails the test on any GraphQL error. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

/** The real server on a free loopback port, over the real seed graph (or another graph-data folder). */
export async function startTestServer(
  settings: SettingsInput = {},
  dataDir = GRAPH_DATA,
): Promise<TestServer> {
  const resolved = resolveSettings({ port: 0, ...settings });
  // The layout only when asked for: the default settings compute it as npm start does.
  const layout = settings.layout ? resolved.layout : undefined;
  const store = createGraphStore(buildKnowledgeGraph(await loadGraphDataStrict(dataDir)), layout);
  const running = await startServer(resolved, store);
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as GraphQLBody };
  };
  const query = async <T>(text: string, variables?: Record<string, unknown>) => {
    const { status, json } = await post({ query: text, variables });
    if (json.errors || status !== 200)
      throw new Error(`query failed (${status}): ${JSON.stringify(json.errors)}`);
    return json.data as T;
  };
  return { ...running, store, post, query };
}
