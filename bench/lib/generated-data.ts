import path from "node:path";
import { generateGraphData, GENERATOR_VERSION, readManifest } from "../../scripts/synthetic/generate.ts";

/** Generated graph-data of one size under `root`, reused when an identical tree is already there. */
export async function generatedData(
  root: string,
  claims: number,
  seed: number,
): Promise<{ dir: string; ms: number | null }> {
  const dir = path.join(root, `claims-${claims}-seed-${seed}`);
  const manifest = readManifest(dir);
  if (manifest?.generator === GENERATOR_VERSION && manifest.claims === claims && manifest.seed === seed) {
    return { dir, ms: null };
  }
  const started = performance.now();
  generateGraphData({ claims, seed, out: dir });
  return { dir, ms: performance.now() - started };
}
