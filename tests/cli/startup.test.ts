import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildState, clientPaths, sourceFiles, sourceHash } from "../../scripts/client-sources.ts";
import { Progress } from "../../server/cli/progress.ts";
import { runScript } from "../helpers/run.ts";

/** npm start's failures and chores: a port in use, when the client is rebuilt, progress lines. */

describe("npm start", () => {
  it("says in one line that the port is in use, without a stack trace", async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, "127.0.0.1", resolve));
    const { port } = squatter.address() as AddressInfo;
    try {
      const { code, stdout, stderr } = await runScript("server/main.ts", [], 60_000, { PORT: String(port) });
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        `Cannot start: port ${port} on 127.0.0.1 is already in use (another server listens there); ` +
          "stop it, or set PORT to another port (PORT=0 picks a free one)\n",
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  }, 60_000);

  it("refuses settings that are not JSON or not settings, naming them", async () => {
    const notJson = await runScript("server/main.ts", [], 60_000, { PEACEGRAPH_SETTINGS: "{exports:" });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^Cannot start: PEACEGRAPH_SETTINGS is not JSON/);
    const unknown = await runScript("server/main.ts", [], 60_000, {
      PEACEGRAPH_SETTINGS: '{"exports": {"concurrency": 0}, "colour": "red"}',
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/exports\.concurrency: .*\n.*\(settings\): Unrecognized key: "colour"/);
  }, 60_000);
});

describe("the client is rebuilt only when its sources changed", () => {
  /** A project with a client, a module outside it that the client imports, and a lockfile. */
  async function project() {
    const root = await mkdtemp(path.join(tmpdir(), "peacegraph-client-"));
    const paths = clientPaths(root);
    await mkdir(path.join(root, "client", "src"), { recursive: true });
    await mkdir(path.join(root, "shared"), { recursive: true });
    await mkdir(path.join(paths.dist, "graphiql"), { recursive: true });
    await writeFile(
      path.join(root, "client", "src", "main.ts"),
      'import { fold } from "../../shared/fold.ts";\n',
    );
    await writeFile(path.join(root, "shared", "fold.ts"), "export const fold = 1;\n");
    await writeFile(path.join(root, "shared", "unrelated.ts"), "export const other = 1;\n");
    await writeFile(path.join(root, "package-lock.json"), "{}\n");
    return paths;
  }

  it("follows the client's imports out of client/ and hashes contents, not times", async () => {
    const paths = await project();
    const files = (await sourceFiles(paths)).map((file) => path.relative(paths.root, file));
    expect(files).toEqual(["client/src/main.ts", "package-lock.json", "shared/fold.ts"]);

    expect(await buildState(paths, await sourceHash(paths))).toBe("not built yet");
    for (const page of paths.built) await writeFile(page, "<!doctype html>");
    const hash = await sourceHash(paths);
    await writeFile(paths.stamp, `${hash}\n`);
    expect(await buildState(paths, await sourceHash(paths))).toBe("up to date");

    // Rewriting a file with the same content, or changing a file the client does not use: no rebuild.
    await writeFile(path.join(paths.root, "shared", "fold.ts"), "export const fold = 1;\n");
    await writeFile(path.join(paths.root, "shared", "unrelated.ts"), "export const other = 2;\n");
    await writeFile(path.join(paths.dist, "index.html"), "<!doctype html><p>rebuilt");
    expect(await buildState(paths, await sourceHash(paths))).toBe("up to date");

    for (const [file, content] of [
      ["shared/fold.ts", "export const fold = 2;\n"],
      ["package-lock.json", '{"lockfileVersion": 3}\n'],
      ["client/src/main.ts", 'import { fold } from "../../shared/fold.ts";\nconsole.log(fold);\n'],
    ] as const) {
      await writeFile(path.join(paths.root, file), content);
      expect(await buildState(paths, await sourceHash(paths)), file).toBe("sources changed");
      await writeFile(paths.stamp, `${await sourceHash(paths)}\n`);
    }
  });
});

describe("progress lines", () => {
  it("stay silent for a quick load", () => {
    const lines: string[] = [];
    const progress = new Progress((line) => lines.push(line), 60_000);
    progress.phase("Loading graph-data");
    progress.phase("Building the graph");
    progress.stop();
    expect(lines).toEqual([]);
  });

  it("report the phase and how far it got, every interval, once the load is slow", async () => {
    const lines: string[] = [];
    let read = 0;
    let heard!: () => void;
    const twoLines = new Promise<void>((resolve) => (heard = resolve));
    const progress = new Progress((line) => {
      lines.push(line);
      if (lines.length === 2) heard();
    }, 20);
    progress.phase("Loading graph-data", () => `${(read += 1000).toLocaleString("en")} claims read`);
    await twoLines;
    // Once the run has been slow, a new phase announces itself at once.
    progress.phase("Building the graph");
    progress.stop();
    expect(lines[0]).toMatch(/^Loading graph-data… 1,000 claims read \(\d+ s\)$/);
    expect(lines[1]).toMatch(/^Loading graph-data… 2,000 claims read \(\d+ s\)$/);
    expect(lines[2]).toMatch(/^Building the graph… \(\d+ s\)$/);
  });
});
