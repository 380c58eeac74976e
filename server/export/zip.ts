import { crc32 } from "node:zlib";
import { paced } from "./chunks.ts";

/**
 * A minimal, streaming ZIP writer for multi-file exports. Entries are stored (not compressed: the
 * HTTP layer compresses the whole download when the client accepts it), each with its CRC-32 and
 * sizes in the local header, the layout every unzip tool, spreadsheet, Python's zipfile and Java's
 * ZipInputStream read. Those must be known before an entry's data, so each entry is written twice:
 * once to measure it (nothing kept but a checksum and a length), once to send it. The writers are
 * deterministic, so both passes give the same bytes. Names are flagged UTF-8. No ZIP64: an entry or
 * archive past 4 GiB is refused, far beyond the export limits.
 */

export interface ZipEntry {
  name: string;
  /** The entry's text, in chunks; called once per pass. */
  chunks(): Iterable<string>;
}

const MAX_32 = 0xffffffff;
const UTF8_NAMES = 0x0800;

/** MS-DOS date and time fields, which ZIP uses for modification times. */
function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

interface Measured {
  name: Buffer;
  crc: number;
  size: number;
  offset: number;
}

function localHeader(entry: Measured, stamp: { time: number; date: number }): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0); // local file header signature
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(UTF8_NAMES, 6);
  header.writeUInt16LE(0, 8); // method: stored
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  header.writeUInt32LE(entry.crc, 14);
  header.writeUInt32LE(entry.size, 18); // compressed size
  header.writeUInt32LE(entry.size, 22); // uncompressed size
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(0, 28); // extra field length
  return Buffer.concat([header, entry.name]);
}

function centralRecord(entry: Measured, stamp: { time: number; date: number }): Buffer {
  const record = Buffer.alloc(46);
  record.writeUInt32LE(0x02014b50, 0); // central directory header signature
  record.writeUInt16LE(0x031e, 4); // made by: Unix, spec 3.0
  record.writeUInt16LE(20, 6);
  record.writeUInt16LE(UTF8_NAMES, 8);
  record.writeUInt16LE(0, 10);
  record.writeUInt16LE(stamp.time, 12);
  record.writeUInt16LE(stamp.date, 14);
  record.writeUInt32LE(entry.crc, 16);
  record.writeUInt32LE(entry.size, 20);
  record.writeUInt32LE(entry.size, 24);
  record.writeUInt16LE(entry.name.length, 28);
  record.writeUInt16LE(0, 30); // extra field length
  record.writeUInt16LE(0, 32); // comment length
  record.writeUInt16LE(0, 34); // disk number
  record.writeUInt16LE(0, 36); // internal attributes
  record.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
  record.writeUInt32LE(entry.offset, 42);
  return Buffer.concat([record, entry.name]);
}

function endOfDirectory(count: number, directorySize: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  end.writeUInt16LE(0, 20); // comment length
  return end;
}

/** The ZIP's bytes in pieces; `sliceMs` paces both passes (see chunks.ts). */
export async function* zipChunks(
  entries: readonly ZipEntry[],
  modified: Date,
  sliceMs: number,
): AsyncGenerator<Buffer> {
  const stamp = dosDateTime(modified);
  const written: Measured[] = [];
  let offset = 0;
  for (const entry of entries) {
    let crc = 0;
    let size = 0;
    for await (const chunk of paced(entry.chunks(), sliceMs)) {
      const bytes = Buffer.from(chunk, "utf8");
      crc = crc32(bytes, crc);
      size += bytes.length;
    }
    const measured: Measured = { name: Buffer.from(entry.name, "utf8"), crc, size, offset };
    if (size >= MAX_32 || offset >= MAX_32) throw new Error("export too large for a ZIP without ZIP64");
    const header = localHeader(measured, stamp);
    yield header;
    let sent = 0;
    for await (const chunk of paced(entry.chunks(), sliceMs)) {
      const bytes = Buffer.from(chunk, "utf8");
      sent += bytes.length;
      yield bytes;
    }
    if (sent !== size) throw new Error(`zip entry ${entry.name} changed between passes`);
    written.push(measured);
    offset += header.length + size;
  }
  const directory = Buffer.concat(written.map((entry) => centralRecord(entry, stamp)));
  if (offset >= MAX_32) throw new Error("export too large for a ZIP without ZIP64");
  yield directory;
  yield endOfDirectory(written.length, directory.length, offset);
}
