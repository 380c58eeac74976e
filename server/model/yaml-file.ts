import { isMap, isNode, isScalar, LineCounter, parseDocument, visit } from "yaml";
import { formatPath, type Problem } from "./problems.ts";
import { readTextFile } from "./text-file.ts";

export type DocumentPath = readonly (string | number)[];

/** Something that can say where a value is: a YAML file, one claim in it, or one JSON line. */
export interface ProblemLocator {
  /** The file, as shown in problems. */
  file: string;
  /** A problem located at `path`, or at the nearest enclosing value that exists. */
  problemAt(path: DocumentPath, message: string): Problem;
}

/** A parsed YAML file that can point back at the line of any value in it. */
export interface YamlFile extends ProblemLocator {
  data: unknown;
  /** The line of each key of the map at `path`, found in one pass. */
  keyLines(path: DocumentPath): Map<string, number>;
}

/**
 * Reads one YAML file. Syntax errors (including duplicate keys, which is how a duplicate id
 * inside one file shows up) become problems; `data` is then undefined so no half-read file is used.
 */
export async function readYamlFile(
  absolutePath: string,
  displayPath: string,
): Promise<{
  yaml?: YamlFile;
  problems: Problem[];
}> {
  const read = await readTextFile(absolutePath);
  if ("problem" in read) return { problems: [{ file: displayPath, message: read.problem }] };
  return parseYaml(read.text, displayPath);
}

/** The key written at an offset: up to the colon, without quotes. */
const keyAt = (text: string, offset: number) =>
  (/^[^:\n]*/.exec(text.slice(offset))?.[0] ?? "").trim().replace(/^["']|["']$/g, "");

export function parseYaml(text: string, displayPath: string): { yaml?: YamlFile; problems: Problem[] } {
  const lineCounter = new LineCounter();
  // Duplicate keys are found below in one pass per map: the library's own check compares each key
  // with every earlier one, which is quadratic in the size of a map (a claims file of 20,000 claims).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: true });
  const problems: Problem[] = doc.errors.map((error) => {
    const position = error.linePos?.[0];
    const firstLine = (error.message.split("\n")[0] ?? error.message).replace(
      / at line \d+, column \d+:?$/,
      "",
    );
    const reason =
      error.code === "DUPLICATE_KEY"
        ? `duplicate key ${JSON.stringify(keyAt(text, error.pos[0]))}: ids and keys must be unique`
        : `malformed YAML: ${firstLine}`;
    return {
      file: displayPath,
      ...(position ? { line: position.line, column: position.col } : {}),
      message: reason,
    };
  });
  // A duplicate key leaves the rest of the file readable: keep it, so one slip does not hide the
  // whole file from the checks that follow. Any other error makes the content untrustworthy.
  if (doc.errors.some((error) => error.code !== "DUPLICATE_KEY")) return { problems };
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const position = pair.key.range ? lineCounter.linePos(pair.key.range[0]) : undefined;
        problems.push({
          file: displayPath,
          ...(position ? { line: position.line, column: position.col } : {}),
          message: `duplicate key ${JSON.stringify(key)}: ids and keys must be unique`,
        });
      }
    },
  });
  const keyNode = (path: DocumentPath) => {
    const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find(
      (item) => isScalar(item.key) && String(item.key.value) === String(path.at(-1)),
    );
    return isScalar(pair?.key) ? pair.key : undefined;
  };
  const problemAt = (path: DocumentPath, message: string): Problem => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        // A whole entry (a map or list) is pointed at by its key; a single value by the value.
        const key = isScalar(node) || depth === 0 ? undefined : keyNode(path.slice(0, depth));
        const { line, col } = lineCounter.linePos((key ?? node).range?.[0] ?? node.range[0]);
        return { file: displayPath, line, column: col, path: formatPath(path), message };
      }
    }
    return { file: displayPath, path: formatPath(path), message };
  };
  const keyLines = (path: DocumentPath): Map<string, number> => {
    const lines = new Map<string, number>();
    const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
    if (!isMap(map)) return lines;
    for (const pair of map.items) {
      if (isScalar(pair.key) && pair.key.range) {
        lines.set(String(pair.key.value), lineCounter.linePos(pair.key.range[0]).line);
      }
    }
    return lines;
  };
  return { yaml: { file: displayPath, data: doc.toJS(), problemAt, keyLines }, problems };
}
