import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { chown, mkdtemp, open, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A throwaway PostgreSQL server in a temporary folder, for tests, the cluster demo and the
 * benchmark: Debian's binaries, run as the `postgres` user when we are root (PostgreSQL refuses to
 * run as root), listening on 127.0.0.1 at a free port. The server is our own child process, so a
 * SIGKILL leaves no zombie behind and `kill()` can stand for a crashed machine.
 */

/** Where the server binaries are: PEACEGRAPH_PG_BIN, or the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBin(): string {
  const fromEnv = process.env.PEACEGRAPH_PG_BIN;
  if (fromEnv) return fromEnv;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(path.join(root, name, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error(
      "PostgreSQL is not installed: run `sudo apt-get install -y postgresql` " +
        "(or set PEACEGRAPH_PG_BIN to the folder holding initdb and postgres)",
    );
  return path.join(root, versions[0]!, "bin");
}

const isRoot = () => process.getuid?.() === 0;

/** A command line run as the postgres user when we are root. */
function asPostgres(program: string, args: string[]): [string, string[]] {
  const binary = path.join(postgresBin(), program);
  if (!isRoot()) return [binary, args];
  return ["setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", binary, ...args]];
}

function runAsPostgres(program: string, args: string[]): Promise<string> {
  const [command, argv] = asPostgres(program, args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", (error) => reject(new Error(`cannot run ${program}: ${error.message}`)));
    child.on("close", (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${program} exited ${code}: ${output.slice(-1500)}`)),
    );
  });
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function ownedByPostgres(dir: string): Promise<void> {
  if (!isRoot()) return;
  const passwd = readFileSync("/etc/passwd", "utf8").split("\n");
  const entry = passwd.find((line) => line.startsWith("postgres:"))?.split(":");
  if (!entry) throw new Error("there is no postgres user: install Debian's postgresql package");
  await chown(dir, Number(entry[2]), Number(entry[3]));
}

const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
};

/** Processes whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === pid) children.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface ThrowawayOptions {
  /** Shown in errors and used in the folder name. */
  name?: string;
  /** Make a streaming replica of this server (pg_basebackup) instead of a fresh cluster. */
  replicaOf?: ThrowawayPostgres;
  /** Extra server settings (`-c name=value`). */
  settings?: Record<string, string | number>;
}

export class ThrowawayPostgres {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  private constructor(
    readonly name: string,
    /** The temporary folder: data/, the socket and server.log. */
    readonly root: string,
    public port: number,
    private readonly settings: Record<string, string | number>,
  ) {}

  get dataDir(): string {
    return path.join(this.root, "data");
  }

  get logFile(): string {
    return path.join(this.root, "server.log");
  }

  /** The postmaster's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  url(database = "postgres"): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Creates the cluster (or the replica) in a fresh temporary folder and starts it. */
  static async create(options: ThrowawayOptions = {}): Promise<ThrowawayPostgres> {
    const name = options.name ?? (options.replicaOf ? "replica" : "primary");
    const root = await mkdtemp(path.join(tmpdir(), `peacegraph-pg-${name}-`));
    await ownedByPostgres(root);
    const server = new ThrowawayPostgres(name, root, await freePort(), options.settings ?? {});
    try {
      if (options.replicaOf) {
        await runAsPostgres("pg_basebackup", [
          "-d",
          options.replicaOf.url(),
          "-D",
          server.dataDir,
          "-R",
          "-X",
          "stream",
          "-c",
          "fast",
          "--no-sync",
        ]);
      } else {
        await runAsPostgres("initdb", ["-D", server.dataDir, "-A", "trust", "-U", "postgres", "--no-sync"]);
      }
      await server.start();
    } catch (error) {
      await server.remove();
      throw error;
    }
    return server;
  }

  /** Starts the server (again, after stop or kill) and waits until it takes connections. */
  async start(): Promise<void> {
    if (this.pid) return;
    const log = await open(this.logFile, "a");
    const settings = {
      listen_addresses: "127.0.0.1",
      unix_socket_directories: this.root,
      // Crash recovery first flushes the data folder: one syncfs() instead of an fsync per file.
      recovery_init_sync_method: "syncfs",
      ...this.settings,
    };
    const args = ["-D", this.dataDir, "-p", String(this.port)];
    for (const [key, value] of Object.entries(settings)) args.push("-c", `${key}=${value}`);
    const [command, argv] = asPostgres("postgres", args);
    const child = spawn(command, argv, { stdio: ["ignore", log.fd, log.fd], detached: true });
    await log.close();
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    let exited = false;
    void this.exited.then(() => (exited = true));
    await until(
      `${this.name} PostgreSQL to accept connections (log: ${this.logFile})`,
      async () => {
        if (exited) throw new Error(`${this.name} PostgreSQL exited at start:\n${this.logTail()}`);
        const client = new pg.Client({ connectionString: this.url(), connectionTimeoutMillis: 2_000 });
        try {
          await client.connect();
          await client.query("SELECT 1");
          return true;
        } catch {
          return false;
        } finally {
          await client.end().catch(() => undefined);
        }
      },
      60_000,
    );
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "(no log)";
    }
  }

  /** Stops the server: "fast" rolls back open transactions and checkpoints; "immediate" does neither. */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    const pid = this.pid;
    if (!pid) return;
    // The postmaster waits for its own processes before it exits.
    process.kill(pid, mode === "fast" ? "SIGINT" : "SIGQUIT");
    await this.exited;
  }

  /**
   * SIGKILL for the whole server, as a crashed machine would leave it: the postmaster is frozen
   * first so it forks nothing more, then it and every process it started are killed at once.
   * Restarting runs crash recovery (and copes with the postmaster.pid left behind).
   */
  async kill(): Promise<void> {
    const pid = this.pid;
    if (!pid) return;
    process.kill(pid, "SIGSTOP");
    const children = childrenOf(pid);
    process.kill(pid, "SIGKILL");
    for (const child of children) {
      try {
        process.kill(child, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await this.exited;
    await until(`${this.name} PostgreSQL's processes to die`, () => children.every((c) => !alive(c)), 30_000);
  }

  async createDatabase(database: string): Promise<string> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
    } finally {
      await client.end();
    }
    return this.url(database);
  }

  /** Stops the server at once and deletes its folder. */
  async remove(): Promise<void> {
    await this.stop("immediate").catch(() => this.kill());
    await rm(this.root, { recursive: true, force: true });
  }
}
