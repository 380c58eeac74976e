import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";

/** The planted-bug list (mutants.yaml), read and checked against the code it patches. */

export const MUTANTS_FILE = path.join(import.meta.dirname, "mutants.yaml");

const mutantSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  bug: z.string().min(1),
  file: z.string().min(1),
  find: z.string().min(1),
  replace: z.string(),
  tests: z.array(z.string().regex(/^tests\/.+\.test\.ts$/)).min(1),
  build: z.boolean().default(false),
});

export type Mutant = z.output<typeof mutantSchema>;

export function readMutants(file = MUTANTS_FILE): Mutant[] {
  const parsed = z.array(mutantSchema).safeParse(parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`${file} is not a list of mutants:\n${lines.join("\n")}`);
  }
  const ids = new Set<string>();
  for (const mutant of parsed.data) {
    if (ids.has(mutant.id)) throw new Error(`${file}: mutant id "${mutant.id}" is used twice`);
    ids.add(mutant.id);
  }
  return parsed.data;
}

/** How many times `find` occurs in `text` (overlaps not counted). */
function occurrences(text: string, find: string): number {
  let count = 0;
  for (let at = text.indexOf(find); at >= 0; at = text.indexOf(find, at + find.length)) count++;
  return count;
}

/**
 * Why a mutant cannot be planted in the project at `root`, or null when it can: its file is gone,
 * its text is not there (the code moved), or the text is there more than once (ambiguous), or a
 * test it names does not exist.
 */
export function whyNotApplicable(mutant: Mutant, root: string): string | null {
  let text: string;
  try {
    text = readFileSync(path.join(root, mutant.file), "utf8");
  } catch {
    return `${mutant.file} does not exist`;
  }
  const found = occurrences(text, mutant.find);
  if (found === 0) return `its text is no longer in ${mutant.file} (the code moved: update the patch)`;
  if (found > 1) return `its text occurs ${found} times in ${mutant.file}: make it unique`;
  for (const test of mutant.tests) {
    try {
      readFileSync(path.join(root, test));
    } catch {
      return `its test ${test} does not exist`;
    }
  }
  return null;
}

/** The file's text with the mutant planted. */
export function planted(mutant: Mutant, original: string): string {
  const at = original.indexOf(mutant.find);
  return original.slice(0, at) + mutant.replace + original.slice(at + mutant.find.length);
}
