/**
 * npm run bench [-- section ... [--option value ...]]
 * Runs each benchmark section (all by default) and prints its tables. Options after the section
 * names go to the sections (e.g. `npm run bench -- scale --sizes 1e3,1e4`). Sections compare ratios
 * within one run: these machines are noisy, so absolute numbers vary between runs.
 */
import "../server/production-env.ts";
import { printTable, type Table } from "./lib/measure.ts";

type Section = (options: string[]) => Promise<Table[]>;

const SECTIONS: Record<string, () => Promise<Section>> = {
  api: async () => (await import("./api.ts")).benchApi,
  export: async () => (await import("./export.ts")).benchExport,
  viewer: async () => (await import("./viewer.ts")).benchViewer,
  scale: async () => (await import("./scale.ts")).benchScale,
  ingest: async () => (await import("./ingest.ts")).benchIngest,
  write: async () => (await import("./write.ts")).benchWrite,
  cluster: async () => (await import("./cluster.ts")).benchCluster,
};

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const firstOption = args.findIndex((arg) => arg.startsWith("--"));
  const asked = firstOption < 0 ? args : args.slice(0, firstOption);
  const options = firstOption < 0 ? [] : args.slice(firstOption);
  const unknown = asked.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`unknown section(s): ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`);
    process.exit(2);
  }
  for (const name of asked.length > 0 ? asked : Object.keys(SECTIONS)) {
    const section = await SECTIONS[name]!();
    for (const table of await section(options)) printTable(table);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
