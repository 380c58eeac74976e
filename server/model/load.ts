import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { readExtents } from "./extents.ts";
import { readJsonLines, type JsonLine } from "./jsonl-file.ts";
import { GraphDataError, type Problem } from "./problems.ts";
import { QuoteIndex } from "./quote-index.ts";
import { readClaimLine, readClaims } from "./read-claims.ts";
import { readEntities, readEntityLine } from "./read-entities.ts";
import { readSource, readSourceMetadata } from "./read-source.ts";
import { readNodeTypes, readRelationTypes } from "./read-vocabulary.ts";
import { sourceLineIdSchema } from "./schemas.ts";
import { Suggestions } from "./suggest.ts";
import { readTextFile } from "./text-file.ts";
import type { Claim, Entity, GraphModel, Source } from "./types.ts";
import { readYamlFile, type YamlFile } from "./yaml-file.ts";
import { zodProblems } from "./zod-problems.ts";

/** How far a load has got, for progress lines: the file being read, and the claims accepted so far. */
export interface LoadProgress {
  file: string;
  claims: readonly unknown[];
}

export interface LoadResult {
  model: GraphModel;
  problems: Problem[];
}

const isYaml = (name: string) => name.endsWith(".yaml") || name.endsWith(".yml");
/** JSON Lines: the format for machine-written graph-data (see graph-data/README.md). */
const isJsonl = (name: string) => name.endsWith(".jsonl");

/** Runs `task` over `items` with at most `limit` at a time, keeping the results in order. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

async function listFiles(dir: string, problems: Problem[], display: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    problems.push({ file: display, message: "missing folder" });
    return [];
  }
}

/**
 * Reads and checks a graph-data folder. Returns the model with everything that passed, and every
 * problem found; it does not stop at the first. Problem paths are shown relative to `displayRoot`.
 */
export async function loadGraphData(
  dataDir: string,
  displayRoot = process.cwd(),
  progress: LoadProgress = { file: "", claims: [] },
): Promise<LoadResult> {
  const problems: Problem[] = [];
  const display = (file: string) => path.relative(displayRoot, file) || file;
  const read = async (file: string): Promise<YamlFile | undefined> => {
    progress.file = display(file);
    const { yaml, problems: found } = await readYamlFile(file, display(file));
    problems.push(...found);
    return yaml;
  };

  const nodeTypesYaml = await read(path.join(dataDir, "vocabulary", "node-types.yaml"));
  const nodeTypes = nodeTypesYaml ? readNodeTypes(nodeTypesYaml, problems) : new Map();
  const relationsYaml = await read(path.join(dataDir, "vocabulary", "relations.yaml"));
  const relationTypes = relationsYaml ? readRelationTypes(relationsYaml, nodeTypes, problems) : new Map();
  const extentsYaml = await read(path.join(dataDir, "vocabulary", "extents.yaml"));
  const extents = extentsYaml ? readExtents(extentsYaml, problems) : new Map();

  const sources = new Map<string, Source>();
  const sourcesDir = path.join(dataDir, "sources");
  const readText = async (id: string): Promise<string | undefined> => {
    const textFile = path.join(sourcesDir, `${id}.txt`);
    if (!existsSync(textFile)) {
      problems.push({
        file: display(textFile),
        message: `missing: source "${id}" needs its verbatim text here`,
      });
      return undefined;
    }
    const read = await readTextFile(textFile);
    if ("text" in read) return read.text;
    problems.push({ file: display(textFile), message: read.problem });
    return undefined;
  };
  const addSource = (source: Source | undefined) => {
    if (!source) return;
    const existing = sources.get(source.id);
    if (existing) {
      problems.push({
        file: source.file,
        message: `duplicate source "${source.id}": already in ${existing.file}`,
      });
    } else sources.set(source.id, source);
  };
  const sourceFiles = await listFiles(sourcesDir, problems, display(sourcesDir));
  for (const name of sourceFiles.filter(isYaml)) {
    const id = name.replace(/\.ya?ml$/, "");
    const text = await readText(id);
    if (text === undefined) continue;
    const yaml = await read(path.join(sourcesDir, name));
    addSource(yaml && readSource(id, yaml, text, problems));
  }
  for (const name of sourceFiles.filter(isJsonl)) {
    const lines: { id: string; line: JsonLine }[] = [];
    await readJsonLines(
      path.join(sourcesDir, name),
      display(path.join(sourcesDir, name)),
      problems,
      (line) => {
        const { id } = line.value;
        const idCheck = sourceLineIdSchema.safeParse(id);
        if (idCheck.success) lines.push({ id: idCheck.data, line });
        else problems.push(...zodProblems(line, idCheck.error, ["id"]));
      },
    );
    const texts = await mapLimit(lines, 32, ({ id }) => readText(id));
    lines.forEach(({ id, line }, index) => {
      const text = texts[index];
      if (text === undefined) return;
      const { id: _id, ...metadata } = line.value;
      addSource(readSourceMetadata(id, metadata, line, text, problems));
    });
  }

  const entities = new Map<string, Entity>();
  const entitiesDir = path.join(dataDir, "entities");
  let entitiesComplete = true;
  const rejectedEntityIds = new Set<string>();
  for (const name of await listFiles(entitiesDir, problems, display(entitiesDir))) {
    const file = path.join(entitiesDir, name);
    if (isYaml(name)) {
      const yaml = await read(file);
      if (yaml) readEntities(yaml, nodeTypes, entities, rejectedEntityIds, problems);
      else entitiesComplete = false;
    } else if (isJsonl(name)) {
      const complete = await readJsonLines(file, display(file), problems, (line) =>
        readEntityLine(line, nodeTypes, entities, rejectedEntityIds, problems),
      );
      // A line that is not JSON hides an entity whose id we cannot know.
      if (!complete) entitiesComplete = false;
    }
  }

  const claims: Claim[] = [];
  progress.claims = claims;
  const context = {
    relationTypes,
    nodeTypes,
    extents,
    sources,
    entities,
    quotes: new QuoteIndex(sources.values()),
    claimIds: new Map<string, string>(),
    entitiesComplete,
    rejectedEntityIds,
    suggestions: new Suggestions(),
  };
  const claimsDir = path.join(dataDir, "claims");
  for (const name of await listFiles(claimsDir, problems, display(claimsDir))) {
    const file = path.join(claimsDir, name);
    if (isYaml(name)) {
      const yaml = await read(file);
      if (yaml) readClaims(yaml, context, claims, problems);
    } else if (isJsonl(name)) {
      progress.file = display(file);
      await readJsonLines(file, display(file), problems, (line) =>
        readClaimLine(line, context, claims, problems),
      );
    }
  }

  if (!entitiesComplete) {
    problems.push({
      file: display(claimsDir),
      message: "references to entities were not checked, because an entities file above could not be read",
    });
  }
  return { model: { nodeTypes, relationTypes, extents, sources, entities, claims }, problems };
}

/** Loads graph-data, or throws a GraphDataError listing every problem. */
export async function loadGraphDataStrict(dataDir: string, displayRoot?: string): Promise<GraphModel> {
  const { model, problems } = await loadGraphData(dataDir, displayRoot);
  if (problems.length > 0) throw new GraphDataError(problems);
  return model;
}
