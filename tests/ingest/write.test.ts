import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle } from "../../server/ingest/extract.ts";
import { writeExtraction } from "../../server/ingest/write.ts";
import { loadGraphData } from "../../server/model/load.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { meta, seedExtractor } from "./helpers.ts";

const TEXT =
  "Georgia Welcomes The Joint Statement\n\nGeorgia welcomed the joint statement on Thursday. Azerbaijan will release 32 Armenian soldiers, the ministry said.";

async function copyOfGraphData(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-write-"));
  await cp(GRAPH_DATA, dir, { recursive: true });
  return dir;
}

describe("writing an extraction into graph-data", () => {
  it("writes the text, source line, proposed entities and claims, and the folder still validates", async () => {
    const dir = await copyOfGraphData();
    const result = extractArticle(TEXT, meta({ id: "georgia-welcome", title: null }), await seedExtractor());
    expect(result.source.title).toBe("Georgia Welcomes The Joint Statement");
    const { files } = await writeExtraction(result, dir);
    expect(files).toEqual([
      "sources/georgia-welcome.txt",
      "entities/proposed.jsonl",
      "sources/sources.jsonl",
      "claims/georgia-welcome.jsonl",
    ]);
    expect(await readFile(path.join(dir, "sources", "georgia-welcome.txt"), "utf8")).toBe(TEXT);
    const { model, problems } = await loadGraphData(dir);
    expect(problems).toEqual([]);
    expect(model.entities.get("georgia")).toMatchObject({ type: "state" });
    const written = model.claims.filter((claim) => claim.source === "georgia-welcome");
    expect(written.length).toBe(result.claims.length);
    for (const claim of written) {
      expect(claim.status).toBe("extracted");
      expect(TEXT.slice(claim.quoteStart, claim.quoteStart + claim.quote.length)).toBe(claim.quote);
    }
    const lines = (await readFile(path.join(dir, "claims", "georgia-welcome.jsonl"), "utf8"))
      .trim()
      .split("\n");
    const release = lines.map((line) => JSON.parse(line)).find((claim) => claim.relation === "RELEASED");
    expect(release).toMatchObject({ modality: "announced", rule: "released", status: "extracted" });
    expect(typeof release.start).toBe("number");
  });

  it("starts its line on a new line when sources.jsonl does not end with one", async () => {
    const dir = await copyOfGraphData();
    const sourcesFile = path.join(dir, "sources", "sources.jsonl");
    await writeFile(
      sourcesFile,
      JSON.stringify({
        id: "x",
        title: "X",
        outlet: null,
        url: null,
        published: null,
        author: null,
        language: "en",
        added: "2026-12-01",
      }),
    );
    await writeFile(path.join(dir, "sources", "x.txt"), "Some text.");
    const result = extractArticle(TEXT, meta({ id: "after-x" }), await seedExtractor());
    await writeExtraction(result, dir);
    const lines = (await readFile(sourcesFile, "utf8")).trim().split("\n");
    expect(lines.map((line) => JSON.parse(line).id)).toEqual(["x", "after-x"]);
    expect((await loadGraphData(dir)).problems).toEqual([]);
  });

  it("never writes over an existing source", async () => {
    const dir = await copyOfGraphData();
    const result = extractArticle(TEXT, meta({ id: "bnn-2023-12-29" }), await seedExtractor());
    await expect(writeExtraction(result, dir)).rejects.toThrow(/already exists/);
    expect((await loadGraphData(dir)).problems).toEqual([]);
  });
});
