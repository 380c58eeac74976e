import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { appendFile, mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { PRIVATE_FOLDER } from "../folder/folder-store.ts";
import type { JsonRecord } from "../types.ts";
import { cursorRows } from "./cursor.ts";
import { JOURNAL_FILE, sourceTextFile, TABLES } from "./layout.ts";
import { rewriteYamlRecords, type YamlKind } from "./yaml-records.ts";

/**
 * npm run db:export DIR: the database as a graph-data folder, from one consistent snapshot, for
 * review in git or to go back to the folder store. Loading the folder gives the same records,
 * texts and journal the database holds. Files come back byte for byte where nothing changed: JSON
 * Lines records keep the lines they were written as (one per line, blank lines dropped), and
 * hand-written YAML files are rewritten only where a record in them changed (yaml-records.ts).
 *
 * The folder is written aside and swapped in whole, so DIR is never half written. An existing DIR
 * is replaced only if it is a graph-data folder that no running server is writing to.
 */

export interface ExportSummary {
  files: number;
  sources: number;
  entities: number;
  claims: number;
  journal: number;
  ms: number;
}

async function checkTarget(target: string): Promise<void> {
  if (!existsSync(target)) return;
  const entries = await readdir(target);
  if (entries.length === 0) return;
  if (!existsSync(path.join(target, "vocabulary", "relations.yaml")))
    throw new Error(`${target} is not empty and not a graph-data folder: export into a new or empty folder`);
  if (existsSync(path.join(target, PRIVATE_FOLDER, "writer.lock")))
    throw new Error(
      `${target} is open for writing by a running server (${PRIVATE_FOLDER}/writer.lock): stop it first`,
    );
}

/** Writes files under `root`, creating folders as needed; lines are appended a batch at a time. */
class FolderWriter {
  private readonly folders = new Set<string>();
  private readonly root: string;
  constructor(root: string) {
    this.root = path.resolve(root);
  }
  private async place(file: string): Promise<string> {
    const target = path.resolve(this.root, file);
    // Paths come from the database: none may lead out of the folder being written.
    if (!target.startsWith(this.root + path.sep))
      throw new Error(
        `the database names a file outside graph-data: ${JSON.stringify(file)}; nothing was exported`,
      );
    const folder = path.dirname(target);
    if (!this.folders.has(folder)) {
      await mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    return target;
  }
  async append(file: string, lines: string[]): Promise<void> {
    await appendFile(await this.place(file), `${lines.join("\n")}\n`);
  }
  async write(file: string, content: string | Buffer): Promise<void> {
    await writeFile(await this.place(file), content);
  }
}

const yamlKind = (file: string): YamlKind | undefined => {
  if (!/\.ya?ml$/.test(file)) return undefined;
  const [folder, name, ...rest] = file.split("/");
  if (!name || rest.length > 0) return undefined;
  return ({ sources: "source", entities: "entity", claims: "claim" } as const)[folder as string];
};

async function writeSnapshot(client: pg.ClientBase, root: string, summary: ExportSummary): Promise<void> {
  const writer = new FolderWriter(root);
  const { rows: files } = await client.query<{ path: string; content: Buffer }>(
    `SELECT path, content FROM files ORDER BY path COLLATE "C"`,
  );
  const handWritten = new Map<string, JsonRecord[]>();
  for (const file of files) if (yamlKind(file.path)) handWritten.set(file.path, []);

  for (const kind of ["source", "entity", "claim"] as const) {
    const table = TABLES[kind];
    for await (const batch of cursorRows<[string, string]>(
      client,
      `SELECT file, record::text FROM ${table} ORDER BY file COLLATE "C", ord`,
    )) {
      const lines = new Map<string, string[]>();
      for (const [file, record] of batch) {
        const yaml = handWritten.get(file);
        if (yaml) yaml.push(JSON.parse(record) as JsonRecord);
        else if (lines.has(file)) lines.get(file)!.push(record);
        else lines.set(file, [record]);
      }
      for (const [file, fileLines] of lines) await writer.append(file, fileLines);
      summary[table] += batch.length;
    }
  }
  for await (const batch of cursorRows<[string, string]>(client, "SELECT id, text FROM sources", 200))
    for (const [id, text] of batch) await writer.write(sourceTextFile(id), text);
  for await (const batch of cursorRows<[string]>(client, "SELECT line FROM journal ORDER BY position")) {
    await writer.append(
      JOURNAL_FILE,
      batch.map(([line]) => line),
    );
    summary.journal += batch.length;
  }
  for (const file of files) {
    const kind = yamlKind(file.path);
    const content = kind
      ? rewriteYamlRecords(kind, file.path, file.content, handWritten.get(file.path)!)
      : file.content;
    await writer.write(file.path, content);
    summary.files++;
  }
}

export async function exportFolder(client: pg.ClientBase, outDir: string): Promise<ExportSummary> {
  const started = performance.now();
  const target = path.resolve(outDir);
  await checkTarget(target);
  const aside = `${target}.export-${randomBytes(4).toString("hex")}`;
  const summary: ExportSummary = { files: 0, sources: 0, entities: 0, claims: 0, journal: 0, ms: 0 };
  await mkdir(aside, { recursive: true });
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      await writeSnapshot(client, aside, summary);
    } finally {
      await client.query("COMMIT").catch(() => undefined);
    }
    if (existsSync(target)) {
      const old = `${target}.old-${randomBytes(4).toString("hex")}`;
      await rename(target, old);
      await rename(aside, target);
      await rm(old, { recursive: true, force: true });
    } else await rename(aside, target);
  } catch (error) {
    await rm(aside, { recursive: true, force: true });
    throw error;
  }
  summary.ms = performance.now() - started;
  return summary;
}
