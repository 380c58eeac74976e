import { hostname } from "node:os";
import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fsyncDirectory } from "./durable.ts";

/**
 * One writer per graph-data folder: the writer holds `.peacegraph/writer.lock`, created exclusively
 * and holding its pid. A second writer is refused with a message naming the holder. A lock whose
 * process is gone (killed with SIGKILL, say) is stale and taken over, and the take-over reported.
 */

interface LockOwner {
  pid: number;
  host: string;
  started: string;
}

export class FolderLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FolderLockedError";
  }
}

export interface HeldLock {
  file: string;
  /** Set when the lock of a process that no longer runs was taken over. */
  tookOverFrom: LockOwner | undefined;
  release(): Promise<void>;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const owner = JSON.parse(await readFile(file, "utf8")) as LockOwner;
    return typeof owner.pid === "number" ? owner : undefined;
  } catch {
    return undefined; // gone, or written only in part by a process that died creating it
  }
}

const describe = (owner: LockOwner) => `process ${owner.pid} on ${owner.host}, started ${owner.started}`;

/** Creates the lock file with `content` only if no lock file exists (atomic: write aside, then link). */
async function createExclusively(file: string, content: string): Promise<boolean> {
  const aside = `${file}.${process.pid}.new`;
  await writeFile(aside, content);
  try {
    await link(aside, file); // fails with EEXIST when the lock is held: never overwrites
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(aside, { force: true });
  }
}

/**
 * Takes the write lock of a graph-data folder, or throws FolderLockedError saying who holds it
 * and what to do instead.
 */
export async function acquireWriteLock(dataDir: string, privateDir: string): Promise<HeldLock> {
  await mkdir(privateDir, { recursive: true });
  const file = path.join(privateDir, "writer.lock");
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  const content = `${JSON.stringify(me)}\n`;
  let tookOverFrom: LockOwner | undefined;
  for (let attempt = 0; attempt < 5; attempt++) {
    if (await createExclusively(file, content)) {
      await fsyncDirectory(privateDir);
      return {
        file,
        tookOverFrom,
        async release() {
          const owner = await readOwner(file);
          if (owner?.pid === me.pid && owner.started === me.started) await rm(file, { force: true });
        },
      };
    }
    const owner = await readOwner(file);
    if (owner && owner.host !== me.host) {
      throw new FolderLockedError(
        `${dataDir} is open for writing by ${describe(owner)}. Stop that server, or start this one ` +
          `read-only (PEACEGRAPH_READ_ONLY=1). If that process is gone, delete ${file}.`,
      );
    }
    if (owner && isAlive(owner.pid)) {
      throw new FolderLockedError(
        `${dataDir} is already open for writing by ${describe(owner)}. Only one server may write ` +
          `to a graph-data folder: stop it, or start this one read-only (PEACEGRAPH_READ_ONLY=1).`,
      );
    }
    // Stale: its process has died. Move it aside under a unique name (rename is atomic), then check
    // that what was moved is the stale lock and not a fresh one another process took meanwhile;
    // a fresh one is put back.
    const aside = `${file}.stale-${process.pid}`;
    try {
      await rename(file, aside);
    } catch {
      continue; // someone else moved it first; try again
    }
    const moved = await readOwner(aside);
    if (moved && moved.started !== owner?.started && isAlive(moved.pid)) {
      await link(aside, file).catch(() => undefined);
    } else {
      tookOverFrom = owner ?? { pid: 0, host: me.host, started: "unknown (unreadable lock file)" };
    }
    await rm(aside, { force: true });
  }
  throw new FolderLockedError(`could not take the write lock ${file}: other processes keep taking it`);
}
