import type { Entity } from "../model/types.ts";
import { foldText } from "./fold-text.ts";
import { InvalidArgument } from "./invalid-argument.ts";

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
function matchScore(field: string, query: string): number {
  if (field === query) return 100;
  if (field.startsWith(query)) return 80 - Math.min(20, field.length - query.length) / 2;
  const wordStart = field.indexOf(` ${query}`);
  if (wordStart >= 0) return 60 - Math.min(20, wordStart / 4);
  if (field.includes(query)) return 30;
  return 0;
}

/** Search over labels, aliases and descriptions; built once per graph. */
export class SearchIndex {
  private readonly entries: Entry[] = [];

  constructor(entities: Iterable<Entity>) {
    for (const entity of entities) {
      const add = (text: string, weight: number) =>
        this.entries.push({ entity, text, folded: foldText(text), weight });
      add(entity.label, WEIGHT.label);
      for (const alias of entity.aliases) add(alias, WEIGHT.alias);
      add(entity.description, WEIGHT.description);
    }
  }

  search(text: string, first: number): SearchHit[] {
    const query = foldText(text);
    if (query === "") throw new InvalidArgument("text", "must contain at least one letter or digit");
    const best = new Map<string, SearchHit>();
    for (const entry of this.entries) {
      const score = matchScore(entry.folded, query) * entry.weight;
      if (score === 0) continue;
      const current = best.get(entry.entity.id);
      if (!current || score > current.score)
        best.set(entry.entity.id, { entity: entry.entity, score, matched: entry.text });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.entity.label.localeCompare(b.entity.label))
      .slice(0, first);
  }
}
