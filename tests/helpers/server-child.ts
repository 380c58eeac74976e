import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { generateGraphData } from "../../scripts/synthetic/generate.ts";
import { PROJECT_ROOT } from "./fixture.ts";

/** A synthetic graph-data folder of `claims` claims in a fresh temporary folder (seeded: same every run). */
export async function generatedGraph(claims: number, seed = 1): Promise<string> {
  const out = await mkdtemp(path.join(tmpdir(), "peacegraph-generated-"));
  generateGraphData({ claims, seed, out });
  return out;
}

export interface ServerChild {
  url: string;
  child: ChildProcess;
  /** Everything the server wrote to standard error so far. */
  stderr(): string;
  /** Whether the process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

/**
 * `npm start`'s server (server/main.ts) in a child process, as users run it: on a free port, with
 * extra Node flags (a small heap) and environment (PEACEGRAPH_DATA, PEACEGRAPH_SETTINGS).
 */
export function startServerChild(
  env: Record<string, string>,
  nodeFlags: string[] = [],
  timeoutMs = 60_000,
): Promise<ServerChild> {
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", "server/main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!alive()) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /^Health {3}(http:\/\/\S+)\/health$/m.exec(stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, stderr: () => stderr, alive, stop });
      }
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before it started:\n${stderr}`));
    });
  });
}
