import { readFile } from "node:fs/promises";
import { readTail } from "./durable.ts";

/**
 * How a JSON Lines file ends, checked before anything is appended to it. A file whose last line has
 * no line break is either a hand edit that left the break off (fine: a break goes first) or a
 * write that stopped half way: a torn line, which is reported and never appended after, so the
 * damaged record stays in plain sight instead of being buried in the middle of the file.
 */
export type LastLine =
  { state: "clean" } | { state: "unterminated" } | { state: "torn"; line: number; text: string };

/** Longest last line read back; a longer one is cut short for the report only. */
const TAIL_BYTES = 1 << 20;

export async function checkLastLine(file: string): Promise<LastLine> {
  const tail = await readTail(file, TAIL_BYTES);
  if (tail.length === 0 || tail[tail.length - 1] === 0x0a) return { state: "clean" };
  const lastBreak = tail.lastIndexOf(0x0a);
  const text = tail.subarray(lastBreak + 1).toString("utf8");
  const trimmed = text.endsWith("\r") ? text.slice(0, -1) : text;
  if (trimmed.trim() === "") return { state: "unterminated" };
  try {
    const value: unknown = JSON.parse(trimmed);
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return { state: "unterminated" };
  } catch {
    // falls through: not JSON, so the line was cut short
  }
  return { state: "torn", line: await lineCount(file), text: trimmed.slice(0, 80) };
}

/** 1-based number of the last line: only needed for a report, so reading the whole file is fine. */
async function lineCount(file: string): Promise<number> {
  const content = await readFile(file);
  let lines = 1;
  for (let i = content.indexOf(0x0a); i >= 0; i = content.indexOf(0x0a, i + 1)) lines++;
  return lines;
}
