import type { Entity } from "../model/types.ts";
import { foldText } from "./fold-text.ts";
import { InvalidArgument } from "./invalid-argument.ts";
import { TokenDictionary } from "./token-dictionary.ts";

export interface SearchHit {
  entity: Entity;
  score: number;
  matched: string;
}

interface Entry {
  entity: Entity;
  text: string;
  folded: string;
  /** Weight of the field: a label counts more than an alias, an alias more than a description. */
  weight: number;
}

const WEIGHT = { label: 1, alias: 0.9, description: 0.3 };

/** How well one folded field matches the folded query, 0 for no match. */
export function matchScore(field: string, query: string): number {
  if (field === query) return 100;
  if (field.startsWith(query)) return 80 - Math.min(20, field.length - query.length) / 2;
  const wordStart = field.indexOf(` ${query}`);
  if (wordStart >= 0) return 60 - Math.min(20, wordStart / 4);
  if (field.includes(query)) return 30;
  return 0;
}

/** Best first: higher score, then label, then id (so equal labels keep one order); `first` of them. */
function rank(best: Map<string, SearchHit>, first: number): SearchHit[] {
  const byId = (a: SearchHit, b: SearchHit) => (a.entity.id < b.entity.id ? -1 : 1);
  return [...best.values()]
    .sort((a, b) => b.score - a.score || a.entity.label.localeCompare(b.entity.label) || byId(a, b))
    .slice(0, first);
}

/** Keeps, for each entity, its best-scoring field. */
function consider(best: Map<string, SearchHit>, entry: Entry, query: string): void {
  const score = matchScore(entry.folded, query) * entry.weight;
  if (score === 0) return;
  const current = best.get(entry.entity.id);
  if (!current || score > current.score)
    best.set(entry.entity.id, { entity: entry.entity, score, matched: entry.text });
}

/**
 * Search over labels, aliases and descriptions, case- and accent-folded. A field matches when its
 * folded text contains the folded query; every field that does is found through a token index
 * instead of a scan: a folded field is its tokens joined by single spaces, so it contains the query
 * only if one of its tokens contains the query's longest word. The tokens that do are found in the
 * token dictionary, their fields are the candidates, and each candidate is scored exactly as a
 * scan would score it. Entities can be added and removed in place (the graph is updatable).
 */
export class SearchIndex {
  /** Fields in the order they were added; a removed entity's fields become holes. */
  private readonly entries: (Entry | undefined)[] = [];
  private readonly entriesOf = new Map<string, number[]>();
  private readonly tokens = new TokenDictionary();
  private holes = 0;

  constructor(entities: Iterable<Entity>) {
    for (const entity of entities) this.add(entity);
  }

  /** Indexes an entity's fields; an entity already indexed under the same id is replaced. */
  add(entity: Entity): void {
    if (this.entriesOf.has(entity.id)) this.remove(new Set([entity.id]));
    const indices: number[] = [];
    const field = (text: string, weight: number) => {
      const index = this.entries.length;
      const folded = foldText(text);
      this.entries.push({ entity, text, folded, weight });
      indices.push(index);
      if (folded !== "") for (const token of folded.split(" ")) this.tokens.post(token, index);
    };
    field(entity.label, WEIGHT.label);
    for (const alias of entity.aliases) field(alias, WEIGHT.alias);
    field(entity.description, WEIGHT.description);
    this.entriesOf.set(entity.id, indices);
  }

  /** Takes entities out of the index. Postings of their fields are dropped when holes pile up. */
  remove(ids: ReadonlySet<string>): void {
    for (const id of ids) {
      for (const index of this.entriesOf.get(id) ?? []) {
        this.entries[index] = undefined;
        this.holes++;
      }
      this.entriesOf.delete(id);
    }
    if (this.holes > 1024 && this.holes * 4 > this.entries.length) this.compact();
  }

  search(text: string, first: number): SearchHit[] {
    const query = foldText(text);
    if (query === "") throw new InvalidArgument("text", "must contain at least one letter or digit");
    const longest = query.split(" ").reduce((a, b) => (b.length > a.length ? b : a));
    const candidates = this.tokens.fieldsContaining(longest, this.entries.length / 4);
    if (!candidates) return this.searchByScan(text, first);
    const best = new Map<string, SearchHit>();
    for (const index of candidates) {
      const entry = this.entries[index];
      if (entry) consider(best, entry, query);
    }
    return rank(best, first);
  }

  /** The same answer by scoring every field: the reference the index is tested against, and the
   * way through when the query's pieces are in most fields anyway. */
  searchByScan(text: string, first: number): SearchHit[] {
    const query = foldText(text);
    if (query === "") throw new InvalidArgument("text", "must contain at least one letter or digit");
    const best = new Map<string, SearchHit>();
    for (const entry of this.entries) if (entry) consider(best, entry, query);
    return rank(best, first);
  }

  /** Ids of indexed entities and the tokens of their fields, for comparing two indexes. */
  contents(): { entities: string[]; tokens: Map<string, string[]> } {
    const tokens = new Map<string, string[]>();
    for (const [token, postings] of this.tokens.entries()) {
      const owners = postings.flatMap((index) => {
        const entry = this.entries[index];
        return entry ? [`${entry.entity.id}:${entry.text}`] : [];
      });
      if (owners.length > 0) tokens.set(token, owners.sort());
    }
    return { entities: [...this.entriesOf.keys()].sort(), tokens };
  }

  /** Rebuilds without the holes. */
  private compact(): void {
    const entities = [...new Set(this.entries.flatMap((entry) => (entry ? [entry.entity] : [])))];
    this.entries.length = 0;
    this.entriesOf.clear();
    this.tokens.clear();
    this.holes = 0;
    for (const entity of entities) this.add(entity);
  }
}
