import { createReadStream } from "node:fs";
import { formatPath, type Problem } from "./problems.ts";
import { notARegularFile, notText } from "./text-file.ts";
import type { DocumentPath, ProblemLocator } from "./yaml-file.ts";

/**
 * JSON Lines, for machine-written graph-data (claims/*.jsonl, entities/*.jsonl, sources/*.jsonl):
 * one JSON object per line, read as a stream so a file of a million claims never sits in memory as
 * one string, and parsed with JSON.parse, which is two orders of magnitude faster than YAML with
 * positions. Blank lines are allowed. A problem points at the line, and at the column of the field's
 * key when the field is a top-level one.
 */
export class JsonLine implements ProblemLocator {
  constructor(
    readonly file: string,
    /** 1-based line number. */
    readonly line: number,
    /** The line as written, without its line break. */
    readonly text: string,
    readonly value: Record<string, unknown>,
  ) {}

  /** A problem on this line: `file:line:column path: message`, the column that of the field's key. */
  problemAt(path: DocumentPath, message: string): Problem {
    const problem: Problem = { file: this.file, line: this.line, message };
    const first = path[0];
    if (typeof first === "string") {
      // The key as JSON writes it, then the colon: the first occurrence is the top-level key in the
      // files we write, where nested objects come last.
      const match = new RegExp(`${escapeRegExp(JSON.stringify(first))}\\s*:`).exec(this.text);
      if (match) problem.column = match.index + 1;
    }
    if (path.length > 0) problem.path = formatPath(path);
    return problem;
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** JSON.parse's message without V8's "in JSON at position N", and the 1-based column it names. */
function describeSyntaxError(error: unknown): { message: string; column?: number } {
  const raw = error instanceof Error ? error.message : String(error);
  const position = / at position (\d+)/.exec(raw);
  const message = raw.replace(/ in JSON at position \d+(?: \(line \d+ column \d+\))?$/, "");
  return position ? { message, column: Number(position[1]) + 1 } : { message };
}

/**
 * Reads a JSON Lines file and calls `onLine` for each line that holds a JSON object, in order.
 * Lines that are not JSON, or not an object, become problems and are skipped; the rest of the file
 * is still read. Returns whether every line could be read.
 */
export async function readJsonLines(
  absolutePath: string,
  displayPath: string,
  problems: Problem[],
  onLine: (line: JsonLine) => void,
): Promise<boolean> {
  let complete = true;
  let lineNumber = 0;
  const handle = (raw: string) => {
    lineNumber++;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      complete = false;
      const { message, column } = describeSyntaxError(error);
      problems.push({
        file: displayPath,
        line: lineNumber,
        ...(column === undefined ? {} : { column }),
        message: `malformed JSON: ${message}`,
      });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      complete = false;
      problems.push({
        file: displayPath,
        line: lineNumber,
        message: "must be a JSON object: each line of a .jsonl file holds one {…}",
      });
      return;
    }
    onLine(new JsonLine(displayPath, lineNumber, text, value as Record<string, unknown>));
  };

  const special = await notARegularFile(absolutePath);
  if (special) {
    problems.push({ file: displayPath, message: special });
    return false;
  }
  let rest = "";
  try {
    const stream = createReadStream(absolutePath, { highWaterMark: 1 << 20 });
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let first = true;
    let offset = 0;
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      const binary = bytes.includes(0) ? notText(bytes, offset) : undefined;
      if (binary) {
        stream.destroy();
        problems.push({ file: displayPath, message: binary });
        return false;
      }
      offset += bytes.length;
      let text = rest + decoder.decode(bytes, { stream: true });
      if (first) {
        first = false;
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      }
      let start = 0;
      for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
        handle(text.slice(start, end));
        start = end + 1;
      }
      rest = text.slice(start);
    }
    rest += decoder.decode(); // a multi-byte character cut off at the end is an error here
  } catch (error) {
    const message =
      error instanceof TypeError &&
      (error as NodeJS.ErrnoException).code === "ERR_ENCODING_INVALID_ENCODED_DATA"
        ? "not UTF-8 text (an invalid byte sequence); save the file as UTF-8"
        : `cannot read file: ${(error as Error).message}`;
    problems.push({ file: displayPath, message });
    return false;
  }
  if (rest !== "") handle(rest);
  return complete;
}
