/**
 * The link index: what extraction needs to know about the graph, and nothing more. Entities with
 * their labels, aliases and types; the relation keys that exist (so a repeated claim joins its
 * relation); who holds which title; the known dates of events; the URLs and text hashes of the
 * sources (to refuse duplicates). Built from graph-data without building the graph, and small
 * enough to cache (see index-cache.ts).
 */
import { createHash } from "node:crypto";
import type { NodeKind } from "../model/types.ts";
import { foldInPlace } from "./fold.ts";
import type { Modality } from "./types.ts";

/** The first word of a name, folded: the key names are filed under, here and in the gazetteer. */
export function firstFoldedWord(name: string): string {
  return /^[\p{L}\p{N}]+/u.exec(foldInPlace(name.trim()))?.[0] ?? "";
}

export interface CodeSet {
  cameo: string | null;
  cameoLabel: string | null;
  goldstein: number | null;
  plover: string | null;
}

export interface RelationTypeInfo extends CodeSet {
  id: string;
  domain: string[];
  range: string[];
  symmetric: boolean;
  /** Codes at another modality (CAMEO 03x "express intent to …" when announced). */
  modalities: Partial<Record<Modality, CodeSet>>;
  /** The end whose date dates the relation (vocabulary `dateFrom`): "ISSUED on 7 December" dates the statement. */
  dateFrom: "subject" | "object" | null;
}

export interface IndexedEntity {
  id: string;
  label: string;
  type: string;
  kind: NodeKind;
  aliases: string[];
}

export interface TitleHolder {
  person: string;
  body: string;
  role: string;
}

/** The serialisable state of an index (the cache file holds exactly this). */
export interface LinkIndexData {
  relationTypes: RelationTypeInfo[];
  nodeKinds: [string, NodeKind][];
  entities: [string, string, string, string[]][];
  /** Sorted lines "subject\tTYPE\tobject\tevent\n", one per relation; event is "" when none. */
  relationKeys: string;
  titles: TitleHolder[];
  /** Every distinct date the claims give each event (sources may disagree). */
  eventDates: [string, string[]][];
  sources: [string, string | null, string | null][];
  /** Derived: entity ids by the first folded word of each of their names (see entitiesNamedFrom). */
  names?: [string, string[]][];
}

/** What one ingestion adds to an index: the same parts, relation keys as "subject\tTYPE\tobject\tevent". */
export type LinkIndexDelta = Omit<LinkIndexData, "relationTypes" | "nodeKinds" | "relationKeys"> & {
  relationKeys: string[];
};

/** The hash that identifies an article's text: whitespace runs count as one space. */
export function textHash(text: string): string {
  return createHash("sha256").update(text.replace(/\s+/g, " ").trim()).digest("hex");
}

export const relationKey = (subject: string, type: string, object: string, event = "") =>
  `${subject}\t${type}\t${object}\t${event}`;

export class LinkIndex {
  readonly relationTypes = new Map<string, RelationTypeInfo>();
  readonly nodeKinds = new Map<string, NodeKind>();
  readonly entities = new Map<string, IndexedEntity>();
  /**
   * The relation keys, as sorted lines searched by bisection: a million-claim folder has half a
   * million relations, and a Map of them costs a second to build while an article needs a few dozen.
   */
  private sortedKeys = "";
  /** Relation keys added since the sorted lines were made, by "subject\tTYPE\tobject". */
  private readonly addedKeys = new Map<string, string[]>();
  /** Title holders by the body they lead (from LEADS claims with a role). */
  readonly titles = new Map<string, TitleHolder[]>();
  /** The dates claims give each event, in the order first seen: sources may disagree. */
  readonly eventDates = new Map<string, string[]>();
  readonly sourceIds = new Set<string>();
  readonly sourceByUrl = new Map<string, string>();
  readonly sourceByTextHash = new Map<string, string>();
  /** Entities by type, and by the first word of each name: built when first asked for. */
  private byType: Map<string, IndexedEntity[]> | undefined;
  private byFirstWord: Map<string, string[]> | undefined;

  addRelationType(type: RelationTypeInfo): void {
    this.relationTypes.set(type.id, type);
  }

  addNodeType(id: string, kind: NodeKind): void {
    this.nodeKinds.set(id, kind);
  }

  addEntity(id: string, label: string, type: string, aliases: readonly string[]): void {
    const kind = this.nodeKinds.get(type);
    if (!kind) return; // an unknown type is the validator's business; it cannot be linked
    const entity = { id, label, type, kind, aliases: aliases as string[] };
    this.entities.set(id, entity);
    this.byType?.get(type)?.push(entity);
    if (this.byFirstWord) this.fileNames(entity);
  }

  entitiesOfType(type: string): readonly IndexedEntity[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const entity of this.entities.values()) {
        const list = this.byType.get(entity.type);
        if (list) list.push(entity);
        else this.byType.set(entity.type, [entity]);
      }
    }
    return this.byType.get(type) ?? [];
  }

  /**
   * The entities that have a name starting with one of these folded words: what an article can
   * possibly name. The word index is derived state kept in the cache, so a folder of a hundred
   * thousand entities does not fold every name again for each article.
   */
  entitiesNamedFrom(words: Iterable<string>): IndexedEntity[] {
    const index = this.nameIndex();
    const found = new Set<string>();
    for (const word of words) for (const id of index.get(word) ?? []) found.add(id);
    return [...found].map((id) => this.entities.get(id)!).filter(Boolean);
  }

  private nameIndex(): Map<string, string[]> {
    if (!this.byFirstWord) {
      this.byFirstWord = new Map();
      for (const entity of this.entities.values()) this.fileNames(entity);
    }
    return this.byFirstWord;
  }

  private fileNames(entity: IndexedEntity): void {
    for (const name of [entity.label, ...entity.aliases]) {
      // "US" is also written "U.S.", whose first word is "u".
      const words = [
        firstFoldedWord(name),
        ...(/^\p{Lu}{2,4}$/u.test(name.trim()) ? [name.trim()[0]!.toLowerCase()] : []),
      ];
      for (const word of words) {
        if (!word) continue;
        const ids = this.byFirstWord!.get(word);
        if (!ids) this.byFirstWord!.set(word, [entity.id]);
        else if (ids.at(-1) !== entity.id) ids.push(entity.id);
      }
    }
  }

  /** The entities one of whose names folds to the same text as `name`. */
  entitiesNamed(name: string): IndexedEntity[] {
    const folded = foldInPlace(name.trim());
    return this.entitiesNamedFrom([firstFoldedWord(name)]).filter((entity) =>
      [entity.label, ...entity.aliases].some((known) => foldInPlace(known.trim()) === folded),
    );
  }

  /** Subject and object in the relation's own order: symmetric relations sort their ends. */
  private keyPrefix(subject: string, type: string, object: string): string {
    const symmetric = this.relationTypes.get(type)?.symmetric ?? false;
    const [first, second] = symmetric && object < subject ? [object, subject] : [subject, object];
    return `${first}\t${type}\t${second}`;
  }

  addRelation(subject: string, type: string, object: string, event = ""): void {
    const key = this.keyPrefix(subject, type, object);
    const events = this.addedKeys.get(key);
    if (!events) this.addedKeys.set(key, [event]);
    else if (!events.includes(event)) events.push(event);
  }

  /** The events of existing relations with this subject, type and object ("" for none). */
  relationEvents(subject: string, type: string, object: string): string[] {
    const prefix = `${this.keyPrefix(subject, type, object)}\t`;
    const events = [...(this.addedKeys.get(prefix.slice(0, -1)) ?? [])];
    const text = this.sortedKeys;
    for (let at = firstLineAtLeast(text, prefix); text.startsWith(prefix, at);) {
      const end = text.indexOf("\n", at);
      const event = text.slice(at + prefix.length, end);
      if (!events.includes(event)) events.push(event);
      at = end + 1;
    }
    return events;
  }

  /** Whether any relation has this subject, type and object. */
  hasRelation(subject: string, type: string, object: string): boolean {
    return this.relationEvents(subject, type, object).length > 0;
  }

  addTitle(holder: TitleHolder): void {
    const list = this.titles.get(holder.body) ?? [];
    if (!list.some((known) => known.person === holder.person && known.role === holder.role))
      list.push(holder);
    this.titles.set(holder.body, list);
  }

  addEventDate(event: string, date: string): void {
    const dates = this.eventDates.get(event);
    if (!dates) this.eventDates.set(event, [date]);
    else if (!dates.includes(date)) dates.push(date);
  }

  addSource(id: string, url: string | null, hash: string | null): void {
    this.sourceIds.add(id);
    if (url) this.sourceByUrl.set(normaliseUrl(url), id);
    if (hash) this.sourceByTextHash.set(hash, id);
  }

  /** All relation keys as sorted lines, the added ones merged in. */
  private mergedKeys(): string {
    if (this.addedKeys.size === 0) return this.sortedKeys;
    const lines = this.sortedKeys ? this.sortedKeys.slice(0, -1).split("\n") : [];
    for (const [key, events] of this.addedKeys) for (const event of events) lines.push(`${key}\t${event}`);
    return `${[...new Set(lines)].sort().join("\n")}\n`;
  }

  toData(): LinkIndexData {
    const urls = new Map([...this.sourceByUrl].map(([url, id]) => [id, url]));
    const hashes = new Map([...this.sourceByTextHash].map(([hash, id]) => [id, hash]));
    return {
      relationTypes: [...this.relationTypes.values()],
      nodeKinds: [...this.nodeKinds],
      entities: [...this.entities.values()].map((e) => [e.id, e.label, e.type, e.aliases]),
      relationKeys: this.mergedKeys(),
      titles: [...this.titles.values()].flat(),
      eventDates: [...this.eventDates],
      sources: [...this.sourceIds].map((id) => [id, urls.get(id) ?? null, hashes.get(id) ?? null]),
      names: [...this.nameIndex()],
    };
  }

  /** Adds what a delta of the cache holds (see index-cache.ts): relation keys as lines. */
  merge(delta: LinkIndexDelta): void {
    for (const [id, label, type, aliases] of delta.entities) this.addEntity(id, label, type, aliases);
    for (const key of delta.relationKeys) {
      const [subject = "", type = "", object = "", event = ""] = key.split("\t");
      this.addRelation(subject, type, object, event);
    }
    for (const holder of delta.titles) this.addTitle(holder);
    for (const [event, dates] of delta.eventDates) for (const date of dates) this.addEventDate(event, date);
    for (const [id, url, hash] of delta.sources) this.addSource(id, url, hash);
  }

  static fromData(data: LinkIndexData): LinkIndex {
    const index = new LinkIndex();
    for (const type of data.relationTypes) index.addRelationType(type);
    for (const [id, kind] of data.nodeKinds) index.addNodeType(id, kind);
    for (const [id, label, type, aliases] of data.entities) index.addEntity(id, label, type, aliases);
    if (data.names) index.byFirstWord = new Map(data.names);
    index.sortedKeys = data.relationKeys;
    for (const holder of data.titles) index.addTitle(holder);
    for (const [event, dates] of data.eventDates) for (const date of dates) index.addEventDate(event, date);
    for (const [id, url, hash] of data.sources) index.addSource(id, url, hash);
    return index;
  }
}

/**
 * The offset of the first line of `text` (sorted lines, each ending in a newline) that is not less
 * than `prefix`, by bisection over character offsets.
 */
export function firstLineAtLeast(text: string, prefix: string): number {
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const lineStart = text.lastIndexOf("\n", middle - 1) + 1;
    const lineEnd = text.indexOf("\n", lineStart);
    if (text.slice(lineStart, lineEnd) < prefix) low = lineEnd + 1;
    else high = lineStart;
  }
  return low;
}

/** URLs compare without scheme, "www.", trailing slash or fragment. */
export function normaliseUrl(url: string): string {
  return url
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/^www\./i, "")
    .replace(/#.*$/, "")
    .replace(/\/+$/, "")
    .toLowerCase();
}
