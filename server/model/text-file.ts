import { readFile, stat } from "node:fs/promises";
import { isUtf8 } from "node:buffer";

/**
 * graph-data holds plain UTF-8 text files. Anything else is refused with one line before it is
 * read: a named pipe (FIFO) or a device would block a read forever, and a binary file parsed as
 * YAML gives dozens of meaningless follow-on errors.
 */

const KINDS: [test: (stats: import("node:fs").Stats) => boolean, name: string][] = [
  [(stats) => stats.isFIFO(), "a named pipe (FIFO)"],
  [(stats) => stats.isSocket(), "a socket"],
  [(stats) => stats.isCharacterDevice(), "a character device"],
  [(stats) => stats.isBlockDevice(), "a block device"],
  [(stats) => stats.isDirectory(), "a folder"],
];

/** Why the path cannot be read as a graph-data file, or undefined when it is a regular file. */
export async function notARegularFile(absolutePath: string): Promise<string | undefined> {
  let stats;
  try {
    stats = await stat(absolutePath);
  } catch (error) {
    return `cannot read file: ${(error as Error).message}`;
  }
  if (stats.isFile()) return undefined;
  const kind = KINDS.find(([test]) => test(stats))?.[1] ?? "not a regular file";
  return `not a regular file: it is ${kind}; graph-data holds only UTF-8 text files`;
}

/** Why these bytes are not UTF-8 text, or undefined when they are. */
export function notText(bytes: Buffer, offset = 0): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0)
    return `a binary file (a NUL byte at byte ${offset + nul + 1}), not text; graph-data files are UTF-8 text`;
  if (!isUtf8(bytes)) return "not UTF-8 text (an invalid byte sequence); save the file as UTF-8";
  return undefined;
}

/** The file's text, or the one reason it is not a graph-data text file. */
export async function readTextFile(absolutePath: string): Promise<{ text: string } | { problem: string }> {
  const special = await notARegularFile(absolutePath);
  if (special) return { problem: special };
  let bytes: Buffer;
  try {
    bytes = await readFile(absolutePath);
  } catch (error) {
    return { problem: `cannot read file: ${(error as Error).message}` };
  }
  const binary = notText(bytes);
  return binary ? { problem: binary } : { text: bytes.toString("utf8") };
}
