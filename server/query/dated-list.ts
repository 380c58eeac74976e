import type { Relation } from "../graph/types.ts";
import type { DateValue } from "../model/dates.ts";

/** A day, YYYY-MM-DD, as a number that sorts like it: YYYYMMDD. */
export const dayKey = (day: string) =>
  Number(day.slice(0, 4)) * 10_000 + Number(day.slice(5, 7)) * 100 + Number(day.slice(8, 10));

/** The last day a date covers, as a day key; -1 when undated. */
export const endKey = (date: DateValue | null) => (date ? dayKey(date.end) : -1);

/**
 * Relations sorted by the last day their date covers, undated first, each with that day kept beside
 * it as a number. "Dated from D on" is then a binary search and a walk over exactly the relations
 * whose date ends on or after D: at a million claims a relation read from memory costs about a
 * microsecond, so a filter must not read those it will not return.
 */
export class DatedList {
  private readonly relations: Relation[] = [];
  private readonly keys: number[] = [];

  static of(relations: readonly Relation[]): DatedList {
    const list = new DatedList();
    const keyed = relations.map((relation) => ({ relation, key: endKey(relation.date) }));
    keyed.sort((a, b) => a.key - b.key);
    for (const { relation, key } of keyed) {
      list.relations.push(relation);
      list.keys.push(key);
    }
    return list;
  }

  get size(): number {
    return this.relations.length;
  }

  add(relation: Relation): void {
    const key = endKey(relation.date);
    const at = this.firstAtOrAfter(key + 1);
    this.relations.splice(at, 0, relation);
    this.keys.splice(at, 0, key);
  }

  /** Takes a relation out, found by identity (its date may have changed since it was added). */
  remove(relation: Relation): boolean {
    const at = this.relations.lastIndexOf(relation);
    if (at < 0) return false;
    this.relations.splice(at, 1);
    this.keys.splice(at, 1);
    return true;
  }

  /** How many relations have a date ending on or after `from` (a key; -1 counts undated ones too). */
  countFrom(from: number): number {
    return this.relations.length - this.firstAtOrAfter(from);
  }

  forEachFrom(from: number, visit: (relation: Relation) => void): void {
    for (let at = this.firstAtOrAfter(from); at < this.relations.length; at++) visit(this.relations[at]!);
  }

  all(): readonly Relation[] {
    return this.relations;
  }

  private firstAtOrAfter(key: number): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.keys[mid]! < key) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
