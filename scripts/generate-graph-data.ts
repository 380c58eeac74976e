/**
 * npm run generate -- --claims 100000 --seed 1 --out /tmp/graph-100k
 * Writes a valid synthetic graph-data tree of exactly that many claims (JSON Lines; see
 * graph-data/README.md). The same seed gives the same bytes. Sizes may be written 1e5.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { generateGraphData } from "./synthetic/generate.ts";

const { values } = parseArgs({
  options: {
    claims: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
  },
});

const claims = Number(values.claims);
const seed = Number(values.seed);
if (!values.out || !Number.isInteger(claims) || claims < 1 || !Number.isInteger(seed)) {
  console.error(
    "usage: npm run generate -- --claims N --seed S --out DIR   (N a positive whole number, e.g. 1e5)",
  );
  process.exit(2);
}
const out = path.resolve(values.out);
const started = performance.now();
try {
  const summary = generateGraphData({ claims, seed, out });
  console.log(
    `Wrote ${summary.claims} claims (${summary.relationClaims} relation, ${summary.attributeClaims} date), ` +
      `${summary.entities} entities (${summary.actors} actors, ${summary.events} events, ${summary.places} places) ` +
      `and ${summary.sources} sources to ${out} in ${Math.round(performance.now() - started)} ms.`,
  );
} catch (error) {
  console.error(`generate failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
