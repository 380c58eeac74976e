import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../helpers/fixture.ts";

/**
 * `npm install` on the Node version the project declares prints no EBADENGINE warning: every package
 * the lockfile installs accepts the oldest Node that package.json allows. (npm's own dry runs do not
 * check engines, so the lockfile is checked directly.)
 */

interface LockFile {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean }>;
}

const read = <T>(file: string) => JSON.parse(readFileSync(path.join(PROJECT_ROOT, file), "utf8")) as T;

describe("the declared Node engine", () => {
  const declared = read<{ engines: { node: string } }>("package.json").engines.node;
  const oldest = semver.minVersion(declared)!.version;

  it("is Node 20.19 or later, which this machine runs", () => {
    expect(oldest).toBe("20.19.0");
    expect(semver.satisfies(process.versions.node, declared)).toBe(true);
  });

  it("is accepted by every package in the lockfile", () => {
    const refusing: string[] = [];
    for (const [location, entry] of Object.entries(read<LockFile>("package-lock.json").packages)) {
      if (location === "" || Array.isArray(entry.engines)) continue;
      const range = entry.engines?.node;
      if (range && !semver.satisfies(oldest, range, { includePrerelease: true }))
        refusing.push(`${location.replace(/^.*node_modules\//, "")}@${entry.version} wants node ${range}`);
    }
    expect(refusing).toEqual([]);
  });
});
