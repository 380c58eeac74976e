import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadGraphData } from "../../server/model/load.ts";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { runScript } from "../helpers/run.ts";

const CLI = "server/cli/ingest.ts";
const ARTICLE =
  "Georgia Welcomes Armenia-Azerbaijan Joint Statement\n\nTbilisi, 8 December. Georgia welcomed the joint statement issued by Armenia and Azerbaijan on Thursday, the Georgian Foreign Ministry said.";

async function setUp(): Promise<{ data: string; file: string; env: Record<string, string> }> {
  const root = await mkdtemp(path.join(tmpdir(), "peacegraph-ingest-cli-"));
  const data = path.join(root, "graph-data");
  await cp(GRAPH_DATA, data, { recursive: true });
  const file = path.join(root, "article.txt");
  await writeFile(file, ARTICLE);
  return { data, file, env: { PEACEGRAPH_INDEX_CACHE: path.join(root, "cache") } };
}

const listing = async (dir: string) =>
  (
    await Promise.all(
      ["sources", "claims", "entities"].map(async (f) =>
        (await readdir(path.join(dir, f))).map((n) => `${f}/${n}`),
      ),
    )
  )
    .flat()
    .sort();

describe("npm run ingest", () => {
  it("writes the article and its claims, prints a summary, and the folder validates", async () => {
    const { data, file, env } = await setUp();
    const run = await runScript(
      CLI,
      [file, "--data", data, "--published", "2023-12-08", "--url", "https://example.org/georgia"],
      60_000,
      env,
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Ingested "Georgia Welcomes Armenia-Azerbaijan Joint Statement" as source georgia-welcomes-armenia-azerbaijan-joint-statement-2023-12-08: \d+ claims/,
    );
    expect(run.stdout).toMatch(/Claims by relation type\n(?:\s+[A-Z_()a-z]+\s+\d+\n)+/);
    expect(run.stdout).toMatch(/ WELCOMED\s+1\n/);
    expect(run.stdout).toMatch(/Existing entities linked \(\d+\): .*armenia/);
    expect(run.stdout).toMatch(/New entities proposed \(1\): georgia \(state\)/);
    expect(run.stdout).toMatch(/Took \d+ ms to extract/);
    const { problems, model } = await loadGraphData(data);
    expect(problems).toEqual([]);
    const source = [...model.sources.values()].find((s) => s.url === "https://example.org/georgia");
    expect(source).toMatchObject({
      title: "Georgia Welcomes Armenia-Azerbaijan Joint Statement",
      outlet: null,
      author: null,
    });
    expect(source?.published?.text).toBe("2023-12-08");
    const welcome = model.claims.find(
      (c) => c.source === source?.id && c.form === "relation" && c.relation === "WELCOMED",
    );
    expect(welcome).toMatchObject({
      subject: "georgia",
      object: "joint-statement-2023-12",
      attributedTo: null, // its own ministry reporting its act: no second voice
    });
    // The Thursday before Friday 8 December 2023.
    expect(welcome?.form === "relation" && welcome.qualifiers.date?.text).toBe("2023-12-07");
  }, 90_000);

  it("refuses the same article again, by text or by URL, naming the source that has it", async () => {
    const { data, file, env } = await setUp();
    const first = await runScript(
      CLI,
      [file, "--data", data, "--url", "https://example.org/georgia", "--id", "georgia-1"],
      60_000,
      env,
    );
    expect(first.code).toBe(0);
    const again = await runScript(CLI, [file, "--data", data], 60_000, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe('ingest: duplicate: source "georgia-1" already has this text\n');
    const other = path.join(path.dirname(file), "other.txt");
    await writeFile(other, "Turkey Welcomes The Statement\n\nTurkey welcomed the joint statement.");
    const sameUrl = await runScript(
      CLI,
      [other, "--data", data, "--url", "http://www.example.org/georgia/"],
      60_000,
      env,
    );
    expect(sameUrl.code).toBe(1);
    expect(sameUrl.stderr).toBe(
      'ingest: duplicate: source "georgia-1" already has the URL http://www.example.org/georgia/\n',
    );
  }, 120_000);

  it("writes nothing on a dry run, and prints the result for programs with --json", async () => {
    const { data, file, env } = await setUp();
    const before = await listing(data);
    const run = await runScript(
      CLI,
      [file, "--data", data, "--dry-run", "--json", "--published", "2023-12-08"],
      60_000,
      env,
    );
    expect(run.code).toBe(0);
    expect(await listing(data)).toEqual(before);
    const result = JSON.parse(run.stdout);
    expect(result.dryRun).toBe(true);
    expect(result.written).toEqual([]);
    expect(result.source.id).toBe("georgia-welcomes-armenia-azerbaijan-joint-statement-2023-12-08");
    expect(result.claims.length).toBe(result.summary.claims);
    expect(result.notes[0]).toHaveProperty("cameo");
    expect(result.entities).toEqual([expect.objectContaining({ id: "georgia", status: "extracted" })]);
  }, 60_000);

  it("reads standard input for -", async () => {
    const { data, env } = await setUp();
    const { spawnSync } = await import("node:child_process");
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", CLI, "-", "--data", data, "--dry-run", "--json"],
      {
        cwd: path.resolve(import.meta.dirname, "../.."),
        input: ARTICLE,
        env: { ...process.env, ...env },
        encoding: "utf8",
      },
    );
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout).source.title).toBe("Georgia Welcomes Armenia-Azerbaijan Joint Statement");
  }, 60_000);

  it("refuses bad input with one clear line and a non-zero exit", async () => {
    const { data, file, env } = await setUp();
    const dir = path.dirname(file);
    const empty = path.join(dir, "empty.txt");
    await writeFile(empty, " \n\n ");
    const binary = path.join(dir, "image.png");
    await writeFile(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    const huge = path.join(dir, "huge.txt");
    await writeFile(huge, "Armenia and Azerbaijan talked. ".repeat(40_000));
    const untitled = path.join(dir, "untitled.txt");
    await writeFile(untitled, "armenia and azerbaijan talked.");
    const cases: [string[], RegExp][] = [
      [[empty], /^ingest: .*empty\.txt: empty article: there is no text to read\n$/],
      [[binary], /^ingest: .*image\.png: binary file \(it contains NUL bytes\); give plain UTF-8 text\n$/],
      [[huge], /^ingest: .*huge\.txt: 1,240,000 bytes is over the limit of 1,000,000 bytes\n$/],
      [
        [file, "--published", "2023-02-30"],
        /^ingest: --published: "2023-02-30" is impossible: 2023-02 has 28 days\n$/,
      ],
      [[file, "--url", "not a url"], /^ingest: --url: "not a url" is not an http\(s\) URL\n$/],
      [[file, "--id", "Bad Id"], /^ingest: --id: "Bad Id" must be lower-case words joined by hyphens/],
      [[path.join(dir, "missing.txt")], /^ingest: .*missing\.txt: cannot read it \(ENOENT\)\n$/],
      [[untitled], /^ingest: title unknown: the first line is not a headline, so pass --title TEXT\n$/],
    ];
    const before = await listing(data);
    for (const [args, message] of cases) {
      const run = await runScript(CLI, [...args, "--data", data], 60_000, env);
      expect(run.code, args.join(" ")).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe("");
    }
    const usage = await runScript(CLI, ["--data", data], 60_000, env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^no FILE given\nusage: npm run ingest -- FILE/);
    expect(await listing(data)).toEqual(before);
    expect(existsSync(path.join(data, "claims", "untitled.jsonl"))).toBe(false);
  }, 240_000);
});
