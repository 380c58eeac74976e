import type { z } from "zod";
import type { Problem } from "./problems.ts";
import type { DocumentPath, ProblemLocator } from "./yaml-file.ts";

/** Turns a zod failure into one located problem per issue (in a YAML file or on a JSON line). */
export function zodProblems(where: ProblemLocator, error: z.ZodError, prefix: DocumentPath = []): Problem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path.map((key) => (typeof key === "symbol" ? String(key) : key))];
    return where.problemAt(path, describeIssue(issue));
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) return `is required (${issue.expected})`;
  if (issue.code === "unrecognized_keys")
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
  return issue.message;
}
