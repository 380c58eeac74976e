import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { edit, GRAPH_DATA, makeGraphData } from "../helpers/fixture.ts";
import { runScript } from "../helpers/run.ts";

const execFileAsync = promisify(execFile);

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

  it("checks the journal of writes too, and points at a damaged line", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-journal-"));
    await cp(GRAPH_DATA, dir, { recursive: true });
    await mkdir(path.join(dir, "reviews"), { recursive: true });
    const entry = {
      id: "mx4tfl3r4dac010f",
      time: "2026-12-01T14:27:35.448Z",
      author: "Ana",
      key: null,
      request: null,
      action: { kind: "undo", change: "mx0000000000", note: null },
      changes: [],
    };
    await writeFile(path.join(dir, "reviews", "journal.jsonl"), `${JSON.stringify(entry)}\n{"id": "cut-sh`);
    const { code, stderr } = await runScript("server/cli/validate.ts", [dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/reviews\/journal.jsonl:2:\d+: malformed JSON/);
    expect(stderr).toMatch(/^1 problem in /m);
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});

describe("npm run validate on odd folders", () => {
  const VALIDATE = "server/cli/validate.ts";

  it("checks PEACEGRAPH_DATA when no folder is given, as npm start does", async () => {
    const dir = await makeGraphData(edit("claims/demo.yaml", "relation: WELCOMED", "relation: WELCOMES"));
    const { code, stdout, stderr } = await runScript(VALIDATE, [], 60_000, { PEACEGRAPH_DATA: dir });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/unknown relation "WELCOMES"/);
    expect(stderr).toMatch(new RegExp(`1 problem in ${escape(path.relative(process.cwd(), dir))}\\n$`));
  }, 60_000);

  it.each([["--help"], ["-h"]])("%s prints the usage and checks nothing", async (flag) => {
    const { code, stdout, stderr } = await runScript(VALIDATE, [flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm run validate \[-- <graph-data folder>\]/);
    expect(stdout).toMatch(/PEACEGRAPH_DATA/);
    expect(stderr).toBe("");
  });

  it("refuses an unknown option with the usage, not as a folder name", async () => {
    const { code, stderr } = await runScript(VALIDATE, ["--verbose"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^validate: Unknown option '--verbose'/);
    expect(stderr).toMatch(/Usage: npm run validate/);
  });

  it("refuses named pipes in one line each instead of hanging on them", async () => {
    const dir = await makeGraphData();
    for (const fifo of ["entities/pipe.yaml", "claims/pipe.jsonl", "sources/demo.txt"]) {
      await rm(path.join(dir, fifo), { force: true });
      await execFileAsync("mkfifo", [path.join(dir, fifo)]);
    }
    const { code, stderr } = await runScript(VALIDATE, [dir]);
    expect(code).toBe(1);
    for (const fifo of ["entities/pipe.yaml", "claims/pipe.jsonl", "sources/demo.txt"])
      expect(stderr).toContain(`${fifo}: not a regular file: it is a named pipe (FIFO)`);
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("npm start refuses a named pipe too, and exits", async () => {
    const dir = await makeGraphData();
    await execFileAsync("mkfifo", [path.join(dir, "entities", "pipe.yaml")]);
    const { code, stderr } = await runScript("server/main.ts", [], 60_000, {
      PEACEGRAPH_DATA: dir,
      PORT: "0",
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^Cannot start: .* has 2 problem\(s\):\n.*entities\/pipe.yaml: not a regular file/,
    );
  }, 60_000);

  it("says a binary file is binary, in one line, without follow-on errors", async () => {
    const binary = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x3a, 0x0a]);
    const dir = await makeGraphData();
    await writeFile(path.join(dir, "entities", "places.yaml"), binary);
    await writeFile(path.join(dir, "claims", "more.jsonl"), Buffer.concat([Buffer.from('{"id":'), binary]));
    const { code, stderr } = await runScript(VALIDATE, [dir]);
    expect(code).toBe(1);
    const problems = stderr.trim().split("\n").slice(0, -2);
    expect(problems).toEqual([
      expect.stringMatching(/entities\/places\.yaml: a binary file \(a NUL byte at byte 8\), not text/),
      expect.stringMatching(/claims\/more\.jsonl: a binary file \(a NUL byte at byte 14\), not text/),
      expect.stringMatching(/claims: references to entities were not checked/),
    ]);
  }, 60_000);

  it("says a file that is not UTF-8 is not UTF-8", async () => {
    const dir = await makeGraphData();
    await writeFile(
      path.join(dir, "entities", "places.yaml"),
      Buffer.from("tegh:\n  label: T\xe9gh\n", "latin1"),
    );
    const { code, stderr } = await runScript(VALIDATE, [dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/entities\/places\.yaml: not UTF-8 text/);
  }, 60_000);

  it("reports every problem of a claim at once: a bad confidence, a bad date and a dangling subject", async () => {
    const dir = await makeGraphData(
      edit(
        "claims/demo.yaml",
        "    subject: turkey\n",
        "    subject: turkiye\n    confidence: 1.5\n    qualifiers:\n      date: 2023-02-30\n",
      ),
    );
    const { code, stderr } = await runScript(VALIDATE, [dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/claims\["demo-welcomed"\]\.confidence: /);
    expect(stderr).toMatch(/claims\["demo-welcomed"\]\.qualifiers\.date: "2023-02-30" is impossible/);
    expect(stderr).toMatch(/claims\["demo-welcomed"\]\.subject: dangling reference: no entity "turkiye"/);
    expect(stderr).toMatch(/\n3 problems in /);
  }, 60_000);

  it("suggests the id, relation or node type that was meant", async () => {
    const dir = await makeGraphData({
      ...edit(
        "claims/demo.yaml",
        "    subject: turkey\n    relation: WELCOMED",
        "    subject: turky\n    relation: WELCOMD",
      ),
      "entities/places.yaml": "tegh:\n  label: Tegh\n  type: setlement\n  description: A village.\n",
    });
    const { stderr } = await runScript(VALIDATE, [dir]);
    expect(stderr).toMatch(/no entity "turky"; did you mean "turkey"\?/);
    expect(stderr).toMatch(
      /unknown relation "WELCOMD" \(see vocabulary\/relations\.yaml\); did you mean "WELCOMED"\?/,
    );
    expect(stderr).toMatch(/unknown node type "setlement" .*; did you mean "settlement"\?/);
    // Nothing close, nothing suggested.
    const far = await makeGraphData(edit("claims/demo.yaml", "subject: turkey", "subject: atlantis"));
    expect((await runScript(VALIDATE, [far])).stderr).toMatch(/no entity "atlantis"\n/);
  }, 60_000);
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
