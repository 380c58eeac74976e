/**
 * Distinct tokens, each with the fields (numbers) it occurs in, and a lookup of every token that
 * contains a given piece of text. The lookup scans one string holding all distinct tokens, each
 * between newlines, with indexOf: a few hundred kilobytes for a million claims, far less than the
 * fields themselves, and exact for any piece (prefix, suffix or middle of a token).
 */
export class TokenDictionary {
  private readonly postings = new Map<string, number[]>();
  /** "\n" + the tokens, newline-separated + "\n"; rebuilt when tokens were added since. */
  private haystack = "\n";
  /** Offset in the haystack where each token starts, ascending. */
  private starts = new Int32Array(0);
  private order: string[] = [];
  private stale = false;

  /** Records that `field` contains `token`. Fields are posted in ascending order. */
  post(token: string, field: number): void {
    const list = this.postings.get(token);
    if (!list) {
      this.postings.set(token, [field]);
      this.stale = true;
    } else if (list[list.length - 1] !== field) list.push(field);
  }

  /**
   * Copies every posting list to an array of exactly its length: lists grown by push keep room
   * for 17 or more, which for the many rare tokens was most of the index's memory. Called after a
   * bulk build; lists that grow later grow as usual.
   */
  trim(): void {
    for (const [token, list] of this.postings) if (list.length > 1) this.postings.set(token, list.slice());
  }

  clear(): void {
    this.postings.clear();
    this.stale = true;
  }

  entries(): IterableIterator<[string, number[]]> {
    return this.postings.entries();
  }

  /**
   * Fields having a token that contains `piece`, ascending, each once; undefined when they would
   * be more than `limit` (a piece like "a" is in nearly every field: scanning is then cheaper).
   */
  fieldsContaining(piece: string, limit: number): readonly number[] | undefined {
    const lists = this.tokensContaining(piece).map((token) => this.postings.get(token)!);
    let total = 0;
    for (const list of lists) total += list.length;
    if (total > limit) return undefined;
    if (lists.length === 1) return lists[0]!;
    const seen = new Set<number>();
    for (const list of lists) for (const field of list) seen.add(field);
    return [...seen].sort((a, b) => a - b);
  }

  private tokensContaining(piece: string): string[] {
    if (piece.includes("\n")) return [];
    this.refresh();
    const found: string[] = [];
    const { haystack, starts, order } = this;
    let at = haystack.indexOf(piece);
    while (at >= 0) {
      // The token holding this occurrence: the last one starting at or before it.
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid]! <= at) low = mid;
        else high = mid - 1;
      }
      const token = order[low]!;
      found.push(token);
      // On to the next token: one occurrence per token is enough.
      at = haystack.indexOf(piece, starts[low]! + token.length + 1);
    }
    return found;
  }

  private refresh(): void {
    if (!this.stale) return;
    this.order = [...this.postings.keys()];
    this.starts = new Int32Array(this.order.length);
    let offset = 1;
    this.order.forEach((token, index) => {
      this.starts[index] = offset;
      offset += token.length + 1;
    });
    this.haystack = `\n${this.order.join("\n")}\n`;
    this.stale = false;
  }
}
