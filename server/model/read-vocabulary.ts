import type { Problem } from "./problems.ts";
import { nodeTypesFileSchema, relationTypesFileSchema } from "./schemas.ts";
import type { NodeKind, NodeType, RelationFamily, RelationType } from "./types.ts";
import type { YamlFile } from "./yaml-file.ts";
import { zodProblems } from "./zod-problems.ts";

export function readNodeTypes(yaml: YamlFile, problems: Problem[]): Map<string, NodeType> {
  const nodeTypes = new Map<string, NodeType>();
  const parsed = nodeTypesFileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...zodProblems(yaml, parsed.error));
    return nodeTypes;
  }
  for (const [kind, types] of Object.entries(parsed.data) as [NodeKind, Record<string, NodeType>][]) {
    for (const [id, type] of Object.entries(types)) {
      if (nodeTypes.has(id)) {
        problems.push(
          yaml.problemAt(
            [kind, id],
            `duplicate node type "${id}": it is also under ${nodeTypes.get(id)?.kind}`,
          ),
        );
        continue;
      }
      nodeTypes.set(id, { id, kind, label: type.label, description: type.description });
    }
  }
  return nodeTypes;
}

export function relationFamily(goldstein: number | null): RelationFamily {
  if (goldstein === null) return "structural";
  if (goldstein > 0) return "cooperation";
  if (goldstein < 0) return "conflict";
  return "neutral";
}

export function readRelationTypes(
  yaml: YamlFile,
  nodeTypes: ReadonlyMap<string, NodeType>,
  problems: Problem[],
): Map<string, RelationType> {
  const relationTypes = new Map<string, RelationType>();
  const parsed = relationTypesFileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...zodProblems(yaml, parsed.error));
    return relationTypes;
  }
  const isKindOrType = (name: string) =>
    name === "actor" || name === "event" || name === "place" || nodeTypes.has(name);
  for (const [id, raw] of Object.entries(parsed.data)) {
    for (const side of ["domain", "range"] as const) {
      raw[side].forEach((name, index) => {
        if (!isKindOrType(name)) {
          problems.push(
            yaml.problemAt([id, side, index], `"${name}" is neither a node kind nor a node type`),
          );
        }
      });
    }
    const goldstein = raw.goldstein ?? null;
    relationTypes.set(id, {
      id,
      label: raw.label,
      description: raw.description,
      domain: raw.domain,
      range: raw.range,
      symmetric: raw.symmetric ?? false,
      cameo: raw.cameo ?? null,
      cameoLabel: raw.cameoLabel ?? null,
      goldstein,
      plover: raw.plover ?? null,
      family: relationFamily(goldstein),
    });
  }
  return relationTypes;
}
