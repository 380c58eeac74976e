import type { Problem } from "./problems.ts";
import { nodeTypesFileSchema, relationTypesFileSchema } from "./schemas.ts";
import type { EventCodes, Modality, NodeKind, NodeType, RelationFamily, RelationType } from "./types.ts";
import type { DocumentPath, YamlFile } from "./yaml-file.ts";
import { zodProblems } from "./zod-problems.ts";

export function readNodeTypes(yaml: YamlFile, problems: Problem[]): Map<string, NodeType> {
  const nodeTypes = new Map<string, NodeType>();
  const parsed = nodeTypesFileSchema.safeParse(yaml.data);
  if (!parsed.success) {
    problems.push(...zodProblems(yaml, parsed.error));
    return nodeTypes;
  }
  for (const [kind, types] of Object.entries(parsed.data) as [
    NodeKind,
    Record<string, Omit<NodeType, "anyOther"> & { anyOther?: boolean }>,
  ][]) {
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
      nodeTypes.set(id, {
        id,
        kind,
        label: type.label,
        description: type.description,
        anyOther: type.anyOther ?? false,
      });
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

/**
 * CAMEO root codes whose events are material acts (QuadClass 2 and 4: 06–08, 14–20). Announcing
 * such an act is a verbal event with a code of its own (an intention to release is 0353, not a
 * release), so a type with such a base code must say which code its announced form takes.
 */
const isMaterialCode = (cameo: string) => {
  const root = Number(cameo.slice(0, 2));
  return (root >= 6 && root <= 8) || root >= 14;
};

interface RawCodes {
  cameo?: string | undefined;
  cameoLabel?: string | undefined;
  goldstein?: number | undefined;
  plover?: string | undefined;
}

const toCodes = (raw: RawCodes): EventCodes => ({
  cameo: raw.cameo ?? null,
  cameoLabel: raw.cameoLabel ?? null,
  goldstein: raw.goldstein ?? null,
  plover: raw.plover ?? null,
});

/** A code, its label and its Goldstein value come together or not at all (PLOVER may be absent). */
function checkCodes(yaml: YamlFile, path: DocumentPath, codes: RawCodes, problems: Problem[]): void {
  const given = [codes.cameo, codes.cameoLabel, codes.goldstein].filter((value) => value !== undefined);
  if (given.length !== 0 && given.length !== 3)
    problems.push(
      yaml.problemAt(path, "cameo, cameoLabel and goldstein go together: give all three or none"),
    );
  if (codes.plover !== undefined && codes.cameo === undefined)
    problems.push(yaml.problemAt([...path, "plover"], "a PLOVER type needs the CAMEO code it translates"));
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
  const allowsEvents = (names: readonly string[]) =>
    names.some((name) => name === "event" || nodeTypes.get(name)?.kind === "event");
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
    checkCodes(yaml, [id], raw, problems);
    const modalities: Partial<Record<Modality, EventCodes>> = {};
    for (const [modality, codes] of Object.entries(raw.modalities ?? {}) as [Modality, RawCodes][]) {
      checkCodes(yaml, [id, "modalities", modality], codes, problems);
      modalities[modality] = toCodes(codes);
    }
    if (raw.cameo && isMaterialCode(raw.cameo) && !raw.modalities?.announced?.cameo) {
      problems.push(
        yaml.problemAt(
          [id, "cameo"],
          `${raw.cameo} is a material act: give modalities.announced with the CAMEO code of an intention to do it (03x)`,
        ),
      );
    }
    if (raw.dateFrom && !allowsEvents(raw.dateFrom === "subject" ? raw.domain : raw.range)) {
      problems.push(
        yaml.problemAt(
          [id, "dateFrom"],
          `dateFrom: ${raw.dateFrom}, but the ${raw.dateFrom} of ${id} can never be an event, which is where a date would come from`,
        ),
      );
    }
    const goldstein = raw.goldstein ?? null;
    relationTypes.set(id, {
      id,
      label: raw.label,
      description: raw.description,
      domain: raw.domain,
      range: raw.range,
      symmetric: raw.symmetric ?? false,
      ...toCodes(raw),
      family: relationFamily(goldstein),
      modalities,
      dateFrom: raw.dateFrom ?? null,
      party: raw.party ?? false,
    });
  }
  return relationTypes;
}
