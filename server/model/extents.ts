import type { Problem } from "./problems.ts";
import { extentsFileSchema } from "./schemas.ts";
import type { YamlFile } from "./yaml-file.ts";
import { zodProblems } from "./zod-problems.ts";

/**
 * How much of a thing a source speaks of: a term of the closed scale in vocabulary/extents.yaml
 * ("all", "most", "part" …) or a fraction from 0 to 1. Each stands for a range of fractions, so two
 * extents agree when their ranges meet ("most" and "part" do, "all" and "part" do not).
 */
export interface ExtentValue {
  /** As written: a term such as "most", or a fraction such as "0.7". */
  text: string;
  /** Smallest fraction it can mean. */
  min: number;
  /** Largest fraction it can mean. */
  max: number;
}

/** A term of the extent scale. */
export interface ExtentTerm {
  id: string;
  min: number;
  max: number;
  description: string;
}

export function readExtents(yaml: YamlFile, problems: Problem[]): Map<string, ExtentTerm> {
  const terms = new Map<string, ExtentTerm>();
  const parsed = extentsFileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...zodProblems(yaml, parsed.error));
    return terms;
  }
  for (const [id, term] of Object.entries(parsed.data)) {
    if (term.min > term.max) {
      problems.push(yaml.problemAt([id, "min"], `min ${term.min} is larger than max ${term.max}`));
      continue;
    }
    terms.set(id, { id, ...term });
  }
  return terms;
}

/** An extent from a term or a fraction; the reason as a string when it is neither. */
export function parseExtent(
  input: string | number,
  terms: ReadonlyMap<string, ExtentTerm>,
): ExtentValue | string {
  if (typeof input === "number") {
    if (!(input >= 0 && input <= 1)) return `${input} is not a fraction from 0 to 1`;
    return { text: String(input), min: input, max: input };
  }
  const term = terms.get(input.trim());
  if (term) return { text: term.id, min: term.min, max: term.max };
  const known = [...terms.keys()].join(", ");
  return `"${input}" is not an extent: use one of ${known} (vocabulary/extents.yaml) or a fraction from 0 to 1`;
}

export function extentsAgree(a: ExtentValue, b: ExtentValue): boolean {
  return a.min <= b.max && b.min <= a.max;
}
