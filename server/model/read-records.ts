import { JsonLine } from "./jsonl-file.ts";
import type { Problem } from "./problems.ts";
import { QuoteIndex } from "./quote-index.ts";
import { readClaimLine } from "./read-claims.ts";
import { readEntityLine } from "./read-entities.ts";
import { readSourceMetadata } from "./read-source.ts";
import type { Claim, Entity, GraphModel, Source } from "./types.ts";

/**
 * Records that arrive one at a time (a write through the API, a change a store delivers) are
 * checked by the same code that checks files on load, against the model as it stands, so what is
 * written always validates when the folder is loaded again. `where` becomes the record's `file`.
 */

/** A read-only view of a map with a few entries laid over it, without copying the map. */
export class OverlayMap<K, V> implements ReadonlyMap<K, V> {
  constructor(
    private readonly base: ReadonlyMap<K, V>,
    private readonly over: ReadonlyMap<K, V>,
    private readonly hidden: ReadonlySet<K> = new Set(),
  ) {}
  get(key: K): V | undefined {
    if (this.hidden.has(key)) return undefined;
    return this.over.get(key) ?? this.base.get(key);
  }
  has(key: K): boolean {
    return this.get(key) !== undefined;
  }
  get size(): number {
    return [...this.keys()].length;
  }
  *entries(): MapIterator<[K, V]> {
    for (const entry of this.over) yield entry;
    for (const [key, value] of this.base)
      if (!this.over.has(key) && !this.hidden.has(key)) yield [key, value];
  }
  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }
  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }
  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/** The model with records not yet in it laid over it: sources and entities being added or removed. */
export interface RecordScope {
  model: GraphModel;
  sources?: ReadonlyMap<string, Source>;
  entities?: ReadonlyMap<string, Entity>;
  removedEntities?: ReadonlySet<string>;
}

const lineOf = (where: string, record: Record<string, unknown>) =>
  new JsonLine(where, 0, JSON.stringify(record), { ...record });

/** Problems carry no line: a record has none until it is written. */
const withoutLine = (problems: Problem[]) => problems.map(({ line: _line, ...rest }) => rest);

export function readSourceRecord(
  record: Record<string, unknown>,
  text: string,
  where: string,
): { source?: Source; problems: Problem[] } {
  const problems: Problem[] = [];
  const { id, ...metadata } = record;
  const source = readSourceMetadata(String(id), metadata, lineOf(where, record), text, problems);
  return { source: problems.length === 0 ? source : undefined, problems: withoutLine(problems) };
}

export function readEntityRecord(
  record: Record<string, unknown>,
  scope: RecordScope,
  where: string,
): { entity?: Entity; problems: Problem[] } {
  const problems: Problem[] = [];
  const entities = new Map<string, Entity>();
  readEntityLine(lineOf(where, record), scope.model.nodeTypes, entities, new Set(), problems);
  const entity = entities.get(String(record.id));
  if (entity) entity.line = undefined;
  return { entity: problems.length === 0 ? entity : undefined, problems: withoutLine(problems) };
}

export function readClaimRecord(
  record: Record<string, unknown>,
  scope: RecordScope,
  where: string,
): { claim?: Claim; problems: Problem[] } {
  const problems: Problem[] = [];
  const claims: Claim[] = [];
  const sources = new OverlayMap(scope.model.sources, scope.sources ?? new Map());
  const source = sources.get(String(record.source));
  readClaimLine(
    lineOf(where, record),
    {
      relationTypes: scope.model.relationTypes,
      nodeTypes: scope.model.nodeTypes,
      extents: scope.model.extents,
      sources,
      entities: new OverlayMap(scope.model.entities, scope.entities ?? new Map(), scope.removedEntities),
      // Only the one source the claim cites: building an index of every text would cost the corpus.
      quotes: new QuoteIndex(source ? [source] : []),
      claimIds: new Map(),
      entitiesComplete: true,
      rejectedEntityIds: new Set(),
    },
    claims,
    problems,
  );
  const claim = claims[0];
  if (claim) claim.line = undefined;
  return { claim: problems.length === 0 ? claim : undefined, problems: withoutLine(problems) };
}
