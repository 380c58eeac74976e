import type { EntityRecord } from "./dataset.ts";
// The server's own folding, so local suggestions match what the API's search would find.
import { foldText } from "../../../server/query/fold-text.ts";

export interface SearchSuggestion {
  id: string;
  label: string;
  /** The alias that matched, when it was not the label. */
  matchedAlias: string | null;
  score: number;
}

interface IndexedName {
  id: string;
  folded: string;
  /** Folded words, for matches inside a name ("guterres" in "antonio guterres"). */
  words: string[];
  alias: string | null;
}

/**
 * A local, diacritic-insensitive index over labels and aliases, so suggestions appear per keystroke
 * without a round trip. Exact matches rank first, then prefixes, then word prefixes, then substrings.
 */
export class SearchIndex {
  private readonly names: IndexedName[] = [];
  private readonly entities = new Map<string, EntityRecord>();

  add(entities: Iterable<EntityRecord>): void {
    for (const entity of entities) {
      this.entities.set(entity.id, entity);
      for (const [name, alias] of [
        [entity.label, null] as const,
        ...entity.aliases.map((alias) => [alias, alias] as const),
      ]) {
        const folded = foldText(name);
        if (folded) this.names.push({ id: entity.id, folded, words: folded.split(" "), alias });
      }
    }
  }

  search(text: string, limit: number): SearchSuggestion[] {
    const query = foldText(text);
    if (!query) return [];
    const best = new Map<string, SearchSuggestion>();
    for (const name of this.names) {
      const score =
        name.folded === query
          ? 4
          : name.folded.startsWith(query)
            ? 3
            : name.words.some((word) => word.startsWith(query))
              ? 2
              : name.folded.includes(query)
                ? 1
                : 0;
      if (score === 0) continue;
      // Labels beat aliases at the same score.
      const ranked = score + (name.alias === null ? 0.5 : 0);
      const previous = best.get(name.id);
      if (previous && previous.score >= ranked) continue;
      const entity = this.entities.get(name.id)!;
      best.set(name.id, { id: name.id, label: entity.label, matchedAlias: name.alias, score: ranked });
    }
    return [...best.values()]
      .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label))
      .slice(0, limit);
  }
}
