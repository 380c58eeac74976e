/**
 * npm run bench [-- section ...]
 * Runs each benchmark section (all by default) and prints its tables. Sections compare ratios
 * within one run: these machines are noisy, so absolute numbers vary between runs.
 */
import { printTable, type Table } from "./lib/measure.ts";

type Section = () => Promise<Table[]>;

const SECTIONS: Record<string, () => Promise<Section>> = {
  api: async () => (await import("./api.ts")).benchApi,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`unknown section(s): ${unknown.join(", ")}; known: ${Object.keys(SECTIONS).join(", ")}`);
    process.exit(2);
  }
  for (const name of asked.length > 0 ? asked : Object.keys(SECTIONS)) {
    const section = await SECTIONS[name]!();
    for (const table of await section()) printTable(table);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
