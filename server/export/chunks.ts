import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Writers yield one small string per element; these helpers turn that into something a server can
 * send without holding the file: chunks of about 64 KB, handed out in time slices so the event loop
 * keeps answering other requests between them.
 */

export const CHUNK_CHARS = 65_536;

/**
 * Joins small pieces into chunks of about `size` characters. Joining early also lets the many small
 * strings die young, which keeps the garbage collector cheap.
 */
export function* chunked(pieces: Iterable<string>, size = CHUNK_CHARS): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    pending.push(piece);
    length += piece.length;
    if (length >= size) {
      yield pending.join("");
      pending = [];
      length = 0;
    }
  }
  if (length > 0) yield pending.join("");
}

/**
 * The same items, asynchronously: after every `sliceMs` of synchronous work the generator waits for
 * the next turn of the event loop, so a whole-graph export never blocks /health for longer than that.
 */
export async function* paced<T>(items: Iterable<T>, sliceMs: number): AsyncGenerator<T> {
  let sliceStart = performance.now();
  for (const item of items) {
    yield item;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** Every chunk joined into one string: for small results and tests, never for a server response. */
export const joinChunks = (chunks: Iterable<string>) => [...chunks].join("");
