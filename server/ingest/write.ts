/**
 * Writing an extraction into graph-data, in the machine layout (coordination spec, section 2):
 * sources/<id>.txt (the verbatim text), one line of sources/sources.jsonl, the claims as
 * claims/<id>.jsonl, proposed entities appended to entities/proposed.jsonl. The order keeps the
 * folder valid at every step: text, then entities, then the source line, then the claims file
 * (written aside and renamed into place). Each append is flushed to disk before the next step.
 */
import { existsSync } from "node:fs";
import { mkdir, open, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { IngestError } from "./input-checks.ts";
import type { ExtractionResult } from "./types.ts";

export interface WrittenFiles {
  /** Paths relative to the graph-data folder. */
  files: string[];
}

const jsonLines = (values: readonly object[]) => values.map((value) => `${JSON.stringify(value)}\n`).join("");

/** Appends lines to a file, starting on a new line if the file does not end with one; flushes. */
async function appendLines(file: string, lines: string): Promise<void> {
  const handle = await open(file, "a+");
  try {
    // Only the last byte is read: sources.jsonl of a large folder is megabytes long.
    const { size } = await handle.stat();
    const last = Buffer.alloc(1);
    if (size > 0) await handle.read(last, 0, 1, size - 1);
    const prefix = size > 0 && last[0] !== 0x0a ? "\n" : "";
    await handle.appendFile(prefix + lines);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a new file beside its final name, flushes it, and renames it into place. */
async function writeNew(file: string, content: string): Promise<void> {
  if (existsSync(file)) throw new IngestError(`${file} already exists; nothing was written over it`);
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, content, { flag: "wx" });
  const handle = await open(temporary, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

export async function writeExtraction(result: ExtractionResult, dataDir: string): Promise<WrittenFiles> {
  const id = result.source.id;
  const files: string[] = [];
  for (const folder of ["sources", "claims", "entities"])
    await mkdir(path.join(dataDir, folder), { recursive: true });
  const textFile = path.join("sources", `${id}.txt`);
  const claimsFile = path.join("claims", `${id}.jsonl`);
  if (existsSync(path.join(dataDir, claimsFile)))
    throw new IngestError(`${claimsFile} already exists; choose another --id`);
  await writeNew(path.join(dataDir, textFile), result.text);
  files.push(textFile);
  if (result.entities.length > 0) {
    const entitiesFile = path.join("entities", "proposed.jsonl");
    await appendLines(path.join(dataDir, entitiesFile), jsonLines(result.entities));
    files.push(entitiesFile);
  }
  const sourcesFile = path.join("sources", "sources.jsonl");
  await appendLines(path.join(dataDir, sourcesFile), jsonLines([result.source]));
  files.push(sourcesFile);
  await writeNew(path.join(dataDir, claimsFile), jsonLines(result.claims));
  files.push(claimsFile);
  return { files };
}
