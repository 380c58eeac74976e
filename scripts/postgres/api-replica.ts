import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

/**
 * One API replica as its own process: `server/main.ts`, exactly what `npm start` runs after building
 * the client, on a free port. Used by the cluster demo, the benchmark and the crash tests, which
 * need a process they can SIGKILL.
 */

const ROOT = path.resolve(import.meta.dirname, "..", "..");

export interface ApiReplicaOptions {
  /** Shown in errors and, with `echo`, before each line the replica prints. */
  name: string;
  env: Record<string, string>;
  /** Print the replica's output, prefixed with its name. */
  echo?: boolean;
}

export class ApiReplica {
  /** Everything the replica printed, for errors. */
  output = "";

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
    /** Resolves with the exit code once the process has ended. */
    readonly exited: Promise<number | null>,
  ) {}

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts `server/main.ts` and resolves once it prints the address it listens on. */
  static start(options: ApiReplicaOptions): Promise<ApiReplica> {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server", "main.ts")], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let output = "";
    return new Promise((resolve, reject) => {
      let replica: ApiReplica | undefined;
      const onData = (chunk: Buffer) => {
        const text = chunk.toString();
        output += text;
        if (replica) replica.output += text;
        if (options.echo)
          for (const line of text.split("\n").filter(Boolean)) console.log(`[${options.name}] ${line}`);
        const match = /GraphQL\s+(http:\/\/\S+)\/graphql/.exec(output);
        if (match && !replica) {
          replica = new ApiReplica(options.name, match[1]!, child, exited);
          replica.output = output;
          resolve(replica);
        }
      };
      child.stdout!.on("data", onData);
      child.stderr!.on("data", onData);
      void exited.then((code) => {
        if (!replica)
          reject(new Error(`${options.name} exited (${code}) before it listened:\n${output.slice(-2000)}`));
      });
    });
  }

  /** SIGKILL: no shutdown of any kind. */
  async kill(): Promise<void> {
    if (this.running) this.child.kill("SIGKILL");
    await this.exited;
  }

  /** SIGTERM: the replica closes its server and its database connections. */
  async stop(): Promise<void> {
    if (this.running) this.child.kill("SIGTERM");
    await this.exited;
  }
}
