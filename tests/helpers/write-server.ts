import { rm } from "node:fs/promises";
import { startServer, type RunningServer } from "../../server/http/app.ts";
import { LiveGraph } from "../../server/live/live-graph.ts";
import { resolveSettings, type SettingsInput } from "../../server/settings.ts";
import { FolderStore } from "../../server/store/folder/folder-store.ts";
import type { ChangeSet } from "../../server/store/types.ts";
import { ArticleExtractor } from "../../server/write/article-extractor.ts";
import { WriteService } from "../../server/write/write-service.ts";
import { makeGraphData } from "./fixture.ts";
import type { GraphQLBody } from "./server.ts";

export const TOKEN = "test-token-0123456789abcdef";

export interface WriteServer extends RunningServer {
  dataDir: string;
  store: FolderStore;
  live: LiveGraph;
  /** POSTs GraphQL; by default as "Ana" holding the token. */
  post(
    body: unknown,
    options?: { token?: string | null; author?: string | null; headers?: Record<string, string> },
  ): Promise<{ status: number; headers: Headers; json: GraphQLBody }>;
  /** Runs an operation as Ana with the token, failing the test on any error. */
  write<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  stop(): Promise<void>;
}

/**
 * The real server over a writable folder store in a fresh copy of the minimal fixture, with the
 * given change sets committed first through the store (the fixture's extracted claims to review).
 */
export async function startWriteServer(
  options: { settings?: SettingsInput; readOnly?: boolean; seed?: ChangeSet[]; dataDir?: string } = {},
): Promise<WriteServer> {
  const dataDir = options.dataDir ?? (await makeGraphData());
  const store = await FolderStore.open({
    dataDir,
    readOnly: options.readOnly ?? false,
    displayRoot: dataDir,
    watch: false,
  });
  await store.load();
  for (const changeSet of options.seed ?? []) await store.commit(changeSet, { author: "fixture" });
  const snapshot = await store.load();
  const settings = resolveSettings({ port: 0, writeToken: TOKEN, watch: false, ...options.settings });
  const live = LiveGraph.fromSnapshot(snapshot, settings.layout);
  live.follow(store);
  const writes = store.writable
    ? new WriteService(store, live, settings.limits, new ArticleExtractor(dataDir, store))
    : undefined;
  const running = await startServer(settings, live, { writes, storeStatus: () => store.status() });
  const post: WriteServer["post"] = async (body, { token = TOKEN, author = "Ana", headers = {} } = {}) => {
    const response = await fetch(`${running.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(author === null ? {} : { "x-peacegraph-author": encodeURIComponent(author) }),
        ...headers,
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      json: (await response.json()) as GraphQLBody,
    };
  };
  const write = async <T>(query: string, variables?: Record<string, unknown>) => {
    const { status, json } = await post({ query, variables });
    if (json.errors || status !== 200)
      throw new Error(`write failed (${status}): ${JSON.stringify(json.errors)}`);
    return json.data as T;
  };
  return {
    ...running,
    dataDir,
    store,
    live,
    post,
    write,
    async stop() {
      await running.close();
      await store.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
