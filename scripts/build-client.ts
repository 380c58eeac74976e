/**
 * npm start builds the client only when its sources changed since the last build
 * (scripts/client-sources.ts); npm run build (--force) always builds. A restart on unchanged sources
 * then takes a second, not the ten of a build.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { buildState, clientPaths, sourceHash } from "./client-sources.ts";

async function main(): Promise<void> {
  const paths = clientPaths(path.resolve(import.meta.dirname, ".."));
  const force = process.argv.includes("--force");
  const hash = await sourceHash(paths);
  const state = await buildState(paths, hash);
  if (!force && state === "up to date") {
    console.log("Client is up to date: its sources have not changed since the last build.");
    return;
  }
  console.log(force ? "Building the client…" : `Building the client (${state})…`);
  // Loaded only to build: importing vite costs more than checking the sources.
  const { build } = await import("vite");
  await build({ configFile: path.join(paths.client, "vite.config.ts"), logLevel: force ? "info" : "warn" });
  await writeFile(paths.stamp, `${hash}\n`);
}

main().catch((error: unknown) => {
  console.error(`client build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
