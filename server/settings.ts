import path from "node:path";
import { z } from "zod";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Every setting of the server in one typed object, with defaults and a validator (as sigma does).
 * The documented API limits live here, so the README, the code and the tests read one place.
 */
export const settingsSchema = z.strictObject({
  /** TCP port; 0 picks a free one (tests). */
  port: z.number().int().min(0).max(65535).default(4000),
  /** Interface to listen on; loopback unless told otherwise, since this often runs on a laptop. */
  host: z.string().min(1).default("127.0.0.1"),
  /** The graph-data folder to load. */
  dataDir: z.string().min(1).default(path.join(PROJECT_ROOT, "graph-data")),
  /** The built client (viewer and GraphiQL). */
  clientDir: z
    .string()
    .min(1)
    .default(path.join(PROJECT_ROOT, "client", "dist")),
  /** Production masks internal errors and drops stack traces. */
  production: z.boolean().default(true),
  /**
   * Writes. Mutations need `Authorization: Bearer <writeToken>`; with no token (null) none is
   * accepted (`npm start` makes one and prints a link carrying it, see server/main.ts). `readOnly`
   * opens the data without the writer's lock, so several servers can serve one folder while one
   * writes (env PEACEGRAPH_WRITE_TOKEN, PEACEGRAPH_READ_ONLY=1).
   */
  writeToken: z
    .string()
    .min(16, "must be at least 16 characters: it is the only key to writing")
    .nullable()
    .default(null),
  readOnly: z.boolean().default(false),
  /**
   * Noticing hand edits and `git pull`: a check once files have been quiet for `debounceMs`, and
   * every `pollMs` in case the operating system drops a change notification (0: never); false: off.
   */
  watch: z
    .union([
      z.literal(false),
      z.strictObject({
        debounceMs: z.number().int().min(0).max(60_000).default(200),
        pollMs: z.number().int().min(0).default(5_000),
      }),
    ])
    .default({ debounceMs: 200, pollMs: 5_000 }),
  /**
   * The precomputed layout, run once at start-up (see server/layout/layout.ts). `budget` caps
   * (nodes + edges) × iterations, about 5 s of ForceAtlas2, so a graph of 500,000 nodes and edges
   * gets 4 iterations instead of 300 and starts in seconds, not minutes; `cacheDir` keeps positions keyed by a hash of the graph, so a restart on
   * unchanged data reads them instead (env PEACEGRAPH_LAYOUT_CACHE; null: no cache).
   */
  layout: z
    .strictObject({
      iterations: z.number().int().min(0).max(5_000).default(300),
      seed: z.number().int().default(1),
      budget: z.number().int().positive().default(2_000_000),
      cacheDir: z.string().min(1).nullable().default(null),
    })
    .prefault({}),
  /**
   * Ingestion (npm run ingest; see server/ingest/). `maxArticleBytes` is the largest article
   * accepted; `indexCacheDir` keeps the link index of each graph-data folder, keyed by a fingerprint
   * of its files, so ingesting into a folder of a million claims does not read them all again
   * (env PEACEGRAPH_INDEX_CACHE, "none" for no cache; null: no cache).
   */
  ingest: z
    .strictObject({
      maxArticleBytes: z.number().int().positive().default(1_000_000),
      indexCacheDir: z
        .string()
        .min(1)
        .nullable()
        .default(path.join(PROJECT_ROOT, "node_modules", ".cache", "peacegraph", "link-index")),
    })
    .prefault({}),
  /**
   * PostgreSQL as the store of record instead of the graph-data folder (docs/deploy.md). With a
   * `url` (env PEACEGRAPH_DATABASE_URL, postgres://user:password@host:port/database) every replica
   * loads the graph from the database at start and follows its journal; null: the folder.
   */
  database: z
    .strictObject({
      url: z
        .string()
        .regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")
        .nullable()
        .default(null),
      /** Connections each replica keeps for loading and writing (the follower has one more). */
      poolSize: z.number().int().min(1).max(100).default(4),
      /**
       * The follower reads the journal when PostgreSQL notifies it of a commit, and also every
       * `pollMs` in case a notification was lost (a read replica on a hot standby gets none).
       */
      pollMs: z.number().int().min(10).max(60_000).default(500),
      /** First wait before reconnecting after the connection drops; doubles up to `maxReconnectMs`. */
      reconnectMs: z.number().int().min(10).default(200),
      maxReconnectMs: z.number().int().min(10).default(5_000),
      /** A statement running longer than this is cancelled (0: no limit). */
      statementTimeoutMs: z.number().int().min(0).default(30_000),
      /** Giving up on opening a connection after this long. */
      connectTimeoutMs: z.number().int().min(100).default(5_000),
    })
    .prefault({}),
  limits: z
    .strictObject({
      /** Largest request body, in bytes. */
      maxBodyBytes: z.number().int().positive().default(100_000),
      /** Largest number of tokens in one document (graphql-armor's default). */
      maxTokens: z.number().int().positive().default(1_000),
      /** Deepest field nesting, counting through fragments. */
      maxDepth: z.number().int().positive().default(8),
      /** Most aliases in one document. */
      maxAliases: z.number().int().nonnegative().default(15),
      /** Most directives in one document. */
      maxDirectives: z.number().int().nonnegative().default(50),
      /**
       * Most fields in one selection set, counting those its fragments bring in. Validating a
       * selection compares its fields pairwise: 990 copies of one field cost half a million checks.
       */
      maxSelectionFields: z.number().int().positive().default(100),
      /** Cost budget of one operation; see server/api/cost.ts for how cost is counted. */
      maxCost: z.number().int().positive().default(10_000),
      /**
       * Largest GraphQL response body, in bytes, export contents included: the last line of defence
       * behind the cost budget. Past it the answer is a RESPONSE_TOO_LARGE error, never a partial body.
       */
      maxResponseBytes: z
        .number()
        .int()
        .positive()
        .default(32 * 1024 * 1024),
      /** Most nodes one export (HTTP /export, GraphQL subgraph and export) may hold; see docs/export.md. */
      maxExportNodes: z.number().int().positive().default(20_000),
      /** Most relations one export may hold: each carries all its quotes, so files grow fast. */
      maxExportRelations: z.number().int().positive().default(50_000),
      /** Most start ids one export selection may name (HTTP `ids`, GraphQL `subgraph(ids:)`). */
      maxExportIds: z.number().int().positive().default(100),
      /** Largest request body that carries a valid write token (an article to ingest), in bytes. */
      maxWriteBodyBytes: z.number().int().positive().default(400_000),
      /** Longest article ingestSource takes, in characters (a long feature is about 30,000). */
      maxArticleChars: z.number().int().positive().default(100_000),
      /** Longest review note, in characters. */
      maxNoteChars: z.number().int().positive().default(1_000),
      /** Longest quote an edit may select, in characters. */
      maxQuoteChars: z.number().int().positive().default(2_000),
      /** Longest idempotency key, in characters. */
      maxIdempotencyKeyChars: z.number().int().positive().default(200),
      /** Mutations one client address may make in a minute (a bucket of that many, refilled over a minute). */
      mutationsPerMinute: z.number().int().positive().default(300),
      /** Most viewers following live changes (GET /events) at once. */
      maxEventStreams: z.number().int().positive().default(100),
    })
    .prefault({}),
  /** Exports run a few at a time, streamed; see server/export/export-slots.ts. */
  exports: z
    .strictObject({
      /** Exports written at the same time (one per core is plenty: writing is CPU-bound). */
      concurrency: z.number().int().positive().default(2),
      /** Exports that may wait for a slot; past this many, 503 with Retry-After. */
      queue: z.number().int().nonnegative().default(8),
      /** Longest wait for a slot before a 503. */
      queueTimeoutMs: z.number().int().positive().default(30_000),
      /** The Retry-After of a 503, in seconds. */
      retryAfterSeconds: z.number().int().positive().default(5),
      /** Longest an export may take to send, so a client that reads slowly cannot keep a slot. */
      maxDurationMs: z.number().int().positive().default(300_000),
      /** Longest stretch of writing before the event loop gets a turn (other requests answer between). */
      sliceMs: z.number().positive().default(10),
    })
    .prefault({}),
  /** Connection handling; see server/http/app.ts. */
  http: z
    .strictObject({
      /** Time to receive a request's headers. */
      headersTimeoutMs: z.number().int().positive().default(10_000),
      /** Time to receive a request's body, once its headers are in (a slow body is cut off). */
      bodyTimeoutMs: z.number().int().positive().default(10_000),
      /** Time to receive a whole request, headers and body. */
      requestTimeoutMs: z.number().int().positive().default(30_000),
      /** How long an idle keep-alive connection stays open between requests. */
      keepAliveTimeoutMs: z.number().int().positive().default(5_000),
      /** A connection with no traffic at all for this long is closed (never sent a request, or stalled). */
      idleTimeoutMs: z.number().int().positive().default(30_000),
      /** Most open connections; more are closed as soon as they are accepted. */
      maxConnections: z.number().int().positive().default(512),
    })
    .refine((http) => http.headersTimeoutMs <= http.requestTimeoutMs, {
      message: "headersTimeoutMs must not exceed requestTimeoutMs (the headers are part of the request)",
    })
    .prefault({}),
  /** Response compression, negotiated by Accept-Encoding (br, then gzip). */
  compression: z
    .strictObject({
      /** Bodies smaller than this go uncompressed. */
      minBytes: z.number().int().nonnegative().default(1_024),
      /** Brotli quality 0–11; 4 compresses about as fast as gzip and smaller. */
      brotliQuality: z.number().int().min(0).max(11).default(4),
      /** gzip level 1–9. */
      gzipLevel: z.number().int().min(1).max(9).default(6),
    })
    .prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;

/** Validates settings and fills in defaults; throws one readable message listing every bad value. */
export function resolveSettings(input: SettingsInput = {}): Settings {
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(settings)"}: ${issue.message}`,
    );
    throw new Error(`invalid settings:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

type Tree = Record<string, unknown>;
const isTree = (value: unknown): value is Tree =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `over` laid over `base`, section by section. */
function merge(base: Tree, over: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(over))
    merged[key] = isTree(value) && isTree(merged[key]) ? merge(merged[key], value) : value;
  return merged;
}

/**
 * Settings from the environment: PORT, HOST, PEACEGRAPH_DATA, PEACEGRAPH_LAYOUT_CACHE,
 * PEACEGRAPH_INDEX_CACHE ("none": no cache), NODE_ENV, PEACEGRAPH_WRITE_TOKEN, PEACEGRAPH_READ_ONLY,
 * PEACEGRAPH_DATABASE_URL, and PEACEGRAPH_SETTINGS, a JSON object of any other settings laid over the
 * defaults (e.g. `{"exports": {"concurrency": 4}, "limits": {"maxCost": 20000}}`); the named
 * variables win.
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Settings {
  let input: Tree = {};
  if (env.PEACEGRAPH_SETTINGS !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(env.PEACEGRAPH_SETTINGS);
    } catch (error) {
      throw new Error(`PEACEGRAPH_SETTINGS is not JSON: ${(error as Error).message}`, { cause: error });
    }
    if (!isTree(parsed)) throw new Error("PEACEGRAPH_SETTINGS must be a JSON object of settings");
    input = parsed;
  }
  const named: Tree = { production: env.NODE_ENV !== "development" };
  if (env.PEACEGRAPH_WRITE_TOKEN) named.writeToken = env.PEACEGRAPH_WRITE_TOKEN;
  if (env.PEACEGRAPH_READ_ONLY !== undefined)
    named.readOnly = /^(1|true|yes)$/i.test(env.PEACEGRAPH_READ_ONLY);
  if (env.PORT !== undefined) named.port = Number(env.PORT);
  if (env.HOST !== undefined) named.host = env.HOST;
  if (env.PEACEGRAPH_DATA !== undefined) named.dataDir = path.resolve(env.PEACEGRAPH_DATA);
  if (env.PEACEGRAPH_LAYOUT_CACHE !== undefined)
    named.layout = { cacheDir: path.resolve(env.PEACEGRAPH_LAYOUT_CACHE) };
  if (env.PEACEGRAPH_INDEX_CACHE !== undefined)
    named.ingest = {
      indexCacheDir: env.PEACEGRAPH_INDEX_CACHE === "none" ? null : path.resolve(env.PEACEGRAPH_INDEX_CACHE),
    };
  if (env.PEACEGRAPH_DATABASE_URL) named.database = { url: env.PEACEGRAPH_DATABASE_URL };
  return resolveSettings(merge(input, named) as SettingsInput);
}
