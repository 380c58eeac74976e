import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/**
 * Who is asking, as far as writes are concerned: whether the request carries the write token,
 * the author name sent with it, whether it comes from another web origin, and the client address
 * rate limits count by. Reads need none of this.
 */
export interface Principal {
  token: "missing" | "invalid" | "valid";
  author: string | null;
  /** Why the author header was refused, when it was sent but is unusable. */
  authorProblem: string | null;
  /** The Origin header names another site than the one serving the API (a cross-site form or script). */
  crossOrigin: boolean;
  client: string;
}

export const AUTHOR_HEADER = "x-peacegraph-author";
const MAX_AUTHOR_CHARS = 100;

const digest = (text: string) => createHash("sha256").update(text).digest();

/** Compares in constant time, so response timing does not leak how much of a guess was right. */
function tokenMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function readAuthor(header: string | string[] | undefined): {
  author: string | null;
  problem: string | null;
} {
  if (header === undefined) return { author: null, problem: null };
  const raw = Array.isArray(header) ? header.join(",") : header;
  let author: string;
  try {
    author = decodeURIComponent(raw).trim();
  } catch {
    return { author: null, problem: "is not valid percent-encoded UTF-8" };
  }
  // Control characters (and line breaks) would forge lines in the journal and the logs.
  if (/\p{Cc}/u.test(author)) return { author: null, problem: "must not contain control characters" };
  if (author === "") return { author: null, problem: "is empty" };
  if ([...author].length > MAX_AUTHOR_CHARS)
    return { author: null, problem: `is longer than ${MAX_AUTHOR_CHARS} characters` };
  return { author, problem: null };
}

export function principalOf(request: IncomingMessage, writeToken: string | null): Principal {
  const authorization = request.headers.authorization ?? "";
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  const token =
    bearer === undefined
      ? "missing"
      : writeToken !== null && tokenMatches(bearer, writeToken)
        ? "valid"
        : "invalid";
  const { author, problem } = readAuthor(request.headers[AUTHOR_HEADER]);
  const origin = request.headers.origin;
  let crossOrigin = false;
  if (origin !== undefined && origin !== "null") {
    try {
      crossOrigin = new URL(origin).host !== request.headers.host;
    } catch {
      crossOrigin = true;
    }
  } else if (origin === "null") crossOrigin = true; // sandboxed frames and file: pages
  return {
    token,
    author,
    authorProblem: problem,
    crossOrigin,
    client: request.socket.remoteAddress ?? "unknown",
  };
}

/**
 * At most `perMinute` mutations per client in any minute: a bucket of that many tokens per client,
 * refilled continuously over a minute. Buckets of idle clients are forgotten.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token; returns 0 when allowed, else how many seconds until one is free. */
  take(client: string): number {
    const now = this.now();
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (this.buckets.size > 10_000) this.forgetIdle(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / rate / 1000);
  }

  private forgetIdle(now: number): void {
    for (const [client, bucket] of this.buckets) if (now - bucket.at > 60_000) this.buckets.delete(client);
  }
}
