import type { JsonLine } from "./jsonl-file.ts";
import type { Problem } from "./problems.ts";
import { entitiesFileSchema, entityIdSchema, entitySchema } from "./schemas.ts";
import type { Entity, NodeType } from "./types.ts";
import type { DocumentPath, ProblemLocator, YamlFile } from "./yaml-file.ts";
import { Suggestions } from "./suggest.ts";
import { zodProblems } from "./zod-problems.ts";
import type { z } from "zod";

type RawEntity = z.output<typeof entitySchema>;

/** Where one entity is written, and how to point at a field inside it. */
interface EntityPlace {
  file: string;
  line: number | undefined;
  problemAt(path: DocumentPath, message: string): Problem;
}

/**
 * Checks one well-formed entity against the vocabulary and the ids already taken, and adds it.
 * Shared by the YAML and the JSON Lines readers, so both report the same problems.
 */
function addEntity(
  id: string,
  raw: RawEntity,
  where: EntityPlace,
  nodeTypes: ReadonlyMap<string, NodeType>,
  entities: Map<string, Entity>,
  rejectedIds: Set<string>,
  problems: Problem[],
): void {
  const nodeType = nodeTypes.get(raw.type);
  if (!nodeType) {
    problems.push(
      where.problemAt(
        ["type"],
        `unknown node type "${raw.type}" (see vocabulary/node-types.yaml)${new Suggestions().hint(raw.type, nodeTypes.keys())}`,
      ),
    );
    rejectedIds.add(id);
    return;
  }
  const existing = entities.get(id);
  if (existing) {
    problems.push(
      where.problemAt([], `duplicate id "${id}": already defined in ${existing.file}:${existing.line}`),
    );
    return;
  }
  if (raw.cameo && nodeType.kind !== "actor") {
    problems.push(
      where.problemAt(["cameo"], `a CAMEO actor code belongs to actors, not to a ${nodeType.kind}`),
    );
  }
  entities.set(id, {
    id,
    label: raw.label,
    type: nodeType.id,
    kind: nodeType.kind,
    aliases: raw.aliases ?? [],
    description: raw.description,
    wikidata: raw.wikidata ?? null,
    cameo: raw.cameo ?? null,
    status: raw.status ?? "curated",
    file: where.file,
    line: where.line,
  });
}

/** Adds the entities of one YAML file to `entities`, reporting unknown types and ids already taken. */
export function readEntities(
  yaml: YamlFile,
  nodeTypes: ReadonlyMap<string, NodeType>,
  entities: Map<string, Entity>,
  rejectedIds: Set<string>,
  problems: Problem[],
): void {
  let parsed = entitiesFileSchema.safeParse(yaml.data ?? {});
  if (!parsed.success) {
    problems.push(...zodProblems(yaml, parsed.error));
    // Keep the well-formed entries, so one bad entity does not make every claim about others dangle.
    const data = (yaml.data ?? {}) as Record<string, unknown>;
    const badIds = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
    for (const id of badIds) rejectedIds.add(id);
    const good = Object.fromEntries(Object.entries(data).filter(([id]) => !badIds.has(id)));
    const reparsed = entitiesFileSchema.safeParse(good);
    if (!reparsed.success) return;
    parsed = reparsed;
  }
  const lines = yaml.keyLines([]);
  for (const [id, raw] of Object.entries(parsed.data)) {
    const where: EntityPlace = {
      file: yaml.file,
      line: lines.get(id),
      problemAt: (path, message) => yaml.problemAt([id, ...path], message),
    };
    addEntity(id, raw, where, nodeTypes, entities, rejectedIds, problems);
  }
}

/**
 * Reads one entity from a line of entities/*.jsonl: `{"id": "armenia", "label": "Armenia", …}`, the
 * fields of a YAML entity plus its id.
 */
export function readEntityLine(
  jsonLine: JsonLine,
  nodeTypes: ReadonlyMap<string, NodeType>,
  entities: Map<string, Entity>,
  rejectedIds: Set<string>,
  problems: Problem[],
): void {
  const { id, ...rawEntity } = jsonLine.value;
  const idCheck = entityIdSchema.safeParse(id);
  if (!idCheck.success) {
    problems.push(...zodProblems(jsonLine as ProblemLocator, idCheck.error, ["id"]));
    return;
  }
  const parsed = entitySchema.safeParse(rawEntity);
  if (!parsed.success) {
    problems.push(...zodProblems(jsonLine, parsed.error));
    rejectedIds.add(idCheck.data);
    return;
  }
  addEntity(idCheck.data, parsed.data, jsonLine, nodeTypes, entities, rejectedIds, problems);
}
