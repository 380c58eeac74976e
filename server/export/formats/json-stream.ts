/**
 * JSON written piece by piece, byte for byte what JSON.stringify writes for the whole value: the
 * JSON formats can then be streamed like the others, one node or relation at a time.
 */

/** `[item,item,…]`, each item as JSON. */
export function* jsonArray<T>(items: Iterable<T>, toJson: (item: T) => unknown): Generator<string> {
  yield "[";
  let separator = "";
  for (const item of items) {
    yield separator + JSON.stringify(toJson(item));
    separator = ",";
  }
  yield "]";
}

/** A JSON object whose members are plain values or streamed arrays, in the order given. */
export function* jsonObject(members: [key: string, value: unknown][]): Generator<string> {
  let separator = "{";
  for (const [key, value] of members) {
    yield `${separator}${JSON.stringify(key)}:`;
    if (isStreamed(value)) yield* value;
    else yield JSON.stringify(value);
    separator = ",";
  }
  yield separator === "{" ? "{}" : "}";
}

/** A member value that is itself JSON text being written (a jsonArray or jsonObject). */
export class Streamed implements Iterable<string> {
  constructor(private readonly pieces: () => Iterable<string>) {}
  [Symbol.iterator]() {
    return this.pieces()[Symbol.iterator]();
  }
}

const isStreamed = (value: unknown): value is Streamed => value instanceof Streamed;

export const streamed = (pieces: () => Iterable<string>) => new Streamed(pieces);
