import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/**
 * A reference reading of a graph-data folder, written for the tests without the server's code: the
 * claims files are parsed with the yaml package, relations keyed as graph-data/README.md says
 * (subject, type, object and the `event` qualifier; either order for symmetric types), and
 * neighbourhoods found by a plain breadth-first search. Selection tests compare the server with it.
 */

export interface ReferenceRelation {
  id: string;
  type: string;
  subject: string;
  object: string;
  claims: string[];
  sources: string[];
}

export interface ReferenceGraph {
  nodes: Set<string>;
  /** Each node's kind (actor, event, place), from its type in vocabulary/node-types.yaml. */
  kinds: Map<string, string>;
  relations: Map<string, ReferenceRelation>;
}

type Raw = Record<string, unknown>;

function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".yaml") || name.endsWith(".jsonl"))
      .sort()
      .map((name) => path.join(dir, name));
  } catch {
    return [];
  }
}

/** Records of a folder: YAML maps of id → record, or JSON Lines with an id on each line. */
function records(dir: string): [string, Raw][] {
  const out: [string, Raw][] = [];
  for (const file of filesIn(dir)) {
    const text = readFileSync(file, "utf8");
    if (file.endsWith(".jsonl")) {
      for (const line of text.split("\n")) {
        if (line.trim() === "") continue;
        const record = JSON.parse(line) as Raw;
        out.push([String(record.id), record]);
      }
    } else {
      for (const [id, record] of Object.entries((parse(text) ?? {}) as Record<string, Raw>))
        out.push([id, record]);
    }
  }
  return out;
}

/** Relation claims as [id, source, claim] from YAML claim files (source once per file) and JSON Lines. */
function relationClaims(dir: string): [string, string, Raw][] {
  const out: [string, string, Raw][] = [];
  for (const file of filesIn(dir)) {
    const text = readFileSync(file, "utf8");
    if (file.endsWith(".jsonl")) {
      for (const line of text.split("\n")) {
        if (line.trim() === "") continue;
        const claim = JSON.parse(line) as Raw;
        out.push([String(claim.id), String(claim.source), claim]);
      }
    } else {
      const document = parse(text) as { source: string; claims: Record<string, Raw> };
      for (const [id, claim] of Object.entries(document.claims ?? {})) out.push([id, document.source, claim]);
    }
  }
  return out.filter(([, , claim]) => typeof claim.relation === "string");
}

export function readReferenceGraph(dataDir: string): ReferenceGraph {
  const vocabulary = parse(
    readFileSync(path.join(dataDir, "vocabulary", "relations.yaml"), "utf8"),
  ) as Record<string, { symmetric?: boolean }>;
  const nodeTypes = parse(
    readFileSync(path.join(dataDir, "vocabulary", "node-types.yaml"), "utf8"),
  ) as Record<string, Record<string, unknown>>;
  const kindOfType = new Map<string, string>();
  for (const [kind, types] of Object.entries(nodeTypes))
    for (const type of Object.keys(types)) kindOfType.set(type, kind);
  const entities = records(path.join(dataDir, "entities"));
  const nodes = new Set(entities.map(([id]) => id));
  const kinds = new Map(entities.map(([id, entity]) => [id, kindOfType.get(String(entity.type))!]));
  const relations = new Map<string, ReferenceRelation>();
  for (const [id, source, claim] of relationClaims(path.join(dataDir, "claims"))) {
    const type = String(claim.relation);
    let subject = String(claim.subject);
    let object = String(claim.object);
    if (vocabulary[type]?.symmetric && object < subject) [subject, object] = [object, subject];
    const event = (claim.qualifiers as Raw | undefined)?.event;
    const key = [subject, type, object, ...(event ? [String(event)] : [])].join("--");
    const relation = relations.get(key) ?? { id: key, type, subject, object, claims: [], sources: [] };
    relation.claims.push(id);
    if (!relation.sources.includes(source)) relation.sources.push(source);
    relations.set(key, relation);
  }
  return { nodes, kinds, relations };
}

/**
 * The nodes within `depth` steps of `starts` (following relations that pass `keep`, either way)
 * and the kept relations among them: the meaning docs/export.md gives a selection by ids.
 */
export function referenceNeighbourhood(
  graph: ReferenceGraph,
  starts: readonly string[],
  depth: number,
  keep: (relation: ReferenceRelation) => boolean = () => true,
): { nodes: string[]; relations: string[] } {
  const kept = [...graph.relations.values()].filter(keep);
  const reached = new Set(starts);
  let frontier = new Set(starts);
  for (let step = 0; step < depth; step++) {
    const next = new Set<string>();
    for (const relation of kept) {
      for (const [from, to] of [
        [relation.subject, relation.object],
        [relation.object, relation.subject],
      ] as const) {
        if (frontier.has(from) && !reached.has(to)) next.add(to);
      }
    }
    for (const node of next) reached.add(node);
    frontier = next;
  }
  return {
    nodes: [...reached].sort(),
    relations: kept
      .filter((relation) => reached.has(relation.subject) && reached.has(relation.object))
      .map((relation) => relation.id)
      .sort(),
  };
}
