import { readFile, stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import type { Settings } from "../settings.ts";
import { compressBody, negotiate, type Encoding } from "./compression.ts";
import { applyPagePolicy } from "./security-headers.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
  ".map": "application/json; charset=utf-8",
};

/**
 * Compressed copies of the built client's files, made on first request and kept: the files are a
 * few megabytes in all and never change while the server runs (a rebuild changes their names, or
 * their modification time, which is part of the key).
 */
const compressedCache = new Map<string, Promise<Buffer>>();

function compressedFile(
  file: string,
  mtimeMs: number,
  encoding: Encoding,
  content: Buffer,
  settings: Settings,
) {
  const key = `${encoding}:${mtimeMs}:${file}`;
  let compressed = compressedCache.get(key);
  if (!compressed) {
    compressed = compressBody(encoding, content, settings.compression);
    compressedCache.set(key, compressed);
  }
  return compressed;
}

/**
 * Serves a file from `root` if `urlPath` names one inside it. Returns false when there is none, so the
 * caller can answer 404. Hashed assets are cached for a year; HTML never is, and gets the page policy.
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  request: IncomingMessage,
  response: ServerResponse,
  settings: Settings,
): Promise<boolean> {
  let relative: string;
  try {
    relative = decodeURIComponent(urlPath);
  } catch {
    return false;
  }
  const file = path.resolve(root, `.${path.posix.normalize(`/${relative}`)}`);
  if (file !== root && !file.startsWith(root + path.sep)) return false;
  let mtimeMs: number;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) return false;
    mtimeMs = stats.mtimeMs;
  } catch {
    return false;
  }
  const extension = path.extname(file);
  const mediaType = CONTENT_TYPES[extension] ?? "application/octet-stream";
  let content: Buffer = await readFile(file);
  const encoding = negotiate(request, response, mediaType, content.length, settings.compression);
  if (encoding) content = await compressedFile(file, mtimeMs, encoding, content, settings);
  if (extension === ".html") applyPagePolicy(response);
  response.writeHead(200, {
    "content-type": mediaType,
    "content-length": String(content.length),
    "cache-control": extension === ".html" ? "no-cache" : "public, max-age=31536000, immutable",
    ...(encoding ? { "content-encoding": encoding } : {}),
  });
  response.end(content);
  return true;
}
