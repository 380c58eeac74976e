import type { Problem } from "./problems.ts";
import { sourceFileSchema } from "./schemas.ts";
import type { Source } from "./types.ts";
import type { ProblemLocator, YamlFile } from "./yaml-file.ts";
import { zodProblems } from "./zod-problems.ts";

/**
 * One source from its metadata (a sources/<id>.yaml file, or a line of sources/*.jsonl less its id)
 * and its verbatim text from `<id>.txt`.
 */
export function readSourceMetadata(
  id: string,
  data: unknown,
  where: ProblemLocator,
  text: string,
  problems: Problem[],
): Source | undefined {
  const parsed = sourceFileSchema.safeParse(data);
  if (!parsed.success) {
    problems.push(...zodProblems(where, parsed.error));
    return undefined;
  }
  const meta = parsed.data;
  return {
    id,
    title: meta.title,
    outlet: meta.outlet,
    url: meta.url,
    published: meta.published,
    author: meta.author,
    language: meta.language,
    added: meta.added,
    note: meta.note ?? null,
    text,
    file: where.file,
  };
}

/** One source: metadata from `<id>.yaml`, verbatim text from `<id>.txt`. */
export function readSource(
  id: string,
  yaml: YamlFile,
  text: string,
  problems: Problem[],
): Source | undefined {
  return readSourceMetadata(id, yaml.data, yaml, text, problems);
}
