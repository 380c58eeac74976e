/**
 * npm run test:mutants [-- --only id,id] [-- --full] [-- --keep] [-- --list]
 *
 * Plants each bug of scripts/mutants/mutants.yaml, one at a time, in a temporary copy of the project
 * (never in the working tree), runs the tests that should catch it (or, with --full, the whole
 * vitest suite), and reports which bugs the tests killed. Exit 0 when every mutant was killed, 1
 * when one survived, 2 when the run itself is wrong: a mutant no longer applies (its code moved), a
 * patch does not parse, or the tests fail before any bug is planted.
 */
import { spawn } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { transform } from "esbuild";
import { copyProject, restoreClient } from "./copy.ts";
import { planted, readMutants, whyNotApplicable, type Mutant } from "./mutants.ts";

const ROOT = path.resolve(import.meta.dirname, "..", "..");

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    full: { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    list: { type: "boolean", default: false },
    "timeout-minutes": { type: "string", default: "20" },
  },
});
const timeoutMs = Number(values["timeout-minutes"]) * 60_000;

interface Run {
  code: number | null;
  output: string;
  seconds: number;
}

/** Runs a command in the copy, with output kept (not shown) and a time limit. */
function run(copy: string, args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: copy,
      env: { ...process.env, NODE_ENV: "production", NO_COLOR: "1", FORCE_COLOR: "0", CI: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output, seconds: Math.round((performance.now() - started) / 1000) });
    });
  });
}

const vitest = (copy: string, tests: string[]) =>
  run(copy, [path.join("node_modules", "vitest", "vitest.mjs"), "run", "--bail=1", ...tests]);

/** The tests a run reported as failed, by file and name. */
function failures(output: string): string[] {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, "");
  return [...new Set(plain.match(/^ *FAIL .+$/gm)?.map((line) => line.trim()) ?? [])].slice(0, 3);
}

function selected(): Mutant[] {
  const all = readMutants();
  if (!values.only) return all;
  const wanted = new Set(values.only.split(","));
  const unknown = [...wanted].filter((id) => !all.some((mutant) => mutant.id === id));
  if (unknown.length > 0) throw new Error(`no mutant named ${unknown.join(", ")} (see --list)`);
  return all.filter((mutant) => wanted.has(mutant.id));
}

async function main(): Promise<number> {
  const mutants = selected();
  if (values.list) {
    for (const mutant of mutants) console.log(`${mutant.id.padEnd(40)} ${mutant.bug}`);
    return 0;
  }
  const stale = mutants.flatMap((mutant) => {
    const why = whyNotApplicable(mutant, ROOT);
    return why ? [`  ${mutant.id}: ${why}`] : [];
  });
  if (stale.length > 0) {
    console.error(`Mutants that no longer apply (scripts/mutants/mutants.yaml):\n${stale.join("\n")}`);
    return 2;
  }

  const copy = copyProject(ROOT);
  console.log(`${mutants.length} mutants, planted one at a time in ${copy}`);
  try {
    const testsOf = (mutant: Mutant) => (values.full ? [] : mutant.tests);
    const baselineTests = values.full ? [] : [...new Set(mutants.flatMap((mutant) => mutant.tests))].sort();
    const baseline = await vitest(copy, baselineTests);
    if (baseline.code !== 0) {
      console.error(`The tests fail before any bug is planted (${baseline.seconds} s):`);
      console.error(baseline.output.split("\n").slice(-40).join("\n"));
      return 2;
    }
    console.log(`Baseline: the tests pass unmutated (${baseline.seconds} s).\n`);

    const survivors: Mutant[] = [];
    const broken: string[] = [];
    for (const mutant of mutants) {
      const file = path.join(copy, mutant.file);
      const original = readFileSync(file, "utf8");
      const mutated = planted(mutant, original);
      try {
        await transform(mutated, { loader: mutant.file.endsWith("x") ? "tsx" : "ts" });
      } catch (error) {
        broken.push(
          `  ${mutant.id}: the patched file does not parse: ${(error as Error).message.split("\n")[0]}`,
        );
        continue;
      }
      writeFileSync(file, mutated);
      try {
        if (mutant.build) {
          const build = await run(copy, ["--import", "tsx", "scripts/build-client.ts", "--force"]);
          if (build.code !== 0) {
            broken.push(`  ${mutant.id}: the client did not build:\n${build.output.slice(-500)}`);
            continue;
          }
        }
        const result = await vitest(copy, testsOf(mutant));
        if (result.code === 0) {
          survivors.push(mutant);
          console.log(`SURVIVED  ${mutant.id} (${result.seconds} s): ${mutant.bug}`);
        } else {
          console.log(`killed    ${mutant.id} (${result.seconds} s)`);
          for (const line of failures(result.output)) console.log(`            ${line}`);
        }
      } finally {
        writeFileSync(file, original);
        if (mutant.build) restoreClient(ROOT, copy);
      }
    }

    const killed = mutants.length - survivors.length - broken.length;
    console.log(`\n${killed} of ${mutants.length} mutants killed.`);
    if (broken.length > 0) {
      console.error(`Mutants that could not be run:\n${broken.join("\n")}`);
      return 2;
    }
    if (survivors.length > 0) {
      console.error("Survivors, bugs no test catches:");
      for (const mutant of survivors) console.error(`  ${mutant.id}: ${mutant.bug} (${mutant.file})`);
      return 1;
    }
    return 0;
  } finally {
    if (values.keep) console.log(`The copy is kept in ${copy}`);
    else rmSync(copy, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`test:mutants failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
