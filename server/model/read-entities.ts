import type { Problem } from "./problems.ts";
import { entitiesFileSchema } from "./schemas.ts";
import type { Entity, NodeType } from "./types.ts";
import type { YamlFile } from "./yaml-file.ts";
import { zodProblems } from "./zod-problems.ts";

/** Adds the entities of one file to `entities`, reporting unknown types and ids already taken. */
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
    const nodeType = nodeTypes.get(raw.type);
    if (!nodeType) {
      problems.push(
        yaml.problemAt([id, "type"], `unknown node type "${raw.type}" (see vocabulary/node-types.yaml)`),
      );
      rejectedIds.add(id);
      continue;
    }
    const existing = entities.get(id);
    if (existing) {
      problems.push(
        yaml.problemAt([id], `duplicate id "${id}": already defined in ${existing.file}:${existing.line}`),
      );
      continue;
    }
    if (raw.cameo && nodeType.kind !== "actor") {
      problems.push(
        yaml.problemAt([id, "cameo"], `a CAMEO actor code belongs to actors, not to a ${nodeType.kind}`),
      );
    }
    entities.set(id, {
      id,
      label: raw.label,
      type: raw.type,
      kind: nodeType.kind,
      aliases: raw.aliases ?? [],
      description: raw.description,
      wikidata: raw.wikidata ?? null,
      cameo: raw.cameo ?? null,
      file: yaml.file,
      line: lines.get(id),
    });
  }
}
