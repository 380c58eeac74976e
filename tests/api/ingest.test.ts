import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import { startWriteServer, type WriteServer } from "../helpers/write-server.ts";

/**
 * ingestSource through GraphQL: the article read by the extractor (server/ingest), stored through
 * the store with its journal entry, its claims in the review queue, and every refusal naming the
 * input field it concerns.
 */

let server: WriteServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const ARTICLE = [
  "Türkiye welcomes joint statement by Armenia and Azerbaijan",
  "",
  "Türkiye welcomed the joint statement issued by Armenia and Azerbaijan on 7 December 2023, the " +
    "foreign ministry said on Friday. Armenia released 32 Azerbaijani servicemen as part of the agreement.",
  "",
].join("\n");

const INGEST = `mutation ($input: IngestSourceInput!, $key: String) {
  ingestSource(input: $input, idempotencyKey: $key) {
    source { id title url published { text } }
    claims { id status quote }
    proposedEntities { id label }
    change { id author action }
  }
}`;

interface Ingested {
  ingestSource: {
    source: { id: string; title: string; url: string | null; published: { text: string } | null };
    claims: { id: string; status: string; quote: string }[];
    proposedEntities: { id: string; label: string }[];
    change: { id: string; author: string; action: string };
  };
}

const input = (overrides: Record<string, unknown> = {}) => ({
  text: ARTICLE,
  url: "https://example.org/news/turkiye-welcomes",
  published: "2023-12-08",
  outlet: "Example News",
  ...overrides,
});

describe("ingestSource", () => {
  it("reads an article, stores it with its claims awaiting review, and journals who did it", async () => {
    server = await startWriteServer();
    const { ingestSource } = await server.write<Ingested>(INGEST, { input: input(), key: "article-1" });
    const { source, claims, change } = ingestSource;
    expect(source.title).toBe("Türkiye welcomes joint statement by Armenia and Azerbaijan");
    expect(source.published?.text).toBe("2023-12-08");
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) {
      expect(claim.status).toBe("EXTRACTED");
      expect(ARTICLE).toContain(claim.quote);
    }
    expect(change).toMatchObject({ author: "Ana", action: "INGEST_SOURCE" });

    // Verbatim text, claims in their own file, a journal line; the folder validates.
    const { dataDir } = server;
    expect(readFileSync(path.join(dataDir, "sources", `${source.id}.txt`), "utf8")).toBe(ARTICLE);
    const claimLines = readFileSync(path.join(dataDir, "claims", `${source.id}.jsonl`), "utf8")
      .trimEnd()
      .split("\n");
    expect(claimLines.map((line) => (JSON.parse(line) as { id: string }).id).sort()).toEqual(
      claims.map((claim) => claim.id).sort(),
    );
    const journal = readFileSync(path.join(dataDir, "reviews/journal.jsonl"), "utf8").trimEnd().split("\n");
    expect(JSON.parse(journal.at(-1)!)).toMatchObject({
      id: change.id,
      author: "Ana",
      action: { kind: "ingestSource", source: source.id },
    });
    expect((await loadGraphData(dataDir, dataDir)).problems).toEqual([]);

    // In the review queue at once.
    const queue = await server.write<{ reviewQueue: { source: { id: string }; pendingCount: number }[] }>(
      "{ reviewQueue { source { id } pendingCount } }",
    );
    expect(queue.reviewQueue).toContainEqual({ source: { id: source.id }, pendingCount: claims.length });

    // A retry with the same key takes effect once and gets the same answer.
    const again = await server.write<Ingested>(INGEST, { input: input(), key: "article-1" });
    expect(again.ingestSource.source.id).toBe(source.id);
    expect(again.ingestSource.change.id).toBe(change.id);
    expect(
      readFileSync(path.join(dataDir, "reviews/journal.jsonl"), "utf8").trimEnd().split("\n"),
    ).toHaveLength(journal.length);

    // The same article again, without the key: refused as a duplicate, naming the source that has it.
    const duplicate = await server.post({ query: INGEST, variables: { input: input() } });
    expect(duplicate.json.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`source "${source.id}" already has the URL`),
      extensions: { code: "BAD_USER_INPUT", argumentName: "input.url" },
    });
    const sameText = await server.post({ query: INGEST, variables: { input: input({ url: null }) } });
    expect(sameText.json.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`source "${source.id}" already has this text`),
      extensions: { code: "BAD_USER_INPUT", argumentName: "input.text" },
    });
  });

  it("refuses bad input, naming the field, and writes nothing", async () => {
    const running = (server = await startWriteServer({ settings: { limits: { maxArticleChars: 400 } } }));
    const refusal = async (overrides: Record<string, unknown>) => {
      const { json } = await running.post({ query: INGEST, variables: { input: input(overrides) } });
      expect(json.data ?? null).toBeNull();
      return json.errors?.[0];
    };
    expect(await refusal({ text: "x".repeat(401) })).toMatchObject({
      message: expect.stringContaining("over this server's limit of 400"),
      extensions: { code: "BAD_USER_INPUT", argumentName: "input.text" },
    });
    expect(await refusal({ text: "  \n " })).toMatchObject({
      message: expect.stringContaining("empty article"),
      extensions: { argumentName: "input.text" },
    });
    expect(await refusal({ text: "binary\u0001content" })).toMatchObject({
      message: expect.stringContaining("control character U+0001"),
      extensions: { argumentName: "input.text" },
    });
    expect(await refusal({ url: "ftp://example.org/a" })).toMatchObject({
      message: 'input.url: "ftp://example.org/a" is not an http(s) URL',
      extensions: { argumentName: "input.url" },
    });
    expect(await refusal({ published: "2023-02-30" })).toMatchObject({
      extensions: { code: "BAD_USER_INPUT", argumentName: "input.published" },
    });
    expect(await refusal({ title: "a\nb" })).toMatchObject({ extensions: { argumentName: "input.title" } });
    expect(() => readFileSync(path.join(running.dataDir, "reviews/journal.jsonl"), "utf8")).toThrow();
  });

  it("needs the write token", async () => {
    server = await startWriteServer();
    const { status } = await server.post({ query: INGEST, variables: { input: input() } }, { token: null });
    expect(status).toBe(401);
  });
});
