import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { GraphDataError, type Problem } from "./problems.ts";
import { QuoteIndex } from "./quote-index.ts";
import { readClaims } from "./read-claims.ts";
import { readEntities } from "./read-entities.ts";
import { readSource } from "./read-source.ts";
import { readNodeTypes, readRelationTypes } from "./read-vocabulary.ts";
import type { Claim, Entity, GraphModel, Source } from "./types.ts";
import { readYamlFile, type YamlFile } from "./yaml-file.ts";

export interface LoadResult {
  model: GraphModel;
  problems: Problem[];
}

const isYaml = (name: string) => name.endsWith(".yaml") || name.endsWith(".yml");

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
export async function loadGraphData(dataDir: string, displayRoot = process.cwd()): Promise<LoadResult> {
  const problems: Problem[] = [];
  const display = (file: string) => path.relative(displayRoot, file) || file;
  const read = async (file: string): Promise<YamlFile | undefined> => {
    const { yaml, problems: found } = await readYamlFile(file, display(file));
    problems.push(...found);
    return yaml;
  };

  const nodeTypesYaml = await read(path.join(dataDir, "vocabulary", "node-types.yaml"));
  const nodeTypes = nodeTypesYaml ? readNodeTypes(nodeTypesYaml, problems) : new Map();
  const relationsYaml = await read(path.join(dataDir, "vocabulary", "relations.yaml"));
  const relationTypes = relationsYaml ? readRelationTypes(relationsYaml, nodeTypes, problems) : new Map();

  const sources = new Map<string, Source>();
  const sourcesDir = path.join(dataDir, "sources");
  for (const name of (await listFiles(sourcesDir, problems, display(sourcesDir))).filter(isYaml)) {
    const id = name.replace(/\.ya?ml$/, "");
    const textFile = path.join(sourcesDir, `${id}.txt`);
    let text: string;
    try {
      text = await readFile(textFile, "utf8");
    } catch {
      problems.push({
        file: display(textFile),
        message: `missing: source "${id}" needs its verbatim text here`,
      });
      continue;
    }
    const yaml = await read(path.join(sourcesDir, name));
    const source = yaml && readSource(id, yaml, text, problems);
    if (source) sources.set(id, source);
  }

  const entities = new Map<string, Entity>();
  const entitiesDir = path.join(dataDir, "entities");
  let entitiesComplete = true;
  const rejectedEntityIds = new Set<string>();
  for (const name of (await listFiles(entitiesDir, problems, display(entitiesDir))).filter(isYaml)) {
    const yaml = await read(path.join(entitiesDir, name));
    if (yaml) readEntities(yaml, nodeTypes, entities, rejectedEntityIds, problems);
    else entitiesComplete = false;
  }

  const claims: Claim[] = [];
  const context = {
    relationTypes,
    nodeTypes,
    sources,
    entities,
    quotes: new QuoteIndex(sources.values()),
    claimIds: new Map<string, string>(),
    entitiesComplete,
    rejectedEntityIds,
  };
  const claimsDir = path.join(dataDir, "claims");
  for (const name of (await listFiles(claimsDir, problems, display(claimsDir))).filter(isYaml)) {
    const yaml = await read(path.join(claimsDir, name));
    if (yaml) readClaims(yaml, context, claims, problems);
  }

  if (!entitiesComplete) {
    problems.push({
      file: display(claimsDir),
      message: "references to entities were not checked, because an entities file above could not be read",
    });
  }
  return { model: { nodeTypes, relationTypes, sources, entities, claims }, problems };
}

/** Loads graph-data, or throws a GraphDataError listing every problem. */
export async function loadGraphDataStrict(dataDir: string, displayRoot?: string): Promise<GraphModel> {
  const { model, problems } = await loadGraphData(dataDir, displayRoot);
  if (problems.length > 0) throw new GraphDataError(problems);
  return model;
}
