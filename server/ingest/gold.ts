/**
 * Gold claims for the evaluation: every source of a graph-data folder (and of an overlay on it, such
 * as the dev set) with its text, metadata and curated claims, read as they are written. A claim's
 * quote is placed at its `start` when given, else at its first occurrence, as the loader does.
 */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import type { ArticleMeta } from "./types.ts";

export interface GoldClaim {
  id: string;
  subject: string;
  relation: string | null;
  object: string | null;
  property: string | null;
  value: string | null;
  quote: string;
  start: number;
  /** The claim's date: its value (date claims) or its date qualifier. */
  date: string | null;
}

export interface GoldSource {
  id: string;
  /** The folder it came from: graph-data itself or an overlay. */
  set: string;
  text: string;
  meta: ArticleMeta;
  claims: GoldClaim[];
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null =>
  typeof value === "string" ? value : typeof value === "number" ? String(value) : null;

function goldClaim(id: string, raw: Raw, sourceText: string): GoldClaim | null {
  const quote = text(raw.quote);
  const subject = text(raw.subject);
  if (!quote || !subject) return null;
  const start = typeof raw.start === "number" ? raw.start : sourceText.indexOf(quote);
  if (start < 0) return null;
  const qualifiers = isRecord(raw.qualifiers) ? raw.qualifiers : {};
  const property = text(raw.property);
  const value = text(raw.value);
  return {
    id,
    subject,
    relation: text(raw.relation),
    object: text(raw.object),
    property,
    value,
    quote,
    start,
    date: property === "date" ? value : text(qualifiers.date),
  };
}

/** The claims of every claims file of a folder, by source id. */
async function claimsBySource(
  dir: string,
  texts: ReadonlyMap<string, string>,
): Promise<Map<string, GoldClaim[]>> {
  const found = new Map<string, GoldClaim[]>();
  const add = (source: string, id: string, raw: Raw) => {
    const sourceText = texts.get(source);
    const claim = sourceText === undefined ? null : goldClaim(id, raw, sourceText);
    if (!claim) return;
    const list = found.get(source) ?? [];
    list.push(claim);
    found.set(source, list);
  };
  const claimsDir = path.join(dir, "claims");
  if (!existsSync(claimsDir)) return found;
  for (const name of (await readdir(claimsDir)).sort()) {
    const content = await readFile(path.join(claimsDir, name), "utf8");
    if (/\.ya?ml$/.test(name)) {
      const data: unknown = parse(content, { uniqueKeys: false });
      if (!isRecord(data) || !isRecord(data.claims) || typeof data.source !== "string") continue;
      for (const [id, raw] of Object.entries(data.claims)) if (isRecord(raw)) add(data.source, id, raw);
    } else if (name.endsWith(".jsonl")) {
      for (const line of content.split("\n")) {
        if (!line.trim()) continue;
        const raw: unknown = JSON.parse(line);
        if (isRecord(raw) && typeof raw.source === "string" && typeof raw.id === "string")
          add(raw.source, raw.id, raw);
      }
    }
  }
  return found;
}

function metaOf(id: string, raw: Raw): ArticleMeta {
  return {
    id,
    url: text(raw.url),
    published: text(raw.published),
    title: text(raw.title),
    outlet: text(raw.outlet),
    author: text(raw.author),
    added: text(raw.added) ?? "2026-01-01",
  };
}

/** The sources of one folder (YAML metadata files; the eval's sets are hand-made) with their gold. */
export async function readGold(dir: string, set: string): Promise<GoldSource[]> {
  const sourcesDir = path.join(dir, "sources");
  if (!existsSync(sourcesDir)) return [];
  const sources: GoldSource[] = [];
  const texts = new Map<string, string>();
  const metas = new Map<string, ArticleMeta>();
  for (const name of (await readdir(sourcesDir)).sort()) {
    if (!/\.ya?ml$/.test(name)) continue;
    const id = name.replace(/\.ya?ml$/, "");
    const textFile = path.join(sourcesDir, `${id}.txt`);
    if (!existsSync(textFile)) continue;
    const raw: unknown = parse(await readFile(path.join(sourcesDir, name), "utf8"));
    if (!isRecord(raw)) continue;
    texts.set(id, await readFile(textFile, "utf8"));
    metas.set(id, metaOf(id, raw));
  }
  const claims = await claimsBySource(dir, texts);
  for (const [id, sourceText] of texts)
    sources.push({ id, set, text: sourceText, meta: metas.get(id)!, claims: claims.get(id) ?? [] });
  return sources;
}
