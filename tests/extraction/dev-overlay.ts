import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

/** The extraction dev set: a graph-data overlay (sources, their gold claims, extra entities). */
export const DEV_SET = path.join(import.meta.dirname, "dev");
const GRAPH_DATA = path.resolve(import.meta.dirname, "../../graph-data");

/** The folders an overlay may add to; it never brings vocabularies of its own. */
export const OVERLAY_FOLDERS = ["sources", "entities", "claims"] as const;

/**
 * Copies graph-data and the dev overlay into one fresh folder, so the project's own loader reads
 * both together. Refuses a file the overlay would overwrite: the overlay adds, it never replaces.
 * The caller removes the folder when done with it.
 */
export async function mergeDevOverlay(graphData = GRAPH_DATA, overlay = DEV_SET): Promise<string> {
  const merged = await mkdtemp(path.join(tmpdir(), "peacegraph-dev-set-"));
  await cp(graphData, merged, { recursive: true });
  for (const folder of OVERLAY_FOLDERS) {
    const names = await readdir(path.join(overlay, folder));
    const taken = new Set(await readdir(path.join(merged, folder)));
    for (const name of names) {
      if (taken.has(name)) {
        await rm(merged, { recursive: true, force: true });
        throw new Error(`dev overlay ${folder}/${name} would replace graph-data's`);
      }
      await cp(path.join(overlay, folder, name), path.join(merged, folder, name));
    }
  }
  return merged;
}

/** The ids of the dev set's sources (the names of its .txt files). */
export async function devSourceIds(overlay = DEV_SET): Promise<string[]> {
  const names = await readdir(path.join(overlay, "sources"));
  return names.filter((name) => name.endsWith(".txt")).map((name) => name.slice(0, -".txt".length));
}
