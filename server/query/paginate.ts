import { InvalidArgument, checkRange } from "./invalid-argument.ts";

export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  items: { cursor: string; node: T }[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: number;
}

const PREFIX = "offset:";
const encode = (offset: number) => Buffer.from(`${PREFIX}${offset}`).toString("base64url");

function decode(cursor: string): number {
  const text = Buffer.from(cursor, "base64url").toString();
  const offset = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !Number.isInteger(offset) || offset < 0) {
    throw new InvalidArgument("after", "is not a cursor from this API");
  }
  return offset;
}

/** A Relay page over an already sorted list. Cursors are opaque offsets into that order. */
export function paginate<T>(
  items: readonly T[],
  first: number | null | undefined,
  after: string | null | undefined,
): Page<T> {
  const size = checkRange("first", first ?? 20, 1, MAX_PAGE_SIZE);
  const start = after ? decode(after) + 1 : 0;
  const slice = items.slice(start, start + size);
  return {
    items: slice.map((node, index) => ({ cursor: encode(start + index), node })),
    hasNextPage: start + size < items.length,
    hasPreviousPage: start > 0,
    totalCount: items.length,
  };
}
