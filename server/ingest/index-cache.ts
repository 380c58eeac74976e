/**
 * The link index of a large folder, cached. Reading a million claims takes seconds; the index they
 * boil down to loads in a fraction of that. The cache is derived state, keyed by a fingerprint of
 * graph-data (every file's name, size and modification time), so any edit outside ingestion makes
 * it stale and it is rebuilt; ingestion itself updates it after writing.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdirSync, statSync } from "node:fs";
import { appendFile, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { LinkIndex, type LinkIndexData, type LinkIndexDelta } from "./link-index.ts";
import { readLinkIndex } from "./read-link-index.ts";

/** Bump when the index's content or format changes, so older caches are ignored. */
const INDEX_VERSION = 5;
const FOLDERS = ["vocabulary", "entities", "claims", "sources"];

/** The cache: this JSON, and the relation keys beside it as plain sorted lines (<name>.keys.txt). */
interface CacheFile {
  version: number;
  dataDir: string;
  fingerprint: string;
  index: Omit<LinkIndexData, "relationKeys">;
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
  /** The fingerprint of graph-data the index describes (pass it to recordDelta after writing). */
  fingerprint: string;
}

/** Deltas appended since the base cache was written; past this many, the base is rewritten. */
const MAX_DELTAS = 50;

interface DeltaLine {
  version: number;
  from: string;
  to: string;
  delta: LinkIndexDelta;
}

const deltasFileFor = (file: string) => `${file.slice(0, -".json".length)}.deltas.jsonl`;
// Half a million keys as JSON would be escaped tabs and newlines to unescape; as text they are read as is.
const keysFileFor = (file: string) => `${file.slice(0, -".json".length)}.keys.txt`;

async function readDeltas(file: string): Promise<DeltaLine[]> {
  try {
    return (await readFile(deltasFileFor(file), "utf8"))
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as DeltaLine);
  } catch {
    return [];
  }
}

/**
 * The folder's index: from the cache when graph-data is unchanged since it was written (the base
 * file plus the deltas later ingestions appended), else read from graph-data and cached afresh.
 */
export async function loadLinkIndex(dataDir: string, cacheDir: string | null): Promise<CachedIndex> {
  const current = fingerprint(dataDir);
  if (cacheDir === null)
    return { index: await readLinkIndex([dataDir]), cached: false, fingerprint: current };
  const file = cacheFileFor(cacheDir, dataDir);
  try {
    const cache = JSON.parse(await readFile(file, "utf8")) as CacheFile;
    if (cache.version === INDEX_VERSION) {
      const relationKeys = await readFile(keysFileFor(file), "utf8");
      const index = LinkIndex.fromData({ ...cache.index, relationKeys });
      let print = cache.fingerprint;
      for (const line of await readDeltas(file)) {
        if (line.version !== INDEX_VERSION || line.from !== print) continue;
        index.merge(line.delta);
        print = line.to;
      }
      if (print === current) return { index, cached: true, fingerprint: current };
    }
  } catch {
    // no cache yet, or an unreadable one: rebuild
  }
  const index = await readLinkIndex([dataDir]);
  await saveLinkIndex(index, dataDir, cacheDir, current);
  return { index, cached: false, fingerprint: current };
}

/** Writes the whole index for the folder's current state, and drops the deltas it includes. */
export async function saveLinkIndex(
  index: LinkIndex,
  dataDir: string,
  cacheDir: string,
  print?: string,
): Promise<void> {
  const { relationKeys, ...rest } = index.toData();
  const cache: CacheFile = {
    version: INDEX_VERSION,
    dataDir: path.resolve(dataDir),
    fingerprint: print ?? fingerprint(dataDir),
    index: rest,
  };
  await mkdir(cacheDir, { recursive: true });
  const file = cacheFileFor(cacheDir, dataDir);
  // Write then rename, the keys first: a reader never sees half a cache, nor a cache without its keys.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(`${temporary}.keys`, relationKeys);
  await rename(`${temporary}.keys`, keysFileFor(file));
  await writeFile(temporary, JSON.stringify(cache));
  await rename(temporary, file);
  await rm(deltasFileFor(file), { force: true });
}

/**
 * Records what an ingestion added, after it wrote its files: one line appended to the deltas, not a
 * rewrite of an index that may be tens of megabytes. `from` is the fingerprint the index was loaded
 * at. Every MAX_DELTAS lines the base is rewritten whole.
 */
export async function recordDelta(
  index: LinkIndex,
  delta: LinkIndexDelta,
  dataDir: string,
  cacheDir: string,
  from: string,
): Promise<void> {
  const file = cacheFileFor(cacheDir, dataDir);
  const deltas = await readDeltas(file);
  if (!existsSync(file) || deltas.length >= MAX_DELTAS) return saveLinkIndex(index, dataDir, cacheDir);
  const line: DeltaLine = { version: INDEX_VERSION, from, to: fingerprint(dataDir), delta };
  await appendFile(deltasFileFor(file), `${JSON.stringify(line)}\n`);
}
