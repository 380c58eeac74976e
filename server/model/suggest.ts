/**
 * "Did you mean": the known name closest to a misspelt one, by edit distance (insertions,
 * deletions, substitutions and swaps of neighbours), ignoring case. Only close matches are offered:
 * at most a quarter of the name's length in edits (at least 2), so "armena" finds "armenia" and
 * "atlantis" finds nothing.
 */

/** Edit distance, or Infinity as soon as it must exceed `limit` (a banded computation). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, before[j - 2]! + 1);
      current[j] = value;
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return Infinity;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]! <= limit ? previous[b.length]! : Infinity;
}

/** The closest known name, when one is close enough; ties go to the first in `known`. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  const wanted = name.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = editDistance(wanted, candidate.toLowerCase(), Math.min(limit, bestDistance - 1));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      if (distance === 0) break;
    }
  }
  return best;
}

/**
 * Suggestions for one load: at most `budget` searches among entity ids, which can number a million,
 * so a file full of dangling references cannot make validation slow; the vocabularies are small and
 * always searched.
 */
export class Suggestions {
  constructor(private budget = 50) {}

  /** `; did you mean "x"?`, or "" when nothing is close (or the budget is spent). */
  hint(name: string, known: Iterable<string>, large = false): string {
    if (large) {
      if (this.budget <= 0) return "";
      this.budget--;
    }
    const found = closestName(name, known);
    return found === undefined ? "" : `; did you mean "${found}"?`;
  }
}
