import type pg from "pg";
import type { JsonLine } from "../../model/jsonl-file.ts";
import { formatPath, type Problem } from "../../model/problems.ts";
import { readExtents, type ExtentTerm } from "../../model/extents.ts";
import { QuoteIndex } from "../../model/quote-index.ts";
import { readClaimLine, type ClaimContext } from "../../model/read-claims.ts";
import { readEntityLine } from "../../model/read-entities.ts";
import { readSourceMetadata } from "../../model/read-source.ts";
import { readNodeTypes, readRelationTypes } from "../../model/read-vocabulary.ts";
import type { Claim, Entity, GraphModel, NodeType, RelationType, Source } from "../../model/types.ts";
import { parseYaml } from "../../model/yaml-file.ts";
import type { JournalEntry, StoreSnapshot } from "../types.ts";
import { cursorRows } from "./cursor.ts";
import { entryFromRow } from "./journal-rows.ts";

/**
 * Everything the database holds, read in one consistent snapshot (REPEATABLE READ) and checked by
 * the loader's own record readers, so a replica holds exactly the model a folder of the same records
 * would give. The journal position is read in the same snapshot: a follower goes on from there.
 * A model record's `file` is its graph-data file, relative to the folder.
 */

export const NODE_TYPES_FILE = "vocabulary/node-types.yaml";
export const RELATION_TYPES_FILE = "vocabulary/relations.yaml";
export const EXTENTS_FILE = "vocabulary/extents.yaml";

/** Locates a problem in a row: which table, which record, which field. */
function rowPlace(table: string, file: string, text: string, value: Record<string, unknown>): JsonLine {
  const where = `PostgreSQL ${table} "${String(value.id)}" (${file})`;
  const place = {
    file,
    line: undefined,
    text,
    value,
    problemAt: (path: readonly (string | number)[], message: string): Problem => ({
      file: where,
      ...(path.length > 0 ? { path: formatPath(path) } : {}),
      message,
    }),
  };
  // The readers take a JSON line; a row is one without a line number.
  return place as unknown as JsonLine;
}

function parseRecord(table: string, id: string, text: string, problems: Problem[]) {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value))
      return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  problems.push({ file: `PostgreSQL ${table} "${id}"`, message: "record is not a JSON object" });
  return undefined;
}

async function readVocabulary(client: pg.ClientBase, problems: Problem[]) {
  const { rows } = await client.query<{ path: string; content: Buffer }>(
    "SELECT path, content FROM files WHERE path = ANY($1)",
    [[NODE_TYPES_FILE, RELATION_TYPES_FILE, EXTENTS_FILE]],
  );
  const yamlOf = (file: string) => {
    const row = rows.find((candidate) => candidate.path === file);
    if (!row) {
      problems.push({
        file: `PostgreSQL files "${file}"`,
        message: "missing: import a graph-data folder first",
      });
      return undefined;
    }
    const { yaml, problems: found } = parseYaml(row.content.toString("utf8"), `PostgreSQL files "${file}"`);
    problems.push(...found);
    return yaml;
  };
  const nodeTypesYaml = yamlOf(NODE_TYPES_FILE);
  const nodeTypes: Map<string, NodeType> = nodeTypesYaml ? readNodeTypes(nodeTypesYaml, problems) : new Map();
  const relationsYaml = yamlOf(RELATION_TYPES_FILE);
  const relationTypes: Map<string, RelationType> = relationsYaml
    ? readRelationTypes(relationsYaml, nodeTypes, problems)
    : new Map();
  const extentsYaml = yamlOf(EXTENTS_FILE);
  const extents: Map<string, ExtentTerm> = extentsYaml ? readExtents(extentsYaml, problems) : new Map();
  return { nodeTypes, relationTypes, extents };
}

const ORDER = `ORDER BY file COLLATE "C", ord`;

export async function loadSnapshot(
  client: pg.ClientBase,
): Promise<{ snapshot: StoreSnapshot; problems: Problem[] }> {
  const problems: Problem[] = [];
  await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    const { nodeTypes, relationTypes, extents } = await readVocabulary(client, problems);

    const sources = new Map<string, Source>();
    for await (const batch of cursorRows<[string, string, string, string]>(
      client,
      `SELECT id, file, record::text, text FROM sources ${ORDER}`,
      500,
    )) {
      for (const [id, file, text, sourceText] of batch) {
        const value = parseRecord("sources", id, text, problems);
        if (!value) continue;
        const { id: _id, ...metadata } = value;
        const place = rowPlace("sources", file, text, value);
        const source = readSourceMetadata(id, metadata, place, sourceText, problems);
        if (source) sources.set(id, source);
      }
    }

    const entities = new Map<string, Entity>();
    const rejectedEntityIds = new Set<string>();
    for await (const batch of cursorRows<[string, string, string]>(
      client,
      `SELECT id, file, record::text FROM entities ${ORDER}`,
    )) {
      for (const [id, file, text] of batch) {
        const value = parseRecord("entities", id, text, problems);
        if (value)
          readEntityLine(
            rowPlace("entities", file, text, value),
            nodeTypes,
            entities,
            rejectedEntityIds,
            problems,
          );
      }
    }

    const claims: Claim[] = [];
    const context: ClaimContext = {
      relationTypes,
      nodeTypes,
      extents,
      sources,
      entities,
      quotes: new QuoteIndex(sources.values()),
      claimIds: new Map(),
      entitiesComplete: true,
      rejectedEntityIds,
    };
    for await (const batch of cursorRows<[string, string, string]>(
      client,
      `SELECT id, file, record::text FROM claims ${ORDER}`,
    )) {
      for (const [id, file, text] of batch) {
        const value = parseRecord("claims", id, text, problems);
        if (value) readClaimLine(rowPlace("claims", file, text, value), context, claims, problems);
      }
    }

    const journal: JournalEntry[] = [];
    for await (const batch of cursorRows<[string, string]>(
      client,
      // Ordered by the number: an output column named position would sort as text.
      "SELECT position::text, line FROM journal ORDER BY journal.position",
    )) {
      for (const [position, line] of batch) {
        const entry = entryFromRow({ position, line });
        if (entry.position !== journal.length + 1)
          problems.push({
            file: `PostgreSQL journal position ${entry.position}`,
            message: `positions must follow one another: expected ${journal.length + 1}`,
          });
        journal.push(entry);
      }
    }
    await client.query("COMMIT");
    const model: GraphModel = { nodeTypes, relationTypes, extents, sources, entities, claims };
    return { snapshot: { model, journal, position: journal.at(-1)?.position ?? 0 }, problems };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
