/**
 * The link index of a large folder, cached. Reading a million claims takes seconds; the index they
 * boil down to loads in a fraction of that. The cache is derived state, keyed by a fingerprint of
 * graph-data (every file's name, size and modification time), so any edit outside ingestion makes
 * it stale and it is rebuilt; ingestion itself updates it after writing.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { LinkIndex, type LinkIndexData } from "./link-index.ts";
import { readLinkIndex } from "./read-link-index.ts";

/** Bump when the index's content or format changes, so older caches are ignored. */
const INDEX_VERSION = 3;
const FOLDERS = ["vocabulary", "entities", "claims", "sources"];

interface CacheFile {
  version: number;
  dataDir: string;
  fingerprint: string;
  index: LinkIndexData;
}

/**
 * A hash of the name, size and modification time of every file the index reads, and of each
 * folder itself (a folder's time changes when a file is added, removed or renamed). Source texts
 * (sources/*.txt) are verbatim and never edited, so only their folder is stat'ed: at a million
 * claims that is twenty thousand fewer calls. Synchronous stat is several times faster here than
 * thousands of concurrent promises.
 */
export function fingerprint(dataDir: string): string {
  const hash = createHash("sha1");
  for (const folder of FOLDERS) {
    const dir = path.join(dataDir, folder);
    if (!existsSync(dir)) continue;
    const folderStat = statSync(dir);
    hash.update(`${folder}\0${folderStat.mtimeMs}\n`);
    for (const name of readdirSync(dir).sort()) {
      if (name.endsWith(".txt")) continue;
      const fileStat = statSync(path.join(dir, name));
      hash.update(`${folder}/${name}\0${fileStat.size}\0${fileStat.mtimeMs}\n`);
    }
  }
  return hash.digest("hex");
}

const cacheFileFor = (cacheDir: string, dataDir: string) =>
  path.join(cacheDir, `${createHash("sha1").update(path.resolve(dataDir)).digest("hex").slice(0, 16)}.json`);

export interface CachedIndex {
  index: LinkIndex;
  /** Whether it came from the cache (true) or was read from graph-data (false). */
  cached: boolean;
}

/** The folder's index: from the cache when graph-data is unchanged, else read and cached. */
export async function loadLinkIndex(dataDir: string, cacheDir: string | null): Promise<CachedIndex> {
  if (cacheDir === null) return { index: await readLinkIndex([dataDir]), cached: false };
  const file = cacheFileFor(cacheDir, dataDir);
  const current = fingerprint(dataDir);
  try {
    const cache = JSON.parse(await readFile(file, "utf8")) as CacheFile;
    if (cache.version === INDEX_VERSION && cache.fingerprint === current)
      return { index: LinkIndex.fromData(cache.index), cached: true };
  } catch {
    // no cache yet, or an unreadable one: rebuild
  }
  const index = await readLinkIndex([dataDir]);
  await saveLinkIndex(index, dataDir, cacheDir, current);
  return { index, cached: false };
}

/** Writes the index for the folder's current state (call after ingestion has written its files). */
export async function saveLinkIndex(
  index: LinkIndex,
  dataDir: string,
  cacheDir: string,
  print?: string,
): Promise<void> {
  const cache: CacheFile = {
    version: INDEX_VERSION,
    dataDir: path.resolve(dataDir),
    fingerprint: print ?? fingerprint(dataDir),
    index: index.toData(),
  };
  await mkdir(cacheDir, { recursive: true });
  const file = cacheFileFor(cacheDir, dataDir);
  // Write then rename: a reader never sees half a cache.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(cache));
  await rename(temporary, file);
}
