/**
 * End to end: ingest real texts into a copy of graph-data, start the real server on it, and find
 * through GraphQL the new claims, the corroboration they add to relations the seeds already had,
 * and the joint statement's date conflict with 7 December now held by more sources than 8 December.
 */
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestArticle } from "../../server/ingest/ingest.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { startTestServer, type TestServer } from "../helpers/server.ts";
import { DEV_SET } from "../extraction/dev-overlay.ts";

const TEXTS = ["uk-written-answer-2024-01-25", "usembassy-az-2023-12-08"];

interface RelationNode {
  id: string;
  corroboration: number;
  sources: { id: string }[];
  claims: { status: string; rule: string | null; quote: string; source: { id: string } }[];
}

let server: TestServer;
let dataDir: string;
const ingested = new Map<string, string[]>();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "peacegraph-e2e-"));
  await cp(GRAPH_DATA, dataDir, { recursive: true });
  for (const id of TEXTS) {
    const text = await readFile(path.join(DEV_SET, "sources", `${id}.txt`), "utf8");
    const meta = parse(await readFile(path.join(DEV_SET, "sources", `${id}.yaml`), "utf8"));
    const { result, written } = await ingestArticle(
      text,
      {
        id,
        url: meta.url,
        published: String(meta.published),
        title: meta.title,
        outlet: meta.outlet,
        author: meta.author,
        added: "2026-12-01",
      },
      { dataDir, indexCacheDir: path.join(dataDir, "..", `${path.basename(dataDir)}-cache`), dryRun: false },
    );
    expect(written).toContain(`claims/${id}.jsonl`);
    ingested.set(
      id,
      result.claims.map((claim) => claim.id),
    );
  }
  server = await startTestServer({}, dataDir);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("ingesting into graph-data, then asking the server", () => {
  it("serves the new claims, marked extracted, with their rule and verbatim quote", async () => {
    const [id] = TEXTS;
    const { relations } = await server.query<{ relations: { totalCount: number; nodes: RelationNode[] } }>(
      `query ($source: ID!) { relations(where: { source: [$source] }, first: 30) { totalCount
        nodes { id corroboration sources { id } claims { status rule quote source { id } } } } }`,
      { source: id },
    );
    expect(relations.totalCount).toBeGreaterThan(0);
    const text = await readFile(path.join(dataDir, "sources", `${id}.txt`), "utf8");
    for (const relation of relations.nodes) {
      for (const claim of relation.claims.filter((c) => c.source.id === id)) {
        expect(claim.status).toBe("EXTRACTED");
        expect(claim.rule).toMatch(/^[a-z-]+$/);
        expect(text).toContain(claim.quote);
      }
    }
    const claimId = ingested.get(id!)![0]!;
    const { node } = await server.query<{ node: { id: string; status: string; source: { id: string } } }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim { id status source { id } } } }`,
      { id: claimId },
    );
    expect(node).toEqual({ id: claimId, status: "EXTRACTED", source: { id } });
  });

  it("adds corroboration: a claim repeating a seed relation joins it instead of making a second one", async () => {
    const { relations } = await server.query<{ relations: { nodes: RelationNode[] } }>(
      `{ relations(where: { type: ["NEGOTIATED"], subject: ["armenia", "azerbaijan"], object: ["armenia", "azerbaijan"] }, first: 20) {
        nodes { id corroboration sources { id } claims { status rule quote source { id } } } } }`,
    );
    const joined = relations.nodes.find((relation) => relation.sources.some((s) => s.id === TEXTS[0]));
    expect(joined).toBeDefined();
    expect(joined!.corroboration).toBeGreaterThanOrEqual(2);
    expect(joined!.sources.map((s) => s.id)).toContain("bnn-2023-12-29");
    // One relation for the pair and event, not one per source.
    const ids = relations.nodes.map((relation) => relation.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("shows 7 December held by more sources than 8 December for the joint statement", async () => {
    const { conflicts } = await server.query<{
      conflicts: {
        target: { id: string };
        property: string;
        values: { value: string; sources: { id: string }[] }[];
      }[];
    }>(`{ conflicts(kind: [DATE]) { target { id } property values { value sources { id } } } }`);
    const statement = conflicts.find((conflict) => conflict.target.id === "joint-statement-2023-12");
    expect(statement).toBeDefined();
    const sourcesOf = (value: string) =>
      statement!.values
        .find((v) => v.value === value)
        ?.sources.map((s) => s.id)
        .sort() ?? [];
    expect(sourcesOf("2023-12-07")).toEqual(["bnn-2023-12-29", "uk-written-answer-2024-01-25"]);
    expect(sourcesOf("2023-12-08")).toEqual(["normalization-2023-12"]);
  });
});
