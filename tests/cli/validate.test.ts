import { cp, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { GRAPH_DATA } from "../helpers/fixture.ts";
import { runScript } from "../helpers/run.ts";

describe("npm run validate", () => {
  it("prints the summary of the real graph with zero problems", async () => {
    const { code, stdout, stderr } = await runScript("server/cli/validate.ts");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Nodes by kind\n\s+actor\s+\d+\n\s+event\s+\d+\n\s+place\s+\d+/);
    expect(stdout).toMatch(/Relations by type\n\s+[A-Z_]+\s+\d+/);
    expect(stdout).toMatch(/Nodes 81, relations 157, claims 188, sources 2/);
    // Every conflict on one line, its kind first.
    const conflicts = stdout
      .slice(stdout.indexOf("Conflicts "), stdout.indexOf("0 problems"))
      .trim()
      .split("\n");
    expect(conflicts[0]).toBe("Conflicts 4");
    expect(conflicts.slice(1).sort()).toEqual([
      "  DATE joint-statement-2023-12 date: 2023-12-07 (bnn-2023-12-29) vs 2023-12-08 (normalization-2023-12)",
      "  DATE nagorno-karabakh-conflict date: 1991/.. (normalization-2023-12) vs 1988/.. (normalization-2023-12)",
      "  EXTENT armenian-forces--CONTROLS--nagorno-karabakh extent: all (normalization-2023-12) vs part (normalization-2023-12)",
      "  NEGATION any-third-party--MEDIATED--bilateral-statements-2023 modality: negated bnn-no-third-party-mediated-statements vs asserted bnn-the-west-mediated-peace-process",
    ]);
    expect(stdout).toMatch(/^0 problems\./m);
  }, 60_000);

  it("gives one line per problem in a corrupted copy, each with file, place and reason, and no stack trace", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-corrupt-"));
    await cp(GRAPH_DATA, dir, { recursive: true });
    const claimsFile = path.join(dir, "claims", "bnn-2023-12-29.yaml");
    const claims = await readFile(claimsFile, "utf8");
    expect(claims).toContain("relation: WELCOMED");
    expect(claims).toContain("’");
    // Three faults: an unknown relation, straightened apostrophes, a claim on a missing entity.
    const corrupted = claims.replace("relation: WELCOMED", "relation: WELCOMES").replaceAll("’", "'");
    const straightened = (claims.match(/quote: .*’/g) ?? []).length;
    expect(straightened).toBeGreaterThan(0);
    await writeFile(claimsFile, corrupted);
    await writeFile(
      path.join(dir, "claims", "extra.yaml"),
      "source: bnn-2023-12-29\nclaims:\n  extra-one:\n    subject: atlantis\n    relation: WELCOMED\n    object: armenia\n    quote: Armenia\n",
    );
    await writeFile(path.join(dir, "sources", "broken.yaml"), "title: [unclosed\n");
    await writeFile(path.join(dir, "sources", "broken.txt"), "text");

    const { code, stdout, stderr } = await runScript("server/cli/validate.ts", [dir]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const lines = stderr.trim().split("\n");
    const problems = lines.slice(0, -2);
    expect(lines.at(-1)).toBe(`${problems.length} problems in ${path.relative(process.cwd(), dir)}`);
    // The malformed source, the unknown relation, each straightened quote, and the extra claim's
    // dangling subject and wrong-kind object.
    expect(problems.length).toBe(1 + 1 + straightened + 2);
    for (const line of problems) expect(line).toMatch(/^[\w./-]+\.yaml(:\d+:\d+)?( \S+)?: \S.*$/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).toMatch(/unknown relation "WELCOMES"/);
    expect(stderr).toMatch(
      /claims\/extra.yaml:4:14 claims\["extra-one"\]\.subject: dangling reference: no entity "atlantis"/,
    );
    expect(stderr).toMatch(/WELCOMED needs an object of kind event, not "armenia" \(actor\/state\)/);
    expect(stderr).toMatch(/where the source has "’" \(U\+2019\)/);
  }, 60_000);
});
