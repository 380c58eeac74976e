import { cp, mkdtemp, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
export const GRAPH_DATA = path.join(PROJECT_ROOT, "graph-data");

const SOURCE_TEXT =
  "Armenia and Azerbaijan released a joint statement on December 7, 2023. Turkey welcomed it.";

/** A small valid graph-data tree: the real vocabularies, one source, three entities, three claims. */
export const MINIMAL_FILES: Record<string, string> = {
  "sources/demo.yaml": [
    "title: Demo article",
    "outlet: null",
    "url: https://example.org/demo",
    "published: 2023-12-29",
    "author: null",
    "language: en",
    "added: 2026-11-22",
  ].join("\n"),
  "sources/demo.txt": SOURCE_TEXT,
  "entities/actors.yaml": [
    "armenia:",
    "  label: Armenia",
    "  type: state",
    "  description: A state.",
    "turkey:",
    "  label: Türkiye",
    "  type: state",
    "  description: A state.",
  ].join("\n"),
  "entities/events.yaml": [
    "joint-statement:",
    "  label: Joint statement",
    "  type: joint_statement",
    "  description: The statement.",
  ].join("\n"),
  "claims/demo.yaml": [
    "source: demo",
    "defaults:",
    "  confidence: 0.9",
    "claims:",
    "  demo-issued:",
    "    subject: armenia",
    "    relation: ISSUED",
    "    object: joint-statement",
    "    quote: Armenia and Azerbaijan released a joint statement",
    "  demo-welcomed:",
    "    subject: turkey",
    "    relation: WELCOMED",
    "    object: joint-statement",
    "    quote: Turkey welcomed it.",
    "  demo-date:",
    "    subject: joint-statement",
    "    property: date",
    "    value: 2023-12-07",
    "    quote: on December 7, 2023",
  ].join("\n"),
};

/**
 * Writes a graph-data tree to a fresh temporary folder: the real vocabularies, the minimal files,
 * then `overrides` (a value of null deletes that file).
 */
export async function makeGraphData(overrides: Record<string, string | null> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "peacegraph-fixture-"));
  await cp(path.join(GRAPH_DATA, "vocabulary"), path.join(dir, "vocabulary"), { recursive: true });
  const files = { ...MINIMAL_FILES, ...overrides };
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  for (const folder of ["sources", "entities", "claims"])
    await mkdir(path.join(dir, folder), { recursive: true });
  return dir;
}

/** Replaces one substring of a minimal file, failing loudly if the fixture no longer contains it. */
export function edit(file: string, from: string, to: string): Record<string, string> {
  const content = MINIMAL_FILES[file];
  if (content === undefined || !content.includes(from)) throw new Error(`fixture ${file} has no "${from}"`);
  return { [file]: content.replace(from, to) };
}
