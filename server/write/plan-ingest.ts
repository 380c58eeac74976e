import { extractArticle, type Extractor } from "../ingest/extract.ts";
import { checkDate, checkNotDuplicate, IngestError, readArticleBytes } from "../ingest/input-checks.ts";
import type { ExtractionResult } from "../ingest/types.ts";
import { InvalidArgument } from "../query/invalid-argument.ts";
import type { ChangeSet, JsonRecord } from "../store/types.ts";

/**
 * An article to read: its text and what is known about it. The text is checked as the ingest CLI
 * checks a file (no binary content, not empty), with the size limit of this server; every refusal
 * names the input field it concerns.
 */
export interface ArticleInput {
  text: string;
  url?: string | null;
  title?: string | null;
  outlet?: string | null;
  author?: string | null;
  published?: string | null;
}

const field = (name: string) => `input.${name}`;

/** Runs an ingest check, naming `name` in the refusal instead of the CLI's option. */
function checked<T>(name: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof IngestError)
      throw new InvalidArgument(field(name), error.message.replace(/^(--\S+|text|input\.\S+): /, ""));
    throw error;
  }
}

function checkUrl(value: string | null): string | null {
  if (value === null) return null;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:"))
    throw new InvalidArgument(field("url"), `"${value}" is not an http(s) URL`);
  return value;
}

/** Optional one-line metadata: trimmed, null when blank, refused when it runs past `max`. */
function line(name: string, value: string | null | undefined, max: number): string | null {
  const text = value?.trim() ?? "";
  if (text === "") return null;
  if (text.length > max || /[\r\n]/.test(text))
    throw new InvalidArgument(field(name), `must be one line of at most ${max} characters`);
  return text;
}

/**
 * What the extractor proposes for the article, as one change set: the source with its verbatim
 * text, the proposed entities, and the claims awaiting review. Nothing is written here.
 */
export function planIngest(
  input: ArticleInput,
  extractor: Extractor,
  limits: { maxArticleChars: number },
  today: string,
): { changeSet: ChangeSet; result: ExtractionResult } {
  if (input.text.length > limits.maxArticleChars)
    throw new InvalidArgument(
      field("text"),
      `${input.text.length.toLocaleString("en")} characters is over this server's limit of ${limits.maxArticleChars.toLocaleString("en")}`,
    );
  const text = checked("text", () =>
    readArticleBytes(Buffer.from(input.text, "utf8"), Number.MAX_SAFE_INTEGER, "text"),
  );
  const url = checkUrl(line("url", input.url, 2_000));
  const published = checked("published", () =>
    checkDate(line("published", input.published, 40), "published"),
  );
  checked(url ? "url" : "text", () => checkNotDuplicate(text, url, extractor.index));
  const meta = {
    id: null,
    url,
    published,
    title: line("title", input.title, 500),
    outlet: line("outlet", input.outlet, 200),
    author: line("author", input.author, 200),
    added: today,
  };
  const result = extractArticle(text, meta, extractor);
  const record = (value: object) => value as JsonRecord;
  return {
    result,
    changeSet: {
      action: { kind: "ingestSource", source: result.source.id },
      changes: [
        { op: "add", kind: "source", record: record(result.source), text: result.text },
        ...result.entities.map((entity) => ({
          op: "add" as const,
          kind: "entity" as const,
          record: record(entity),
        })),
        ...result.claims.map((claim) => ({
          op: "add" as const,
          kind: "claim" as const,
          record: record(claim),
        })),
      ],
    },
  };
}
