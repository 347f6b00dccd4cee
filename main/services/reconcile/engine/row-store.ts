// The old side's index, kept out of the JavaScript heap: a byte arena holding, per row, the key bytes and
// the compared cells (see writeRecord in reconcile.ts), and an open-addressing hash table of typed arrays
// mapping a key's hash to its arena position. A Map<string, …> of a million fresh key strings was the
// bottleneck of the whole comparison (hashing, cache misses, garbage): see `npm run bench`.

const BLOCK_SIZE = 1 << 23;

/**
 * Record layout: u32 new-side row (0 until claimed, 0xFFFFFFFF for a duplicate key) · u32 old-side row ·
 * varint key length · key bytes (UTF-8) · the compared cells, in one of the layouts of reconcile.ts (SPAN,
 * GB_SPAN, CELLS). Lengths under 255 take one byte, others 0xFF + u32.
 */
export class Arena {
  readonly blocks: Buffer[] = [];
  /** Bytes used in each block. */
  readonly used: number[] = [];
  private current = Buffer.alloc(0);
  /** Index of the current block in `blocks` (adopted blocks come after it). */
  private currentIndex = -1;
  private at = 0;
  private readonly blockSize: number;

  /**
   * `blockSize` smaller than the default only for arenas read from start to end (packets for another
   * thread): `position`, `block()` and `offsetOf()` assume the default.
   */
  constructor(blockSize = BLOCK_SIZE) {
    this.blockSize = blockSize;
  }

  /** Room for `size` contiguous bytes; returns the block, writing starts at `this.offset`. */
  reserve(size: number): Buffer {
    if (this.at + size > this.current.length) {
      this.current = Buffer.allocUnsafe(Math.max(this.blockSize, size));
      this.currentIndex = this.blocks.length;
      this.blocks.push(this.current);
      this.used.push(0);
      this.at = 0;
    }
    return this.current;
  }

  get offset(): number {
    return this.at;
  }

  /** Position of the record starting at `offset` in the current block: block index × 2^23 + offset. */
  get position(): number {
    return this.currentIndex * BLOCK_SIZE + this.at;
  }

  commit(end: number): void {
    // A block bigger than BLOCK_SIZE (one huge row) takes nothing after it: positions must stay decodable.
    // Its used bytes are still where the record ends: the pass over unclaimed records stops there, instead
    // of reading the block's uninitialised tail as records (issue #11, item 8: wrong results from 8 MiB,
    // ERR_OUT_OF_RANGE from 16 MB).
    this.at = this.current.length > this.blockSize ? this.current.length : end;
    this.used[this.currentIndex] = end;
  }

  /**
   * Appends blocks written by another arena (another thread's, transferred, at most BLOCK_SIZE each unless
   * they hold one record); returns their indexes. Writing goes on in the current block.
   */
  adopt(buffers: ArrayBuffer[], used: number[]): number[] {
    const first = this.blocks.length;
    buffers.forEach((buffer, i) => {
      this.blocks.push(Buffer.from(buffer));
      this.used.push(used[i]!);
    });
    return buffers.map((_, i) => first + i);
  }

  block(position: number): Buffer {
    return this.blocks[Math.floor(position / BLOCK_SIZE)]!;
  }

  static blockOf(position: number): number {
    return Math.floor(position / BLOCK_SIZE);
  }

  static offsetOf(position: number): number {
    return position % BLOCK_SIZE;
  }

  static blockStart(blockIndex: number): number {
    return blockIndex * BLOCK_SIZE;
  }
}

/** Writes a varint length at `at`; returns the next offset. */
export function writeLength(block: Buffer, at: number, length: number): number {
  if (length < 255) {
    block[at] = length;
    return at + 1;
  }
  block[at] = 255;
  block.writeUInt32LE(length, at + 1);
  return at + 5;
}

/** Reads the varint length at `at` into `out[0]` and returns the offset of the bytes. */
export function readLength(block: Buffer, at: number, out: Int32Array): number {
  const first = block[at]!;
  if (first < 255) {
    out[0] = first;
    return at + 1;
  }
  out[0] = block.readUInt32LE(at + 1);
  return at + 5;
}

/** FNV-1a over bytes, 32 bits. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  return h;
}

/**
 * Hash → arena position, linear probing, at most half full. Hash and position sit side by side in one
 * typed array (one cache line per probe); equal hashes are confirmed against the key bytes in the arena.
 */
export class KeyIndex {
  /** [hash, position + 1] pairs; position + 1 = 0 is an empty slot. */
  private table: Int32Array;
  private mask: number;
  size = 0;
  private readonly arena: Arena;

  /** `expected` keys are known to come (from the file size): sized once instead of growing. */
  constructor(arena: Arena, expected = 0) {
    this.arena = arena;
    let slots = 1 << 16;
    while (slots < expected * 2) slots *= 2;
    this.table = new Int32Array(slots * 2);
    this.mask = slots - 1;
  }

  /** Position of the record whose key is key[from, from + length), or -1. */
  find(hash: number, key: Uint8Array, length: number, from = 0): number {
    const table = this.table;
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = table[2 * i + 1]!;
      if (slot === 0) return -1;
      if (table[2 * i] === hash && this.keyEquals((slot >>> 0) - 1, key, length, from))
        return (slot >>> 0) - 1;
    }
  }

  /**
   * Reads the first slot of each of hashes[0, n), then the start of the record it names when its hash
   * matches, and returns a value made of them (for the caller to keep, so that the reads stay). Lookups
   * of a group of keys then find these cache lines loaded: the reads here do not wait for one another, so
   * the processor overlaps their cache misses, where one lookup after another waits for each in turn
   * (a million keys' table and records are far larger than the caches).
   */
  touch(hashes: Int32Array, n: number): number {
    const table = this.table;
    const mask = this.mask;
    let seen = 0;
    for (let k = 0; k < n; k++) seen ^= table[2 * (hashes[k]! & mask) + 1]!;
    for (let k = 0; k < n; k++) {
      const i = hashes[k]! & mask;
      const slot = table[2 * i + 1]!;
      if (slot !== 0 && table[2 * i] === hashes[k]) {
        const position = (slot >>> 0) - 1;
        seen ^= this.arena.block(position)[Arena.offsetOf(position) + 8]!;
      }
    }
    return seen;
  }

  /** Points the entry of the record at `from` (key hash `hash`) at `to`, a record of the same key. */
  replace(hash: number, from: number, to: number): void {
    const table = this.table;
    const mask = this.mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = table[2 * i + 1]!;
      if (slot === 0) throw new Error('KeyIndex.replace: no such record');
      if ((slot >>> 0) - 1 === from) {
        table[2 * i + 1] = (to + 1) | 0;
        return;
      }
    }
  }

  insert(hash: number, position: number): void {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow();
    this.place(hash, (position + 1) | 0);
    this.size++;
  }

  private place(hash: number, slot: number): void {
    const table = this.table;
    const mask = this.mask;
    let i = hash & mask;
    while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
    table[2 * i] = hash;
    table[2 * i + 1] = slot;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = this.table.length / 2 - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i]!, old[i + 1]!);
  }

  private keyEquals(position: number, key: Uint8Array, length: number, from: number): boolean {
    const block = this.arena.block(position);
    let at = Arena.offsetOf(position) + 8;
    let stored = block[at]!;
    if (stored < 255) at += 1;
    else {
      stored = block.readUInt32LE(at + 1);
      at += 5;
    }
    if (stored !== length) return false;
    for (let i = 0; i < length; i++) if (block[at + i] !== key[from + i]) return false;
    return true;
  }
}
