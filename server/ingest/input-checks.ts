/**
 * What ingestion refuses, each with one line that says what and where: an empty or binary file,
 * text over the size limit, an impossible date or a malformed URL or id, and an article already in
 * the graph (same URL or same text), naming the source that has it.
 */
import { parseDate } from "../model/dates.ts";
import { ENTITY_ID } from "../model/schemas.ts";
import { normaliseUrl, textHash, type LinkIndex } from "./link-index.ts";

/** Bad input: the message is the whole story, shown as one line. */
export class IngestError extends Error {
  override name = "IngestError";
}

/** The article's text from its bytes, or an IngestError saying why it cannot be ingested. */
export function readArticleBytes(bytes: Uint8Array, maxBytes: number, where: string): string {
  if (bytes.length > maxBytes)
    throw new IngestError(
      `${where}: ${bytes.length.toLocaleString("en")} bytes is over the limit of ${maxBytes.toLocaleString("en")} bytes`,
    );
  if (bytes.includes(0))
    throw new IngestError(`${where}: binary file (it contains NUL bytes); give plain UTF-8 text`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError(`${where}: not UTF-8 text; convert it to UTF-8 first`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Control characters other than tab, newline and carriage return mean a binary format.
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      const hex = code.toString(16).padStart(4, "0").toUpperCase();
      throw new IngestError(`${where}: binary content (control character U+${hex} at offset ${at})`);
    }
  }
  if (text.trim() === "") throw new IngestError(`${where}: empty article: there is no text to read`);
  return text;
}

/** A metadata date must be a real one: "2023-02-30" is refused, saying why. */
export function checkDate(value: string | null, option: string): string | null {
  if (value === null) return null;
  const parsed = parseDate(value);
  if (typeof parsed === "string") throw new IngestError(`${option}: ${parsed}`);
  if (parsed.text.includes("/")) throw new IngestError(`${option}: give one date, not an interval`);
  return parsed.text;
}

export function checkUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("scheme");
    return value;
  } catch {
    throw new IngestError(`--url: "${value}" is not an http(s) URL`);
  }
}

export function checkSourceId(value: string | null, index: LinkIndex): string | null {
  if (value === null) return null;
  if (!ENTITY_ID.test(value))
    throw new IngestError(`--id: "${value}" must be lower-case words joined by hyphens, like bnn-2023-12-29`);
  if (index.sourceIds.has(value))
    throw new IngestError(`--id: source "${value}" already exists; choose another id`);
  return value;
}

/** Refuses an article the graph already has, by URL or by text, naming that source. */
export function checkNotDuplicate(text: string, url: string | null, index: LinkIndex): void {
  if (url) {
    const existing = index.sourceByUrl.get(normaliseUrl(url));
    if (existing) throw new IngestError(`duplicate: source "${existing}" already has the URL ${url}`);
  }
  const existing = index.sourceByTextHash.get(textHash(text));
  if (existing) throw new IngestError(`duplicate: source "${existing}" already has this text`);
}
