/** A problem found in graph-data: where it is and what is wrong. Loading collects all of them. */
export interface Problem {
  /** Path of the file, relative to the project root when possible. */
  file: string;
  /** 1-based line, when the problem can be pinned to one. */
  line?: number;
  /** 1-based column on that line. */
  column?: number;
  /** Where inside the document, as a readable path such as claims["bnn-x"].quote. */
  path?: string;
  message: string;
}

/** One line per problem: `file:line:column path: message`. */
export function formatProblem(problem: Problem): string {
  const place = [problem.file, problem.line, problem.column].filter((part) => part !== undefined).join(":");
  const where = problem.path ? ` ${problem.path}` : "";
  return `${place}${where}: ${problem.message}`;
}

/** Thrown when graph-data cannot be loaded; carries every problem, already formatted for people. */
export class GraphDataError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(
      `graph-data has ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map(formatProblem).join("\n"),
    );
    this.name = "GraphDataError";
  }
}

/** Renders a document path like ["claims", "bnn-x", "quote"] as claims["bnn-x"].quote. */
export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}
