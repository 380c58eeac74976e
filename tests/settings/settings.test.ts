import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveSettings, settingsFromEnvironment, type SettingsInput } from "../../server/settings.ts";

/**
 * The one typed settings object: its defaults are the values the README documents, every bound of
 * its validator holds at its edge (the last value accepted, the first refused, named by its path),
 * and the environment maps onto it as README says (HOST loopback unless told otherwise).
 */

describe("defaults", () => {
  it("are the documented values", () => {
    expect(resolveSettings()).toMatchObject({
      port: 4000,
      host: "127.0.0.1",
      production: true,
      writeToken: null,
      readOnly: false,
      watch: { debounceMs: 200, pollMs: 5_000 },
      database: {
        url: null,
        poolSize: 4,
        pollMs: 500,
        reconnectMs: 200,
        maxReconnectMs: 5_000,
        statementTimeoutMs: 30_000,
        connectTimeoutMs: 5_000,
      },
      layout: { iterations: 300, seed: 1, budget: 2_000_000, cacheDir: null },
      limits: {
        maxBodyBytes: 100_000,
        maxTokens: 1_000,
        maxDepth: 8,
        maxAliases: 15,
        maxDirectives: 50,
        maxSelectionFields: 100,
        maxCost: 10_000,
        maxResponseBytes: 32 * 1024 * 1024,
        maxExportNodes: 20_000,
        maxExportRelations: 50_000,
        maxExportIds: 100,
        maxWriteBodyBytes: 400_000,
        maxArticleChars: 100_000,
        maxNoteChars: 1_000,
        maxQuoteChars: 2_000,
        maxIdempotencyKeyChars: 200,
        mutationsPerMinute: 300,
        maxEventStreams: 100,
      },
      exports: {
        concurrency: 2,
        queue: 8,
        queueTimeoutMs: 30_000,
        retryAfterSeconds: 5,
        maxDurationMs: 300_000,
      },
      http: {
        headersTimeoutMs: 10_000,
        bodyTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        idleTimeoutMs: 30_000,
        maxConnections: 512,
      },
      compression: { minBytes: 1_024, brotliQuality: 4, gzipLevel: 6 },
      ingest: {
        maxArticleBytes: 1_000_000,
        indexCacheDir: path.resolve(
          import.meta.dirname,
          "..",
          "..",
          "node_modules/.cache/peacegraph/link-index",
        ),
      },
    });
  });

  it("fill in what a partial section leaves out", () => {
    const settings = resolveSettings({ limits: { maxCost: 5 }, http: { maxConnections: 3 } });
    expect(settings.limits.maxCost).toBe(5);
    expect(settings.limits.maxDepth).toBe(8);
    expect(settings.http.maxConnections).toBe(3);
    expect(settings.http.idleTimeoutMs).toBe(30_000);
  });
});

/** [setting path, last value accepted, first value refused] */
const EDGES: [string, number, number][] = [
  ["port", 65_535, 65_536],
  ["port", 0, -1],
  ["layout.iterations", 5_000, 5_001],
  ["layout.iterations", 0, -1],
  ["layout.budget", 1, 0],
  ["limits.maxBodyBytes", 1, 0],
  ["limits.maxTokens", 1, 0],
  ["limits.maxDepth", 1, 0],
  ["limits.maxAliases", 0, -1],
  ["limits.maxDirectives", 0, -1],
  ["limits.maxSelectionFields", 1, 0],
  ["limits.maxCost", 1, 0],
  ["limits.maxResponseBytes", 1, 0],
  ["limits.maxExportNodes", 1, 0],
  ["limits.maxExportRelations", 1, 0],
  ["limits.maxExportIds", 1, 0],
  ["exports.concurrency", 1, 0],
  ["exports.queue", 0, -1],
  ["exports.queueTimeoutMs", 1, 0],
  ["exports.retryAfterSeconds", 1, 0],
  ["exports.maxDurationMs", 1, 0],
  ["http.maxConnections", 1, 0],
  ["http.keepAliveTimeoutMs", 1, 0],
  ["compression.minBytes", 0, -1],
  ["compression.brotliQuality", 11, 12],
  ["compression.brotliQuality", 0, -1],
  ["compression.gzipLevel", 9, 10],
  ["compression.gzipLevel", 1, 0],
  ["ingest.maxArticleBytes", 1, 0],
  ["limits.maxWriteBodyBytes", 1, 0],
  ["limits.maxArticleChars", 1, 0],
  ["limits.maxNoteChars", 1, 0],
  ["limits.maxQuoteChars", 1, 0],
  ["limits.maxIdempotencyKeyChars", 1, 0],
  ["limits.mutationsPerMinute", 1, 0],
  ["limits.maxEventStreams", 1, 0],
  ["watch.debounceMs", 60_000, 60_001],
  ["watch.debounceMs", 0, -1],
  ["watch.pollMs", 0, -1],
  ["database.poolSize", 100, 101],
  ["database.poolSize", 1, 0],
  ["database.pollMs", 60_000, 60_001],
  ["database.pollMs", 10, 9],
  ["database.reconnectMs", 10, 9],
  ["database.maxReconnectMs", 10, 9],
  ["database.statementTimeoutMs", 0, -1],
  ["database.connectTimeoutMs", 100, 99],
];

/** Settings with one value set at a dotted path. */
function withValue(dotted: string, value: unknown): SettingsInput {
  const keys = dotted.split(".");
  const input: Record<string, unknown> = {};
  let at = input;
  keys.slice(0, -1).forEach((key) => (at = at[key] = {}));
  at[keys.at(-1)!] = value;
  return input as SettingsInput;
}

const get = (settings: object, dotted: string) =>
  dotted.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], settings);

describe("the validator", () => {
  it.each(EDGES)("%s: accepts %d, refuses %d naming the setting", (dotted, accepted, refused) => {
    expect(get(resolveSettings(withValue(dotted, accepted)), dotted)).toBe(accepted);
    expect(() => resolveSettings(withValue(dotted, refused))).toThrow(
      new RegExp(`^invalid settings:\\n  ${dotted.replace(".", "\\.")}: `),
    );
  });

  it("refuses fractions where a whole number is meant, and text where a number is", () => {
    expect(() => resolveSettings({ port: 80.5 })).toThrow(/port: /);
    expect(() => resolveSettings(withValue("limits.maxCost", "10000"))).toThrow(/limits\.maxCost: /);
    expect(() => resolveSettings(withValue("ingest.maxArticleBytes", 1.5))).toThrow(
      /ingest\.maxArticleBytes: /,
    );
  });

  it("takes a write token of 16 characters, refuses one of 15, and no token (null)", () => {
    expect(resolveSettings({ writeToken: "t".repeat(16) }).writeToken).toBe("t".repeat(16));
    expect(() => resolveSettings({ writeToken: "t".repeat(15) })).toThrow(
      / {2}writeToken: must be at least 16/,
    );
    expect(resolveSettings({ writeToken: null }).writeToken).toBeNull();
    expect(resolveSettings({ watch: false }).watch).toBe(false);
  });

  it("takes no cache folder (null) but refuses an empty one", () => {
    expect(resolveSettings(withValue("ingest.indexCacheDir", null)).ingest.indexCacheDir).toBeNull();
    expect(() => resolveSettings(withValue("ingest.indexCacheDir", ""))).toThrow(/ingest\.indexCacheDir: /);
    expect(resolveSettings(withValue("layout.cacheDir", null)).layout.cacheDir).toBeNull();
    expect(() => resolveSettings(withValue("layout.cacheDir", ""))).toThrow(/layout\.cacheDir: /);
  });

  it("refuses an empty host and an unknown setting, naming them", () => {
    expect(() => resolveSettings({ host: "" })).toThrow(/ {2}host: /);
    expect(() => resolveSettings({ colour: "red" } as SettingsInput)).toThrow(
      /\(settings\): Unrecognized key: "colour"/,
    );
    expect(() => resolveSettings(withValue("limits.maxDeph", 3))).toThrow(
      /limits: Unrecognized key: "maxDeph"/,
    );
  });

  it("refuses a header timeout longer than the whole request's", () => {
    expect(
      resolveSettings({ http: { headersTimeoutMs: 30_000, requestTimeoutMs: 30_000 } }).http,
    ).toMatchObject({
      headersTimeoutMs: 30_000,
    });
    expect(() => resolveSettings({ http: { headersTimeoutMs: 30_001, requestTimeoutMs: 30_000 } })).toThrow(
      /http: headersTimeoutMs must not exceed requestTimeoutMs/,
    );
  });

  it("lists every bad value in one message, one per line", () => {
    let message = "";
    try {
      resolveSettings({ port: -1, limits: { maxDepth: 0 }, compression: { gzipLevel: 0 } });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split("\n")).toEqual([
      "invalid settings:",
      expect.stringMatching(/^ {2}port: /),
      expect.stringMatching(/^ {2}limits\.maxDepth: /),
      expect.stringMatching(/^ {2}compression\.gzipLevel: /),
    ]);
  });
});

describe("settings from the environment", () => {
  it("listen on loopback unless HOST says otherwise", () => {
    expect(settingsFromEnvironment({}).host).toBe("127.0.0.1");
    expect(settingsFromEnvironment({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
    expect(settingsFromEnvironment({ HOST: "::1" }).host).toBe("::1");
    expect(() => settingsFromEnvironment({ HOST: "" })).toThrow(/host: /);
  });

  it("read PORT, NODE_ENV, PEACEGRAPH_DATA and PEACEGRAPH_LAYOUT_CACHE", () => {
    const settings = settingsFromEnvironment({
      PORT: "0",
      NODE_ENV: "development",
      PEACEGRAPH_DATA: "some/data",
      PEACEGRAPH_LAYOUT_CACHE: "some/cache",
    });
    expect(settings.port).toBe(0);
    expect(settings.production).toBe(false);
    expect(settings.dataDir).toBe(path.resolve("some/data"));
    expect(settings.layout.cacheDir).toBe(path.resolve("some/cache"));
    expect(settingsFromEnvironment({}).production).toBe(true);
    expect(settingsFromEnvironment({ NODE_ENV: "test" }).production).toBe(true);
    expect(() => settingsFromEnvironment({ PORT: "http" })).toThrow(/port: /);
    expect(() => settingsFromEnvironment({ PORT: "65536" })).toThrow(/port: /);
  });

  it("read PEACEGRAPH_WRITE_TOKEN and PEACEGRAPH_READ_ONLY", () => {
    expect(settingsFromEnvironment({ PEACEGRAPH_WRITE_TOKEN: "w".repeat(16) }).writeToken).toBe(
      "w".repeat(16),
    );
    expect(() => settingsFromEnvironment({ PEACEGRAPH_WRITE_TOKEN: "short" })).toThrow(/writeToken: /);
    expect(settingsFromEnvironment({ PEACEGRAPH_WRITE_TOKEN: "" }).writeToken).toBeNull();
    for (const yes of ["1", "true", "YES"])
      expect(settingsFromEnvironment({ PEACEGRAPH_READ_ONLY: yes }).readOnly, yes).toBe(true);
    for (const no of ["0", "false", ""])
      expect(settingsFromEnvironment({ PEACEGRAPH_READ_ONLY: no }).readOnly, no).toBe(false);
  });

  it("read PEACEGRAPH_INDEX_CACHE, where none means no cache", () => {
    expect(settingsFromEnvironment({ PEACEGRAPH_INDEX_CACHE: "some/index" }).ingest.indexCacheDir).toBe(
      path.resolve("some/index"),
    );
    expect(settingsFromEnvironment({ PEACEGRAPH_INDEX_CACHE: "none" }).ingest.indexCacheDir).toBeNull();
    expect(settingsFromEnvironment({}).ingest.indexCacheDir).toBe(resolveSettings().ingest.indexCacheDir);
  });

  it("lay PEACEGRAPH_SETTINGS over the defaults, with the named variables winning", () => {
    const settings = settingsFromEnvironment({
      PEACEGRAPH_SETTINGS: JSON.stringify({
        port: 1234,
        host: "0.0.0.0",
        limits: { maxCost: 7 },
        layout: { seed: 9 },
      }),
      PORT: "4321",
      PEACEGRAPH_LAYOUT_CACHE: "cache",
    });
    expect(settings.port).toBe(4321);
    expect(settings.host).toBe("0.0.0.0");
    expect(settings.limits.maxCost).toBe(7);
    expect(settings.limits.maxDepth).toBe(8);
    expect(settings.layout).toMatchObject({ seed: 9, cacheDir: path.resolve("cache"), iterations: 300 });
    expect(() => settingsFromEnvironment({ PEACEGRAPH_SETTINGS: "{limits:" })).toThrow(
      /^PEACEGRAPH_SETTINGS is not JSON/,
    );
    expect(() => settingsFromEnvironment({ PEACEGRAPH_SETTINGS: "[1]" })).toThrow(/must be a JSON object/);
    expect(() => settingsFromEnvironment({ PEACEGRAPH_SETTINGS: '{"limits": {"maxCost": 0}}' })).toThrow(
      /limits\.maxCost: /,
    );
  });
});
