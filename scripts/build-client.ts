/**
 * npm start builds the client only when its sources changed since the last build; npm run build
 * (--force) always builds. The sources are every file under client/ (but dist/), the files outside
 * client/ that they import (followed through relative imports), and package-lock.json (the
 * libraries bundled in). Their hash is kept in client/dist/.source-hash after each build.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLIENT = path.join(ROOT, "client");
const DIST = path.join(CLIENT, "dist");
const STAMP = path.join(DIST, ".source-hash");
const BUILT = [path.join(DIST, "index.html"), path.join(DIST, "graphiql", "index.html")];
const SOURCE_EXTENSIONS = /\.(ts|tsx|js|mjs|css|html|json)$/;
const RELATIVE_IMPORT = /(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== DIST && entry.name !== "node_modules") files.push(...(await filesUnder(full)));
    } else if (entry.isFile()) files.push(full);
  }
  return files;
}

/** Every source file, including those outside client/ that client code imports, transitively. */
async function sourceFiles(): Promise<string[]> {
  const found = new Set(await filesUnder(CLIENT));
  found.add(path.join(ROOT, "package-lock.json"));
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

async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of await sourceFiles()) {
    hash
      .update(path.relative(ROOT, file))
      .update("\0")
      .update(await readFile(file))
      .update("\0");
  }
  return hash.digest("hex");
}

async function main(): Promise<void> {
  const force = process.argv.includes("--force");
  const hash = await sourceHash();
  const built = BUILT.every((file) => existsSync(file));
  const previous = existsSync(STAMP) ? (await readFile(STAMP, "utf8")).trim() : null;
  if (!force && built && previous === hash) {
    console.log("Client is up to date: its sources have not changed since the last build.");
    return;
  }
  const reason = force ? "" : !built ? " (not built yet)" : " (its sources changed)";
  console.log(`Building the client${reason}…`);
  // Loaded only to build: importing vite costs more than checking the sources.
  const { build } = await import("vite");
  await build({ configFile: path.join(CLIENT, "vite.config.ts"), logLevel: force ? "info" : "warn" });
  await writeFile(STAMP, `${hash}\n`);
}

main().catch((error: unknown) => {
  console.error(`client build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
