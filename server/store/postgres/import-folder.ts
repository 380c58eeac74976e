import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type pg from "pg";
import { readJsonLines } from "../../model/jsonl-file.ts";
import { loadGraphData } from "../../model/load.ts";
import { GraphDataError, type Problem } from "../../model/problems.ts";
import { claimRecord, entityRecord, sourceRecord } from "../../model/records.ts";
import type { GraphModel } from "../../model/types.ts";
import { PRIVATE_FOLDER } from "../folder/folder-store.ts";
import { readJournal } from "../folder/journal-file.ts";
import { JOURNAL_FILE, sourceTextFile, TABLES } from "./layout.ts";

/**
 * npm run db:import [DIR]: a graph-data folder into an empty database, in one transaction. The
 * folder is validated first, exactly as `npm start` would; nothing is written if it has problems.
 * Records of JSON Lines files keep their lines as written; records of hand-written YAML files are
 * stored in their JSON Lines form, and the YAML file itself is kept too, so an export gives it back
 * byte for byte (with its comments) for as long as nothing in it changes.
 */

export interface ImportSummary {
  sources: number;
  entities: number;
  claims: number;
  journal: number;
  files: number;
  ms: number;
}

type Kind = keyof typeof TABLES;
interface RecordRow {
  id: string;
  file: string;
  record: string;
  text?: string;
}

const BATCH = 2_000;
const RECORD_FOLDERS: Record<string, Kind> = { sources: "source", entities: "entity", claims: "claim" };

/** The kind of record a file directly inside sources/, entities/ or claims/ holds. */
function recordKindOf(file: string): Kind | undefined {
  const parts = file.split("/");
  return parts.length === 2 ? RECORD_FOLDERS[parts[0]!] : undefined;
}

/** Every file of the folder, relative to it, in the order the loader reads them. */
async function listFiles(dataDir: string, relative = ""): Promise<string[]> {
  const files: string[] = [];
  const entries = (await readdir(path.join(dataDir, relative), { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const entry of entries) {
    const name = path.posix.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (name !== PRIVATE_FOLDER && entry.name !== ".git") files.push(...(await listFiles(dataDir, name)));
    } else if (entry.isFile()) files.push(name);
  }
  return files;
}

async function insertRecords(client: pg.ClientBase, kind: Kind, rows: RecordRow[]): Promise<void> {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const columns = [
      batch.map((row) => row.id),
      batch.map((row) => row.file),
      batch.map((row) => row.record),
    ];
    if (kind === "source") {
      columns.push(batch.map((row) => row.text ?? ""));
      await client.query(
        "INSERT INTO sources (id, file, record, text) SELECT r.id, r.file, r.record, r.text " +
          "FROM unnest($1::text[], $2::text[], $3::json[], $4::text[]) WITH ORDINALITY AS r(id, file, record, text, n) ORDER BY r.n",
        columns,
      );
    } else {
      await client.query(
        `INSERT INTO ${TABLES[kind]} (id, file, record) SELECT r.id, r.file, r.record ` +
          "FROM unnest($1::text[], $2::text[], $3::json[]) WITH ORDINALITY AS r(id, file, record, n) ORDER BY r.n",
        columns,
      );
    }
  }
}

/** The records of one hand-written YAML file, in their JSON Lines form, in file order. */
function yamlRecords(model: GraphModel, kind: Kind, file: string): RecordRow[] {
  if (kind === "source")
    return [...model.sources.values()]
      .filter((source) => source.file === file)
      .map((source) => ({
        id: source.id,
        file,
        record: JSON.stringify(sourceRecord(source)),
        text: source.text,
      }));
  if (kind === "entity")
    return [...model.entities.values()]
      .filter((entity) => entity.file === file)
      .map((entity) => ({ id: entity.id, file, record: JSON.stringify(entityRecord(entity)) }));
  return model.claims
    .filter((claim) => claim.file === file)
    .map((claim) => ({ id: claim.id, file, record: JSON.stringify(claimRecord(claim)) }));
}

async function ensureEmpty(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ held: string }>(
    "SELECT ((SELECT count(*) FROM files) + (SELECT count(*) FROM sources) + (SELECT count(*) FROM entities) + " +
      "(SELECT count(*) FROM claims) + (SELECT count(*) FROM journal))::text AS held",
  );
  if (Number(rows[0]?.held) > 0)
    throw new Error(
      "the database already holds graph data: import into an empty database " +
        "(export it first with `npm run db:export DIR` if you need what it holds)",
    );
}

export async function importFolder(client: pg.ClientBase, dataDir: string): Promise<ImportSummary> {
  const started = performance.now();
  const root = path.resolve(dataDir);
  // Model files relative to the folder: the form the database keeps.
  const { model, problems } = await loadGraphData(root, root);
  const journalProblems: Problem[] = [];
  await readJournal({ dataDir: root, displayRoot: root }, journalProblems, () => undefined);
  if (problems.length + journalProblems.length > 0) {
    // Shown as the folder's own paths from where the command ran, like `npm run validate`.
    const shown = (file: string) => path.relative(process.cwd(), path.resolve(root, file)) || file;
    throw new GraphDataError([...problems, ...journalProblems].map((p) => ({ ...p, file: shown(p.file) })));
  }

  const summary: ImportSummary = { sources: 0, entities: 0, claims: 0, journal: 0, files: 0, ms: 0 };
  await client.query("BEGIN");
  try {
    await ensureEmpty(client);
    const files = await listFiles(root);
    const sourceTexts = new Set([...model.sources.keys()].map(sourceTextFile));
    // Sources first, then entities, then claims: the order references need (checked at commit).
    for (const kind of Object.values(RECORD_FOLDERS)) {
      for (const file of files.filter((name) => recordKindOf(name) === kind)) {
        let rows: RecordRow[];
        if (file.endsWith(".jsonl")) {
          rows = [];
          await readJsonLines(path.join(root, file), file, [], (line) => {
            const id = String(line.value.id);
            rows.push({
              id,
              file,
              record: line.text,
              ...(kind === "source" ? { text: model.sources.get(id)?.text } : {}),
            });
          });
        } else if (/\.ya?ml$/.test(file)) rows = yamlRecords(model, kind, file);
        else continue;
        await insertRecords(client, kind, rows);
        summary[TABLES[kind]] += rows.length;
      }
    }
    const journalLines: string[] = [];
    await readJsonLines(path.join(root, JOURNAL_FILE), JOURNAL_FILE, [], (line) =>
      journalLines.push(line.text),
    );
    for (let start = 0; start < journalLines.length; start += BATCH) {
      const lines = journalLines.slice(start, start + BATCH);
      const entries = lines.map(
        (line) => JSON.parse(line) as { id: string; key: string | null; request: string | null },
      );
      await client.query(
        "INSERT INTO journal (position, id, key, request, line) " +
          "SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])",
        [
          lines.map((_, index) => start + index + 1),
          entries.map((entry) => entry.id),
          entries.map((entry) => entry.key),
          entries.map((entry) => entry.request),
          lines,
        ],
      );
    }
    summary.journal = journalLines.length;
    // Every other file (vocabularies, READMEs, the hand-written YAML record files) as it is.
    for (const file of files) {
      const isRecordLines = file.endsWith(".jsonl") && recordKindOf(file) !== undefined;
      if (isRecordLines || sourceTexts.has(file) || file === JOURNAL_FILE) continue;
      await client.query("INSERT INTO files (path, content) VALUES ($1, $2)", [
        file,
        await readFile(path.join(root, file)),
      ]);
      summary.files++;
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
  summary.ms = performance.now() - started;
  return summary;
}
