/**
 * Builds the link index straight from graph-data folders: the vocabulary, the entities, the
 * sources' URLs and text hashes, and of the claims only their relation keys, title roles and event
 * dates. No quote is checked and no graph is built; the loader and validator do that. Files that do
 * not parse are skipped here (the validator reports them).
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { NodeKind } from "../model/types.ts";
import { LinkIndex, textHash, type CodeSet, type RelationTypeInfo } from "./link-index.ts";
import type { Modality } from "./types.ts";

export interface ReadIndexOptions {
  /** Sources left out entirely (the eval leaves out the article it extracts from). */
  exclude?: ReadonlySet<string>;
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];

async function listDir(dir: string): Promise<string[]> {
  return existsSync(dir) ? (await readdir(dir)).sort() : [];
}

async function readYaml(file: string): Promise<unknown> {
  try {
    return parse(await readFile(file, "utf8"), { uniqueKeys: false });
  } catch {
    return undefined;
  }
}

/** Every JSON object line of a .jsonl file; lines that are not JSON objects are skipped. */
async function* jsonLines(file: string): AsyncGenerator<Raw> {
  const text = await readFile(file, "utf8");
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end).trim();
    at = end + 1;
    if (!line) continue;
    try {
      const value: unknown = JSON.parse(line);
      if (isRecord(value)) yield value;
    } catch {
      // malformed: the validator reports it
    }
  }
}

function codeSet(raw: Raw): CodeSet {
  return {
    cameo: str(raw.cameo),
    cameoLabel: str(raw.cameoLabel),
    goldstein: typeof raw.goldstein === "number" ? raw.goldstein : null,
    plover: str(raw.plover),
  };
}

function readVocabulary(index: LinkIndex, nodeTypes: unknown, relations: unknown): void {
  if (isRecord(nodeTypes)) {
    for (const [kind, types] of Object.entries(nodeTypes)) {
      if (isRecord(types)) for (const id of Object.keys(types)) index.addNodeType(id, kind as NodeKind);
    }
  }
  if (!isRecord(relations)) return;
  for (const [id, raw] of Object.entries(relations)) {
    if (!isRecord(raw)) continue;
    const modalities: RelationTypeInfo["modalities"] = {};
    if (isRecord(raw.modalities)) {
      for (const [modality, codes] of Object.entries(raw.modalities))
        if (isRecord(codes)) modalities[modality as Modality] = { ...codeSet(raw), ...codeSet(codes) };
    }
    index.addRelationType({
      id,
      domain: strings(raw.domain),
      range: strings(raw.range),
      symmetric: raw.symmetric === true,
      ...codeSet(raw),
      modalities,
      dateFrom: raw.dateFrom === "subject" || raw.dateFrom === "object" ? raw.dateFrom : null,
    });
  }
}

function addEntity(index: LinkIndex, id: unknown, raw: Raw): void {
  const label = str(raw.label);
  const type = str(raw.type);
  if (typeof id === "string" && label && type) index.addEntity(id, label, type, strings(raw.aliases));
}

/** The relation key, title role or event date one claim contributes. */
function addClaim(index: LinkIndex, raw: Raw, exclude: ReadonlySet<string>, source: unknown): void {
  if (typeof source === "string" && exclude.has(source)) return;
  const subject = str(raw.subject);
  if (!subject) return;
  const qualifiers = isRecord(raw.qualifiers) ? raw.qualifiers : {};
  const relation = str(raw.relation);
  const object = str(raw.object);
  if (relation && object) {
    index.addRelation(subject, relation, object, str(qualifiers.event) ?? "");
    const role = str(qualifiers.role);
    if (relation === "LEADS" && role) index.addTitle({ person: subject, body: object, role });
  } else if (raw.property === "date" && (typeof raw.value === "string" || typeof raw.value === "number")) {
    index.addEventDate(subject, String(raw.value));
  }
}

async function readSources(index: LinkIndex, dir: string, exclude: ReadonlySet<string>): Promise<void> {
  const sourcesDir = path.join(dir, "sources");
  const found: { id: string; url: string | null }[] = [];
  for (const name of await listDir(sourcesDir)) {
    const file = path.join(sourcesDir, name);
    if (/\.ya?ml$/.test(name)) {
      const data = await readYaml(file);
      found.push({ id: name.replace(/\.ya?ml$/, ""), url: isRecord(data) ? str(data.url) : null });
    } else if (name.endsWith(".jsonl")) {
      for await (const line of jsonLines(file))
        if (typeof line.id === "string") found.push({ id: line.id, url: str(line.url) });
    }
  }
  for (const { id, url } of found) {
    if (exclude.has(id)) continue;
    let hash: string | null = null;
    try {
      hash = textHash(await readFile(path.join(sourcesDir, `${id}.txt`), "utf8"));
    } catch {
      // a missing text is the validator's business
    }
    index.addSource(id, url, hash);
  }
}

/**
 * The index of one graph-data folder and any overlays on it (a dev set adds sources, entities and
 * claims to graph-data). The vocabulary comes from the first folder that has one.
 */
export async function readLinkIndex(
  dirs: readonly string[],
  options: ReadIndexOptions = {},
): Promise<LinkIndex> {
  const index = new LinkIndex();
  const exclude = options.exclude ?? new Set<string>();
  const vocabularyDir = dirs.map((dir) => path.join(dir, "vocabulary")).find(existsSync);
  if (vocabularyDir) {
    readVocabulary(
      index,
      await readYaml(path.join(vocabularyDir, "node-types.yaml")),
      await readYaml(path.join(vocabularyDir, "relations.yaml")),
    );
  }
  for (const dir of dirs) {
    const entitiesDir = path.join(dir, "entities");
    for (const name of await listDir(entitiesDir)) {
      const file = path.join(entitiesDir, name);
      if (/\.ya?ml$/.test(name)) {
        const data = await readYaml(file);
        if (isRecord(data))
          for (const [id, raw] of Object.entries(data)) if (isRecord(raw)) addEntity(index, id, raw);
      } else if (name.endsWith(".jsonl")) {
        for await (const line of jsonLines(file)) addEntity(index, line.id, line);
      }
    }
    await readSources(index, dir, exclude);
    const claimsDir = path.join(dir, "claims");
    for (const name of await listDir(claimsDir)) {
      const file = path.join(claimsDir, name);
      if (/\.ya?ml$/.test(name)) {
        const data = await readYaml(file);
        if (!isRecord(data) || !isRecord(data.claims)) continue;
        for (const raw of Object.values(data.claims))
          if (isRecord(raw)) addClaim(index, raw, exclude, data.source);
      } else if (name.endsWith(".jsonl")) {
        for await (const line of jsonLines(file)) addClaim(index, line, exclude, line.source);
      }
    }
  }
  return index;
}
