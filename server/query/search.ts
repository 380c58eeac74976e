import type { Entity } from "../model/types.ts";
import { foldText } from "./fold-text.ts";
import { InvalidArgument } from "./invalid-argument.ts";
import { TokenDictionary } from "./token-dictionary.ts";

export interface SearchHit {
  entity: Entity;
  score: number;
  matched: string;
}

/** Weight of a field: a label counts more than an alias, an alias more than a description. */
const WEIGHT = { label: 1, alias: 0.9, description: 0.3 };

/** Which field of its entity a field is: the label, the description, or alias number n (n ≥ 0). */
const LABEL = -1;
const DESCRIPTION = -2;

const fieldText = (entity: Entity, which: number) =>
  which === LABEL ? entity.label : which === DESCRIPTION ? entity.description : entity.aliases[which]!;
const fieldWeight = (which: number) =>
  which === LABEL ? WEIGHT.label : which === DESCRIPTION ? WEIGHT.description : WEIGHT.alias;

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

/**
 * Search over labels, aliases and descriptions, case- and accent-folded. A field matches when its
 * folded text contains the folded query; every field that does is found through a token index
 * instead of a scan: a folded field is its tokens joined by single spaces, so it contains the query
 * only if one of its tokens contains the query's longest word. The tokens that do are found in the
 * token dictionary, their fields are the candidates, and each candidate is scored exactly as a
 * scan would score it. Entities can be added and removed in place (the graph is updatable).
 */
export class SearchIndex {
  /*
   * One slot per field, in parallel arrays (no object per field): the entity it belongs to
   * (undefined once removed), which of its fields it is, and its folded text. An entity's fields
   * are consecutive: its label, its aliases, its description.
   */
  private readonly owner: (Entity | undefined)[] = [];
  private readonly which: number[] = [];
  private readonly folded: string[] = [];
  /** Each indexed entity's first field. */
  private readonly firstField = new Map<string, number>();
  private readonly tokens = new TokenDictionary();
  private holes = 0;

  constructor(entities: Iterable<Entity>) {
    for (const entity of entities) this.add(entity);
    this.tokens.trim();
  }

  /** Indexes an entity's fields; an entity already indexed under the same id is replaced. */
  add(entity: Entity): void {
    if (this.firstField.has(entity.id)) this.remove(new Set([entity.id]));
    this.firstField.set(entity.id, this.owner.length);
    const field = (which: number) => {
      const index = this.owner.length;
      const folded = foldText(fieldText(entity, which));
      this.owner.push(entity);
      this.which.push(which);
      this.folded.push(folded);
      if (folded !== "") for (const token of folded.split(" ")) this.tokens.post(token, index);
    };
    field(LABEL);
    for (let alias = 0; alias < entity.aliases.length; alias++) field(alias);
    field(DESCRIPTION);
  }

  /** Takes entities out of the index. Postings of their fields are dropped when holes pile up. */
  remove(ids: ReadonlySet<string>): void {
    for (const id of ids) {
      const first = this.firstField.get(id);
      if (first === undefined) continue;
      const fields = this.owner[first]!.aliases.length + 2;
      for (let index = first; index < first + fields; index++) this.owner[index] = undefined;
      this.holes += fields;
      this.firstField.delete(id);
    }
    if (this.holes > 1024 && this.holes * 4 > this.owner.length) this.compact();
  }

  search(text: string, first: number): SearchHit[] {
    const query = foldText(text);
    if (query === "") throw new InvalidArgument("text", "must contain at least one letter or digit");
    const longest = query.split(" ").reduce((a, b) => (b.length > a.length ? b : a));
    const candidates = this.tokens.fieldsContaining(longest, this.owner.length / 4);
    if (!candidates) return this.searchByScan(text, first);
    const best = new Map<string, SearchHit>();
    for (const index of candidates) this.consider(best, index, query);
    return rank(best, first);
  }

  /**
   * The same answer by scoring every field: the reference the index is tested against, and the
   * way through when the query's pieces are in most fields anyway.
   */
  searchByScan(text: string, first: number): SearchHit[] {
    const query = foldText(text);
    if (query === "") throw new InvalidArgument("text", "must contain at least one letter or digit");
    const best = new Map<string, SearchHit>();
    for (let index = 0; index < this.owner.length; index++) this.consider(best, index, query);
    return rank(best, first);
  }

  /** Keeps, for each entity, its best-scoring field. */
  private consider(best: Map<string, SearchHit>, index: number, query: string): void {
    const entity = this.owner[index];
    if (!entity) return;
    const which = this.which[index]!;
    const score = matchScore(this.folded[index]!, query) * fieldWeight(which);
    if (score === 0) return;
    const current = best.get(entity.id);
    if (!current || score > current.score)
      best.set(entity.id, { entity, score, matched: fieldText(entity, which) });
  }

  /** Ids of indexed entities and the tokens of their fields, for comparing two indexes. */
  contents(): { entities: string[]; tokens: Map<string, string[]> } {
    const tokens = new Map<string, string[]>();
    for (const [token, postings] of this.tokens.entries()) {
      const owners = postings.flatMap((index) => {
        const entity = this.owner[index];
        return entity ? [`${entity.id}:${fieldText(entity, this.which[index]!)}`] : [];
      });
      if (owners.length > 0) tokens.set(token, owners.sort());
    }
    return { entities: [...this.firstField.keys()].sort(), tokens };
  }

  /** Rebuilds without the holes. */
  private compact(): void {
    const entities = [...new Set(this.owner.filter((entity) => entity !== undefined))];
    for (const list of [this.owner, this.which, this.folded]) list.length = 0;
    this.firstField.clear();
    this.tokens.clear();
    this.holes = 0;
    for (const entity of entities) this.add(entity);
    this.tokens.trim();
  }
}
