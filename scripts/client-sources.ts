import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Whether the built client is up to date with its sources: every file under client/ (but dist/),
 * the files outside client/ that they import (followed through relative imports), and
 * package-lock.json (the libraries bundled in). Their hash is kept in client/dist/.source-hash.
 */

const SOURCE_EXTENSIONS = /\.(ts|tsx|js|mjs|css|html|json)$/;
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

export interface ClientPaths {
  root: string;
  client: string;
  dist: string;
  stamp: string;
  /** The pages a build writes; both must exist for the client to count as built. */
  built: string[];
}

export function clientPaths(root: string): ClientPaths {
  const client = path.join(root, "client");
  const dist = path.join(client, "dist");
  return {
    root,
    client,
    dist,
    stamp: path.join(dist, ".source-hash"),
    built: [path.join(dist, "index.html"), path.join(dist, "graphiql", "index.html")],
  };
}

async function filesUnder(dir: string, skip: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== skip && entry.name !== "node_modules") files.push(...(await filesUnder(full, skip)));
    } else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** Every source file, including those outside client/ that client code imports, transitively. */
export async function sourceFiles(paths: ClientPaths): Promise<string[]> {
  const found = new Set(await filesUnder(paths.client, paths.dist));
  const lock = path.join(paths.root, "package-lock.json");
  if (existsSync(lock)) found.add(lock);
  const queue = [...found].filter((file) => SOURCE_EXTENSIONS.test(file));
  while (queue.length > 0) {
    const file = queue.pop()!;
    const text = await readFile(file, "utf8");
    for (const [, specifier] of text.matchAll(RELATIVE_IMPORT)) {
      const target = path.resolve(path.dirname(file), specifier!);
      if (!found.has(target) && existsSync(target)) {
        found.add(target);
        if (SOURCE_EXTENSIONS.test(target)) queue.push(target);
      }
    }
  }
  return [...found].sort();
}

/** A hash of the sources' names and contents: touching a file without changing it changes nothing. */
export async function sourceHash(paths: ClientPaths): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await sourceFiles(paths)) {
    hash
      .update(path.relative(paths.root, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex");
}

export type BuildState = "up to date" | "not built yet" | "sources changed";

export async function buildState(paths: ClientPaths, hash: string): Promise<BuildState> {
  if (!paths.built.every((file) => existsSync(file))) return "not built yet";
  const previous = existsSync(paths.stamp) ? (await readFile(paths.stamp, "utf8")).trim() : null;
  return previous === hash ? "up to date" : "sources changed";
}
