import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import zlib, { type BrotliOptions, type ZlibOptions } from "node:zlib";
import type { Settings } from "../settings.ts";

/**
 * Response compression, negotiated by Accept-Encoding: Brotli when the client takes it, else gzip,
 * else none. Complete bodies (GraphQL answers, static files) are compressed off the main thread by
 * zlib's thread pool; streamed exports go through a compressing stream with backpressure, so a
 * download never piles up in memory. Already-compressed media (PNG, fonts) are sent as they are.
 */

export type Encoding = "br" | "gzip";
export type CompressionSettings = Settings["compression"];

/** Server preference when the client weighs both alike. */
const PREFERENCE: readonly Encoding[] = ["br", "gzip"];

/** The best encoding the client accepts, honouring q-values (q=0 refuses); null for none. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const weights = new Map<string, number>();
  for (const item of acceptEncoding.split(",")) {
    const [token = "", ...params] = item.split(";").map((part) => part.trim().toLowerCase());
    if (token === "") continue;
    const q = params.find((param) => param.startsWith("q="));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(token, Number.isFinite(weight) ? weight : 0);
  }
  let best: Encoding | null = null;
  let bestWeight = 0;
  for (const encoding of PREFERENCE) {
    const weight = weights.get(encoding) ?? weights.get("*") ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/** Media worth compressing: text, JSON, XML, scripts, CSV, SVG, WebAssembly and (stored) ZIPs. */
export function isCompressible(mediaType: string): boolean {
  return /^(text\/|application\/(json|javascript|xml|zip|wasm|gexf\+xml|graphml\+xml)|image\/svg\+xml)/.test(
    mediaType,
  );
}

const brotliOptions = (settings: CompressionSettings, sizeHint?: number): BrotliOptions => ({
  params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: settings.brotliQuality,
    ...(sizeHint ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint } : {}),
  },
});
const gzipOptions = (settings: CompressionSettings): ZlibOptions => ({ level: settings.gzipLevel });

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** A whole body, compressed in zlib's thread pool. */
export function compressBody(
  encoding: Encoding,
  body: Buffer,
  settings: CompressionSettings,
): Promise<Buffer> {
  return encoding === "br"
    ? brotli(body, brotliOptions(settings, body.length))
    : gzip(body, gzipOptions(settings));
}

/** A compressing stream for bodies written piece by piece. */
export function compressingStream(
  encoding: Encoding,
  settings: CompressionSettings,
): zlib.BrotliCompress | zlib.Gzip {
  return encoding === "br"
    ? zlib.createBrotliCompress(brotliOptions(settings))
    : zlib.createGzip(gzipOptions(settings));
}

/**
 * The encoding to use for this response, or null. Adds Vary: Accept-Encoding whenever the answer
 * could have differed, so caches keep the variants apart.
 */
export function negotiate(
  request: IncomingMessage,
  response: ServerResponse,
  mediaType: string,
  size?: number,
  settings?: CompressionSettings,
): Encoding | null {
  if (!isCompressible(mediaType)) return null;
  response.setHeader("vary", "Accept-Encoding");
  if (size !== undefined && settings && size < settings.minBytes) return null;
  return chooseEncoding(request.headers["accept-encoding"]);
}
