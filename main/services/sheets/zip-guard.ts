// An .xlsx is a zip: before exceljs inflates anything, its central directory is read and every entry is
// checked against limits (count, declared size, ratio), the entries must tile the file (so a streaming
// reader that walks local headers meets no entry the directory does not list), and each entry is inflated
// once, counting bytes, to prove it is no larger than declared. A zip bomb is then refused in the time it
// takes to inflate what it declares, never the gigabytes it would become (issue #11, item 7).
import { createInflateRaw } from 'node:zlib';

export interface ZipLimits {
  /** Most entries (an .xlsx has a few dozen). */
  maxEntries: number;
  /** Most inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Most inflated bytes of one entry whose name matches `cachedEntry` (read whole into memory). */
  maxCachedEntryBytes: number;
  /** Entries read whole by exceljs' streaming reader (shared strings, styles). */
  cachedEntry: RegExp;
  /** Inflated ÷ compressed above this, for entries over 1 MiB, is a bomb, not a spreadsheet. */
  maxRatio: number;
}

/** Sees every entry's inflated bytes as they come (counting rows, say); may throw to refuse. */
export type EntryInspector = (entry: string, chunk: Buffer) => void;

/** Why a zip was refused; `detail` is English for logs, the caller turns the reason into a message. */
export class ZipRefusal extends Error {
  readonly reason: 'corrupt' | 'too_large';
  readonly entry: string;
  readonly bytes: number;
  constructor(reason: 'corrupt' | 'too_large', detail: string, entry = '', bytes = 0) {
    super(detail);
    this.name = 'ZipRefusal';
    this.reason = reason;
    this.entry = entry;
    this.bytes = bytes;
  }
}

/** Reads `length` bytes at `position` (fewer only at the end of the file). */
export type ReadAt = (position: number, length: number) => Promise<Buffer>;

export const bufferReader =
  (bytes: Uint8Array): ReadAt =>
  async (position, length) =>
    Buffer.from(
      bytes.buffer,
      bytes.byteOffset + position,
      Math.max(0, Math.min(length, bytes.length - position)),
    );

export interface Entry {
  name: string;
  flags: number;
  method: number;
  compressed: number;
  size: number;
  local: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const MiB = 1 << 20;

export async function centralDirectory(
  read: ReadAt,
  fileSize: number,
): Promise<{ entries: Entry[]; cdOffset: number }> {
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await read(fileSize - tailLength, tailLength);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefusal('corrupt', 'no end of central directory');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ZipRefusal('too_large', 'zip64 archive');
  }
  if (cdOffset + cdSize > fileSize) throw new ZipRefusal('corrupt', 'central directory outside the file');
  const cd = await read(cdOffset, cdSize);
  const entries: Entry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) {
      throw new ZipRefusal('corrupt', 'central directory entry damaged');
    }
    const nameLength = cd.readUInt16LE(at + 28);
    const entry: Entry = {
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      compressed: cd.readUInt32LE(at + 20),
      size: cd.readUInt32LE(at + 24),
      local: cd.readUInt32LE(at + 42),
      name: cd.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.compressed === 0xffffffff || entry.size === 0xffffffff || entry.local === 0xffffffff) {
      throw new ZipRefusal('too_large', 'zip64 entry', entry.name);
    }
    entries.push(entry);
    at += 46 + nameLength + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
  }
  return { entries, cdOffset };
}

/** Inflates one entry's data chunk by chunk, refusing as soon as it outgrows what it declared. */
async function inflatedSize(
  read: ReadAt,
  entry: Entry,
  dataStart: number,
  inspect?: EntryInspector,
): Promise<number> {
  const chunk = 4 * MiB;
  if (entry.method === 0) {
    if (inspect) inspect(entry.name, await read(dataStart, entry.compressed));
    return entry.compressed;
  }
  if (entry.method !== 8) throw new ZipRefusal('corrupt', `compression method ${entry.method}`, entry.name);
  const inflate = createInflateRaw();
  let total = 0;
  // Set by the inflater's events, read by the loop below.
  const state: { failure: Error | null } = { failure: null };
  inflate.on('data', (data: Buffer) => {
    if (state.failure) return;
    total += data.length;
    if (total > entry.size) {
      state.failure = new ZipRefusal(
        'too_large',
        'entry inflates beyond its declared size',
        entry.name,
        total,
      );
      inflate.destroy();
      return;
    }
    try {
      inspect?.(entry.name, data);
    } catch (error) {
      state.failure = error as Error;
      inflate.destroy();
    }
  });
  const ended = new Promise<void>((resolve) => {
    inflate.on('end', resolve);
    inflate.on('close', resolve);
    inflate.on('error', (error) => {
      state.failure ??= new ZipRefusal('corrupt', error.message, entry.name);
      resolve();
    });
  });
  for (let done = 0; done < entry.compressed && !state.failure;) {
    const part = await read(dataStart + done, Math.min(chunk, entry.compressed - done));
    if (part.length === 0) break;
    done += part.length;
    // Wait for the inflater to drain this chunk before reading the next: memory stays at one chunk.
    const drained = inflate.write(part);
    if (!drained && !state.failure)
      await Promise.race([new Promise((resolve) => inflate.once('drain', resolve)), ended]);
  }
  if (!state.failure) inflate.end();
  await ended;
  if (state.failure) throw state.failure;
  if (total !== entry.size)
    throw new ZipRefusal('corrupt', 'entry size differs from the directory', entry.name);
  return total;
}

/** Where an entry's data starts: after its local header, whose name and extra field vary in length. */
export async function entryDataStart(read: ReadAt, entry: Entry): Promise<number> {
  const header = await read(entry.local, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) {
    throw new ZipRefusal('corrupt', 'local header damaged', entry.name);
  }
  return entry.local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
}

/** Throws a ZipRefusal unless the zip is within the limits; reads the file, writes nothing. */
export async function checkZip(
  read: ReadAt,
  fileSize: number,
  limits: ZipLimits,
  inspect?: EntryInspector,
): Promise<void> {
  const { entries, cdOffset } = await centralDirectory(read, fileSize);
  if (entries.length > limits.maxEntries) {
    throw new ZipRefusal('too_large', `${entries.length} entries`, '', entries.length);
  }
  let declared = 0;
  for (const entry of entries) {
    declared += entry.size;
    const cached = limits.cachedEntry.test(entry.name);
    if (declared > limits.maxTotalBytes)
      throw new ZipRefusal('too_large', 'declared size', entry.name, declared);
    if (cached && entry.size > limits.maxCachedEntryBytes) {
      throw new ZipRefusal('too_large', 'declared size', entry.name, entry.size);
    }
    if (entry.size > MiB && entry.size / Math.max(1, entry.compressed) > limits.maxRatio) {
      throw new ZipRefusal('too_large', 'compression ratio', entry.name, entry.size);
    }
  }
  // The entries, in file order, must follow each other up to the central directory.
  const ordered = [...entries].sort((a, b) => a.local - b.local);
  let expected = 0;
  for (const entry of ordered) {
    if (entry.local !== expected)
      throw new ZipRefusal('corrupt', 'data outside the listed entries', entry.name);
    const dataStart = await entryDataStart(read, entry);
    let end = dataStart + entry.compressed;
    if (end > cdOffset) throw new ZipRefusal('corrupt', 'entry runs past the directory', entry.name);
    await inflatedSize(read, entry, dataStart, inspect);
    if (entry.flags & 8) {
      const descriptor = await read(end, 16);
      end += descriptor.length >= 4 && descriptor.readUInt32LE(0) === DESCRIPTOR ? 16 : 12;
    }
    expected = end;
  }
  if (expected !== cdOffset) throw new ZipRefusal('corrupt', 'data outside the listed entries');
}
