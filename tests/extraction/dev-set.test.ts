import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadGraphData, type LoadResult } from "../../server/model/load.ts";
import { formatProblem } from "../../server/model/problems.ts";
import { DEV_SET, OVERLAY_FOLDERS, devSourceIds, mergeDevOverlay } from "./dev-overlay.ts";

/** A gold claim as written in tests/extraction/dev/claims/<source>.yaml. */
interface GoldClaim {
  quote: string;
  start?: number;
  qualifiers?: { framing?: string };
}

async function goldClaims(): Promise<{ file: string; source: string; claims: Record<string, GoldClaim> }[]> {
  const folder = path.join(DEV_SET, "claims");
  const names = (await readdir(folder)).filter((name) => name.endsWith(".yaml"));
  return Promise.all(
    names.map(async (name) => {
      const parsed = parse(await readFile(path.join(folder, name), "utf8")) as {
        source: string;
        claims: Record<string, GoldClaim>;
      };
      return { file: name, source: parsed.source, claims: parsed.claims };
    }),
  );
}

describe("the extraction dev set", () => {
  let loaded: LoadResult;
  let sourceIds: string[];
  const temporary: string[] = [];
  afterAll(() => Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true }))));

  beforeAll(async () => {
    sourceIds = await devSourceIds();
    const merged = await mergeDevOverlay();
    temporary.push(merged);
    loaded = await loadGraphData(merged, merged);
  });

  it("loads together with graph-data with zero problems", () => {
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    for (const id of sourceIds) expect(loaded.model.sources.has(id), id).toBe(true);
  });

  it("has at least 12 texts, each with gold claims", async () => {
    expect(sourceIds.length).toBeGreaterThanOrEqual(12);
    const withClaims = new Set(loaded.model.claims.map((claim) => claim.source));
    for (const id of sourceIds) expect(withClaims.has(id), `${id} has no gold claims`).toBe(true);
    const files = await goldClaims();
    expect(files.map((file) => file.file).sort()).toEqual(sourceIds.map((id) => `${id}.yaml`).sort());
    for (const file of files) expect(file.source, file.file).toBe(file.file.replace(/\.yaml$/, ""));
  });

  it("quotes every claim verbatim from its text, at its offset when one is given, with its framing inside", async () => {
    let checked = 0;
    for (const { source, claims } of await goldClaims()) {
      const text = await readFile(path.join(DEV_SET, "sources", `${source}.txt`), "utf8");
      for (const [id, claim] of Object.entries(claims)) {
        expect(text.includes(claim.quote), `${id}: quote not in ${source}.txt`).toBe(true);
        if (claim.start !== undefined)
          expect(text.slice(claim.start, claim.start + claim.quote.length), id).toBe(claim.quote);
        const framing = claim.qualifiers?.framing;
        if (framing !== undefined)
          expect(claim.quote, `${id}: the quote must hold the framing`).toContain(framing);
        checked++;
      }
    }
    expect(checked).toBe(loaded.model.claims.filter((claim) => sourceIds.includes(claim.source)).length);
  });

  it("names every text's licence in LICENCES.md, and no text that is not there", async () => {
    const licences = await readFile(path.join(DEV_SET, "LICENCES.md"), "utf8");
    const rows = [...licences.matchAll(/^\| ([a-z][a-z0-9-]*) +\|/gm)].map((match) => match[1]);
    expect(rows.sort()).toEqual([...sourceIds].sort());
  });

  it("counts in README.md what the gold holds, per text and per relation type", async () => {
    const readme = await readFile(path.join(DEV_SET, "README.md"), "utf8");
    const dev = loaded.model.claims.filter((claim) => sourceIds.includes(claim.source));
    for (const id of sourceIds) {
      const row = readme.match(
        new RegExp(`^\\| ${id} +\\|.*\\| +([\\d,]+) \\| +(\\d+) \\| +(\\d+) \\|$`, "m"),
      );
      expect(row, `README.md has no row for ${id}`).not.toBeNull();
      const text = await readFile(path.join(DEV_SET, "sources", `${id}.txt`));
      const own = dev.filter((claim) => claim.source === id);
      expect(
        row!.slice(1).map((cell) => Number(cell.replace(/,/g, ""))),
        id,
      ).toEqual([
        text.length,
        own.filter((claim) => claim.form === "relation").length,
        own.filter((claim) => claim.form === "attribute").length,
      ]);
    }
    const perType = new Map<string, number>();
    for (const claim of dev)
      if (claim.form === "relation") perType.set(claim.relation, (perType.get(claim.relation) ?? 0) + 1);
    const documented = [...readme.matchAll(/^\| ([A-Z_]+) +\| +(\d+) \|$/gm)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(new Map(documented as [string, number][])).toEqual(perType);
    expect(readme).toContain(`${dev.length} gold claims`);
  });

  it("refuses an overlay file that would replace one of graph-data's", async () => {
    const clash = await mkdtemp(path.join(tmpdir(), "peacegraph-clash-"));
    temporary.push(clash);
    for (const folder of OVERLAY_FOLDERS) await mkdir(path.join(clash, folder));
    await writeFile(path.join(clash, "entities", "actors.yaml"), "{}\n");
    await expect(mergeDevOverlay(undefined, clash)).rejects.toThrow(/entities\/actors\.yaml would replace/);
  });
});
