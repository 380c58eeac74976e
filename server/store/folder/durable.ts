import { constants } from "node:fs";
import { open, rename, rm, stat, truncate } from "node:fs/promises";
import path from "node:path";

/**
 * The file operations a durable write is made of. "Durable" means it survives a power cut once the
 * promise resolves: data is fsynced, and so is the directory whenever a name is created, renamed
 * or removed (on Linux a new directory entry is not durable until its directory is synced).
 */

/** Syncs a directory, making the names created, renamed or removed in it durable. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Size of a file in bytes, or undefined when it does not exist. */
export async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Appends bytes and fsyncs them. Returns whether the file was created, in which case its directory
 * must be synced too (`fsyncDirectory`) before the append counts as durable.
 */
export async function appendDurably(file: string, bytes: string): Promise<{ created: boolean }> {
  const before = await sizeOf(file);
  const handle = await open(file, "a");
  try {
    await handle.write(bytes);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return { created: before === undefined };
}

/** Writes a whole file's content to `temporary` and fsyncs it; the rename that publishes it comes later. */
export async function writeTemporary(temporary: string, content: string): Promise<void> {
  const handle = await open(temporary, "w");
  try {
    await handle.write(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Replaces a file atomically: a reader sees the old content or the new, never a mix, and a crash
 * leaves one of the two. Temporary file, fsync, rename, directory fsync.
 */
export async function replaceFileDurably(file: string, content: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeTemporary(temporary, content);
  await rename(temporary, file);
  await fsyncDirectory(path.dirname(file));
}

/** Cuts a file back to `size` bytes and fsyncs it: how an interrupted append is undone. */
export async function truncateDurably(file: string, size: number): Promise<void> {
  await truncate(file, size);
  const handle = await open(file, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes a file if it is there, and makes the removal durable. */
export async function removeDurably(file: string): Promise<void> {
  await rm(file, { force: true });
  await fsyncDirectory(path.dirname(file));
}

/** The last `bytes` bytes of a file (fewer if it is shorter), as raw bytes. */
export async function readTail(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    return buffer;
  } finally {
    await handle.close();
  }
}
