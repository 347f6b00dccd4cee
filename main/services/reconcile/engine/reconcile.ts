// The comparison itself (issue #5). Memory stays bounded by the old side's compared cells: the old file is
// indexed once — key → its compared cells in a byte arena (UTF-8, length-prefixed, row-store.ts), never row
// objects or strings — then the new file is streamed against that index. Keys the new side never claimed are what is
// missing in new. Cells are compared as bytes first; only cells whose bytes differ are decoded and judged
// by their compare kind, which keeps the usual case (identical cells) free of string work.
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { AppError } from '#services/core/errors.ts';
import { gb18030EqualsUtf8, gb18030ToUtf8 } from './encoding.ts';
import { startPartition } from './job.ts';
import { Arena, hashBytes, KeyIndex, readLength, writeLength } from './row-store.ts';
import { openTable, type TableSource } from './sources.ts';
import type {
  CompareKind,
  Discrepancy,
  ReconcileInput,
  ReconcileProgress,
  ReconcileResult,
  ReconcileSummary,
  SideTotals,
} from '#contract/reconcile-engine.ts';
import {
  numbersEqual,
  numberScratch,
  parseDateTime,
  parseDateTimeBytes,
  parseNumberBytes,
  parseNumberText,
  textEqual,
} from './values.ts';

export interface ReconcileOptions {
  onProgress?: (progress: ReconcileProgress) => void;
  signal?: AbortSignal;
  /**
   * Threads to compare with (default: WARDSIDE_RECONCILE_THREADS, else 2 where the machine has two cores).
   * With two, both CSV files are scanned by both threads and each thread keeps the rows whose key falls in
   * its half of the key hashes; the halves are merged into exactly the result one thread would give.
   */
  threads?: number;
  /**
   * Files smaller than this together are compared on one thread (a thread costs its start-up); default
   * WARDSIDE_RECONCILE_SPLIT_BYTES, else 128 MiB.
   */
  minSplitBytes?: number;
  /**
   * With two threads, cut each CSV file in two at a record boundary so that each thread scans half of it
   * and sends the other the rows of its keys (WARDSIDE_RECONCILE_SPLIT_FILES=1); false (the default): both
   * threads scan both files whole, each keeping its half of the keys (also the fallback when a split run
   * fails). Since the scanner reads four bytes at a time and the GB18030 side is kept as read, scanning a
   * file twice costs less than sending half the rows across: at 1M rows (issue #17, 2026-11-27, best of 5
   * and of 3 alternated runs) 2.33 s against 3.14 s cross-format, 2.86 s against 3.14 s same format, and
   * 45 MB less.
   */
  splitFiles?: boolean;
}

/** One thread's share of a comparison: the rows whose key hash falls in `index` of `count` partitions. */
export interface Partition {
  index: number;
  count: number;
}

/**
 * Both CSV files cut in two at a record boundary (file offsets where the second part starts): thread 0
 * scans the first part of each, thread 1 the second, and each sends the other the rows of its keys.
 */
export interface SplitPlan {
  old: number;
  new: number;
  /**
   * Tests: each thread compares every late row (see matchRow) before the first part's rows of the new
   * file, the order that exercises giving claims up; a run interleaves them as packets come.
   */
  lateFirst?: boolean;
}

/** What the two threads of a split comparison tell each other after scanning a part of one file. */
export interface SplitMessage {
  type: 'split';
  side: 'old' | 'new';
  /** The sender's last message for this side (the new side comes in several, one per chunk scanned). */
  last: boolean;
  /** From the first part: its scan ended exactly at the planned boundary, after the header. */
  ok: boolean;
  /** From the first part: records (rows as the scanner counts them) before the boundary. */
  rowsBefore: number;
  /** Data rows of the sender's part. */
  rows: number;
  /** The sender's records of the receiver's keys (arena blocks, transferred) and the bytes used in each. */
  blocks: ArrayBuffer[];
  used: number[];
}

export interface SplitLink {
  send(message: SplitMessage, transfer: ArrayBuffer[]): void;
  receive(): Promise<SplitMessage>;
  /** The next message if one has come, without waiting. */
  poll(): SplitMessage | undefined;
}

export interface Split {
  role: 0 | 1;
  plan: SplitPlan;
  link: SplitLink;
}

/** The planned boundary was inside a record (a quoted line break): the split run is given up. */
export class SplitMismatch extends Error {}

const TRACE = process.env.WARDSIDE_RECONCILE_TRACE === '1';
/** Timeline of a run on stderr (WARDSIDE_RECONCILE_TRACE=1): milliseconds since the process started. */
export function trace(what: string): void {
  if (TRACE) process.stderr.write(`[trace ${Math.round(process.uptime() * 1000)}] ${what}\n`);
}

const rangeOf = (split: Split, side: 'old' | 'new') =>
  split.role === 0 ? { limit: split.plan[side] } : { from: split.plan[side] };

/** A buffer's own ArrayBuffer when it spans all of it (arena blocks do), else a copy. */
const wholeBuffer = (b: Buffer): ArrayBuffer =>
  b.byteOffset === 0 && b.buffer.byteLength === b.length && b.buffer instanceof ArrayBuffer
    ? b.buffer
    : (new Uint8Array(b).buffer as ArrayBuffer);

/**
 * Sends the other thread of a split run what `outbox` holds (transferred): records or rows of its keys
 * from the part of one file this thread scans; `last` with the part's end (see SplitMessage).
 */
function sendPacket(
  split: Split,
  side: 'old' | 'new',
  outbox: Arena,
  last: { ok: boolean; rowsBefore: number; rows: number } | null,
): void {
  const message: SplitMessage = {
    type: 'split',
    side,
    last: last !== null,
    ok: last?.ok ?? true,
    rowsBefore: last?.rowsBefore ?? 0,
    rows: last?.rows ?? 0,
    blocks: outbox.blocks.map(wholeBuffer),
    used: [...outbox.used],
  };
  split.link.send(message, message.blocks);
}

/** Neumaier sums before rounding, so that partitions add up exactly as one pass would. */
export interface RawTotals {
  rows: number;
  sum: number[];
  compensation: number[];
  decimals: number[];
}

/** What one partition found; mergeParts() turns one or more of these into the result. */
export interface PartResult {
  summary: Omit<ReconcileSummary, 'controlTotals'>;
  discrepancies: Discrepancy[];
  /** Everything found, including what maxDiscrepancies did not keep. */
  count: number;
  totals: { old: RawTotals; new: RawTotals };
  numberColumns: { old: string[]; new: string[] };
}

/**
 * A second thread costs a fixed part (it starts, and compiles and optimises the engine again on its own) of
 * roughly 0.4 s on a two-core machine: one thread compared a 48 MB pair (200k rows) in 0.72–0.92 s against
 * 0.85–1.13 s split, a 240 MB pair (1M rows) in 2.98–3.32 s against 2.70–3.04 s (issue #17, noisy).
 */
const DEFAULT_MIN_SPLIT_BYTES = 128 << 20;
/** Block size of the new side's packets for the other thread (one or two are sent per chunk scanned). */
const OUTBOX_BLOCK = 1 << 22;

/** Discrepancies kept in the result by default; the summary counts everything regardless. */
export const DEFAULT_MAX_DISCREPANCIES = 500_000;

const KEY_SEPARATOR = '\u001f';
/**
 * Arena layouts of a row's compared cells (see writeRecord): SPAN, u8 tag · u32 span length · u16 start
 * and end of each cell in the span · the span's bytes (UTF-8); GB_SPAN, the same in GB18030 bytes; CELLS,
 * u8 tag · for each cell a varint length and its bytes (UTF-8).
 */
const SPAN = 1;
const CELLS = 2;
const GB_SPAN = 3;
const PROGRESS_EVERY_MS = 200;
/** Records indexed, and rows compared, in groups of this many (see KeyIndex.touch). */
const GROUP = 32;
/** The new-side row of an old record that is a duplicate key (never matched, never missing). */
const DUPLICATE = 0xffffffff;

interface Plan {
  kind: CompareKind;
  tolerance: number;
  oldIndex: number;
  newIndex: number;
  oldName: string;
  newName: string;
}

/** Little-endian u32 and f64 in a byte buffer, inlined (Buffer's methods were not, in the hot loops). */
function put32(b: Uint8Array, at: number, value: number): void {
  b[at] = value;
  b[at + 1] = value >>> 8;
  b[at + 2] = value >>> 16;
  b[at + 3] = value >>> 24;
}

function get32(b: Uint8Array, at: number): number {
  return (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
}

const f64 = new Float64Array(1);
const f64Bytes = new Uint8Array(f64.buffer);

function putDouble(b: Uint8Array, at: number, value: number): void {
  f64[0] = value;
  for (let k = 0; k < 8; k++) b[at + k] = f64Bytes[k]!;
}

function getDouble(b: Uint8Array, at: number): number {
  for (let k = 0; k < 8; k++) f64Bytes[k] = b[at + k]!;
  return f64[0]!;
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;

/** Bounds of a cell without surrounding ASCII space, written to `trim[0..1]`. */
function trimBounds(buf: Buffer, start: number, end: number, trim: Int32Array): void {
  while (start < end && isSpace(buf[start]!)) start++;
  while (end > start && isSpace(buf[end - 1]!)) end--;
  trim[0] = start;
  trim[1] = end;
}

function bytesEqual(a: Buffer, as: number, ae: number, b: Buffer, bs: number, be: number): boolean {
  const n = ae - as;
  if (n !== be - bs) return false;
  for (let i = 0; i < n; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}

function columnIndexes(source: TableSource, names: string[]): number[] {
  const headers = source.headers.map((h) => h.replace(/^\uFEFF/, ''));
  return names.map((name) => {
    const at = headers.indexOf(name);
    if (at < 0) {
      const found = headers.slice(0, 30).join(', ') + (headers.length > 30 ? ', …' : '');
      throw new AppError('reconcile_missing_column', { file: source.fileName, column: name, found });
    }
    if (headers.indexOf(name, at + 1) >= 0) {
      throw new AppError('reconcile_duplicate_column', { file: source.fileName, column: name });
    }
    return at;
  });
}

/** Neumaier-compensated sums, printed with as many decimals as the cells had (no 0.30000000000000004). */
class Totals {
  rows = 0;
  sum: Float64Array;
  compensation: Float64Array;
  decimals: Int32Array;
  constructor(columns: number) {
    this.sum = new Float64Array(columns);
    this.compensation = new Float64Array(columns);
    this.decimals = new Int32Array(columns);
  }
  add(column: number, value: number, decimals: number): void {
    const sum = this.sum[column]!;
    const next = sum + value;
    this.compensation[column]! += Math.abs(sum) >= Math.abs(value) ? sum - next + value : value - next + sum;
    this.sum[column] = next;
    if (decimals > this.decimals[column]!) this.decimals[column] = decimals;
  }
  raw(): RawTotals {
    return {
      rows: this.rows,
      sum: [...this.sum],
      compensation: [...this.compensation],
      decimals: [...this.decimals],
    };
  }
}

/** The side's totals of all partitions, rounded to as many decimals as the cells had. */
function sideTotals(parts: RawTotals[], names: string[]): SideTotals {
  const sums: Record<string, number> = {};
  names.forEach((name, i) => {
    let total = 0;
    let decimals = 0;
    for (const part of parts) {
      total += part.sum[i]! + part.compensation[i]!;
      decimals = Math.max(decimals, part.decimals[i]!);
    }
    sums[name] = Number(total.toFixed(Math.min(decimals, 10)));
  });
  return { rows: parts[0]!.rows, sums };
}

const indexes = (source: TableSource, names: string[]) => Int32Array.from(columnIndexes(source, names));

function raggedRow(source: TableSource, count: number, row: number): AppError {
  return new AppError('reconcile_ragged_row', {
    file: source.fileName,
    row,
    actual: count,
    expected: source.headers.length,
  });
}

/** Compares one partition of the key space (all of it when `partition` is null) on this thread. */
export async function reconcilePart(
  input: ReconcileInput,
  options: Pick<ReconcileOptions, 'onProgress' | 'signal'>,
  partition: Partition | null,
  split: Split | null = null,
): Promise<PartResult> {
  const profile = input.profile;
  // Profiles arrive checked (parseProfile, the workspace's own checks); the engine needs a key.
  if (!profile.columns.some((c) => c.key)) {
    throw new AppError('reconcile_bad_profile', { file: profile.name, detail: 'no column has "key": true' });
  }
  const maxDiscrepancies = input.maxDiscrepancies ?? DEFAULT_MAX_DISCREPANCIES;
  trace(`part ${split?.role ?? '-'} start`);
  const oldSource = await openTable(input.oldFile, input.encodingOld);
  const newSource = await openTable(input.newFile, input.encodingNew);

  const keyColumns = profile.columns.filter((c) => c.key);
  const compared = profile.columns.filter((c) => !c.key && c.compare !== 'ignore');
  const numeric = compared.filter((c) => c.compare === 'number');
  const oldKeyIdx = indexes(
    oldSource,
    keyColumns.map((c) => c.old),
  );
  const newKeyIdx = indexes(
    newSource,
    keyColumns.map((c) => c.new),
  );
  const oldCmpIdx = indexes(
    oldSource,
    compared.map((c) => c.old),
  );
  const newCmpIdx = indexes(
    newSource,
    compared.map((c) => c.new),
  );
  const plans: Plan[] = compared.map((c, i) => ({
    kind: c.compare ?? 'text',
    tolerance: c.tolerance ?? 0,
    oldIndex: oldCmpIdx[i]!,
    newIndex: newCmpIdx[i]!,
    oldName: c.old,
    newName: c.new,
  }));
  // Position of each compared column among the number columns (-1: not a number column).
  const numberSlot = Int32Array.from(compared.map((c) => numeric.indexOf(c)));

  const totalBytes = oldSource.size + newSource.size || 1;
  const discrepancies: Discrepancy[] = [];
  let discrepancyCount = 0;
  const report = (d: Discrepancy) => {
    discrepancyCount++;
    if (discrepancies.length < maxDiscrepancies) discrepancies.push(d);
  };
  // Discrepancies about the rows of a split's second part (see matchRow): not in row order, so kept up to
  // twice maxDiscrepancies and then cut to the first maxDiscrepancies by row.
  let lateReports: Discrepancy[] = [];
  let lateCut = false;
  const cutLate = () => {
    lateReports = lateReports
      .filter((d) => d.kind !== 'different' || !displaced.has(d.newRow!))
      .sort((a, b) => a.newRow! - b.newRow!);
    if (lateReports.length > maxDiscrepancies) {
      lateReports.length = maxDiscrepancies;
      lateCut = true;
    }
  };
  const reportLate = (d: Discrepancy) => {
    discrepancyCount++;
    lateReports.push(d);
    if (lateReports.length >= Math.max(2 * maxDiscrepancies, maxDiscrepancies + 4096)) cutLate();
  };

  // Progress and cancellation, checked between chunks.
  let phaseStarted = performance.now();
  let lastProgress = 0;
  const progress = (phase: ReconcileProgress['phase'], rows: number, bytesDone: number, force = false) => {
    if (options.signal?.aborted) throw new AppError('reconcile_cancelled');
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastProgress < PROGRESS_EVERY_MS)) return;
    lastProgress = now;
    const seconds = (now - phaseStarted) / 1000;
    options.onProgress({
      phase,
      rows,
      rowsPerSecond: seconds > 0 ? Math.round(rows / seconds) : 0,
      percent: Math.min(100, Math.round((bytesDone / totalBytes) * 1000) / 10),
    });
  };

  const trim = new Int32Array(2);
  const cellLength = new Int32Array(1);
  // The key of the current record as UTF-8 bytes: trimmed key cells joined by U+001F.
  let key = Buffer.allocUnsafe(1024);
  let keyLength = 0;
  let keyHash = 0;
  const keyText = () => key.toString('utf8', 0, keyLength);

  const buildKey = (
    source: TableSource,
    buf: Buffer,
    starts: Int32Array,
    ends: Int32Array,
    idx: Int32Array,
  ) => {
    let at = 0;
    let ascii = true;
    // FNV-1a (hashBytes) as the bytes are copied.
    let hash = 0x811c9dc5;
    for (let k = 0; k < idx.length; k++) {
      trimBounds(buf, starts[idx[k]!]!, ends[idx[k]!]!, trim);
      const s = trim[0]!;
      const e = trim[1]!;
      if (at + e - s + 1 > key.length) {
        const bigger = Buffer.allocUnsafe((at + e - s + 1) * 2);
        key.copy(bigger, 0, 0, at);
        key = bigger;
      }
      if (k > 0) {
        key[at++] = 0x1f;
        hash = Math.imul(hash ^ 0x1f, 0x01000193);
      }
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c >= 0x80) ascii = false;
        key[at++] = c;
        hash = Math.imul(hash ^ c, 0x01000193);
      }
    }
    if (!ascii && source.encoding === 'gb18030') {
      // Keys are compared as UTF-8 whatever the file used.
      const parts: string[] = [];
      for (let k = 0; k < idx.length; k++) {
        trimBounds(buf, starts[idx[k]!]!, ends[idx[k]!]!, trim);
        parts.push(source.decode(buf, trim[0]!, trim[1]!));
      }
      const text = parts.join(KEY_SEPARATOR);
      const bytes = Buffer.byteLength(text);
      if (bytes > key.length) key = Buffer.allocUnsafe(bytes * 2);
      at = key.write(text, 0, 'utf8');
      hash = hashBytes(key, 0, at);
    }
    keyLength = at;
    keyHash = hash;
  };

  const cells = plans.length;
  // Trimmed bounds of the compared cells of the current record.
  const cellStart = new Int32Array(cells);
  const cellEnd = new Int32Array(cells);
  let spanLo = 0;
  let spanHi = 0;
  let cellBytes = 0;
  /** Trimmed bounds of every compared cell; returns the span from the first cell start to the last end. */
  const trimCells = (buf: Buffer, starts: Int32Array, ends: Int32Array, idx: Int32Array) => {
    let lo = 0x7fffffff;
    let hi = 0;
    let bytes = 0;
    for (let j = 0; j < cells; j++) {
      let start = starts[idx[j]!]!;
      let end = ends[idx[j]!]!;
      while (start < end && isSpace(buf[start]!)) start++;
      while (end > start && isSpace(buf[end - 1]!)) end--;
      cellStart[j] = start;
      cellEnd[j] = end;
      bytes += end - start;
      if (start < lo) lo = start;
      if (end > hi) hi = end;
    }
    spanLo = cells ? lo : 0;
    spanHi = cells ? hi : 0;
    cellBytes = bytes;
  };

  // Compared columns that are numbers, as positions among the compared ones (their cells are trimmed once).
  const numberCells = Int32Array.from([...numberSlot].flatMap((slot, j) => (slot >= 0 ? [j] : [])));
  const numberValues = new Float64Array(numeric.length);

  /** Parses the number cells of a record (trimmed by trimCells) into the side's totals and numberValues. */
  const addNumbers = (source: TableSource, totals: Totals, buf: Buffer) => {
    for (let n = 0; n < numberCells.length; n++) {
      const s = cellStart[numberCells[n]!]!;
      const e = cellEnd[numberCells[n]!]!;
      let value: number;
      let decimals: number;
      if (e > s && parseNumberBytes(buf, s, e)) {
        value = numberScratch[0]!;
        decimals = numberScratch[1]!;
      } else {
        const parsed = parseNumberText(source.decode(buf, s, e));
        value = parsed.value;
        decimals = parsed.decimals;
      }
      numberValues[n] = value;
      if (!Number.isNaN(value)) totals.add(n, value, decimals);
    }
  };

  const mine = partition
    ? (hash: number) => ((hash >>> 24) & 0xff) % partition.count === partition.index
    : () => true;

  // ---- Old side: index -------------------------------------------------------------------------------
  /** What KeyIndex.touch read (kept so that its reads are not optimised away). */
  let touched = 0;
  const arena = new Arena();
  const index = new KeyIndex(arena, oldSource.estimatedRows);
  const oldTotals = new Totals(numeric.length);
  const newTotals = new Totals(numeric.length);
  const oldIsGb18030 = oldSource.encoding === 'gb18030';
  const oldWidth = oldSource.headers.length;
  const newWidth = newSource.headers.length;
  let oldRows = 0;

  /** Writes the current record (key, trimmed cells) to `into`; returns its position there. */
  const writeRecord = (into: Arena, buf: Buffer, row: number): number => {
    const spanStart = spanLo;
    const spanLength = spanHi - spanStart;
    // Span layout: the bytes from the first compared cell to the last, copied at once, and each cell's
    // bounds in them; identical rows then compare with one memcmp. A GB18030 file's span stays GB18030
    // (GB_SPAN: its cells are compared with gb18030EqualsUtf8, and decoded only when they differ). Spans
    // over 64 KB (u16 bounds) or made mostly of columns the profile does not compare (memory) are stored
    // cell by cell as UTF-8 instead.
    const span = spanLength < 0x10000 && spanLength <= 2 * cellBytes + 4 * cells;
    let size = 14 + keyLength;
    if (span) size += 4 + spanLength + 4 * cells;
    else for (let j = 0; j < cells; j++) size += ((cellEnd[j]! - cellStart[j]!) * 3) / 2 + 5;
    const block = into.reserve(size);
    const position = into.position;
    let at = into.offset;
    put32(block, at, 0);
    put32(block, at + 4, row);
    at = writeLength(block, at + 8, keyLength);
    for (let i = 0; i < keyLength; i++) block[at++] = key[i]!;
    if (span) {
      block[at] = oldIsGb18030 ? GB_SPAN : SPAN;
      put32(block, at + 1, spanLength);
      at += 5;
      for (let j = 0; j < cells; j++) {
        const s = cellStart[j]! - spanStart;
        const e = cellEnd[j]! - spanStart;
        block[at++] = s & 0xff;
        block[at++] = s >>> 8;
        block[at++] = e & 0xff;
        block[at++] = e >>> 8;
      }
      buf.copy(block, at, spanStart, spanStart + spanLength);
      at += spanLength;
    } else {
      block[at++] = CELLS;
      for (let j = 0; j < cells; j++) {
        const s = cellStart[j]!;
        const e = cellEnd[j]!;
        if (!oldIsGb18030) {
          at = writeLength(block, at, e - s);
          for (let i = s; i < e; i++) block[at++] = buf[i]!;
          continue;
        }
        // GB18030 → UTF-8 straight into the arena (ASCII bytes copied as they are), behind a one-byte
        // length; a cell of 255 UTF-8 bytes or more is moved 4 bytes on for the long length form.
        const bytesEnd = gb18030ToUtf8(buf, s, e, block, at + 1);
        if (bytesEnd >= 0) {
          const written = bytesEnd - at - 1;
          if (written < 255) {
            block[at] = written;
            at = bytesEnd;
          } else {
            block.copyWithin(at + 5, at + 1, bytesEnd);
            at = writeLength(block, at, written) + written;
          }
        } else {
          const text = oldSource.decode(buf, s, e);
          at = writeLength(block, at, Buffer.byteLength(text));
          at += block.write(text, at, 'utf8');
        }
      }
    }
    into.commit(at);
    return position;
  };

  /** The offset after an arena record whose key ends at `at`. */
  const recordEnd = (block: Buffer, at: number): number => {
    if (block[at] !== CELLS) return at + 5 + 4 * cells + get32(block, at + 1);
    at++;
    for (let j = 0; j < cells; j++) {
      at = readLength(block, at, cellLength);
      at += cellLength[0]!;
    }
    return at;
  };

  // A split comparison (see reconcile()) indexes the old records of both parts of the file as they come:
  // its own as it scans, the other thread's between chunks. The first record of a key in file order is
  // indexed and any other is a duplicate (marked, so that it is never reported missing): a second-part
  // record gives its place up to a first-part record of the same key that comes after it. Second-part
  // records keep their row counted from the cut until the first part's records are counted.
  /** Arena blocks written by the other thread. */
  const adopted: boolean[] = [];
  const ownLate = split?.role === 1;
  const lateBlock = (b: number) => ownLate !== (adopted[b] === true);
  const isLate = (position: number) => lateBlock(Arena.blockOf(position));
  /** Rows before the cut of the old file (known after its first part is scanned). */
  let oldRowsBefore = 0;
  const oldRowOf = (position: number) =>
    get32(arena.block(position), Arena.offsetOf(position) + 4) + (isLate(position) ? oldRowsBefore : 0);
  /** Key of a duplicate old record → its first duplicate row (a second-part row + 2^32). */
  const duplicateOld = new Map<string, number>();
  const noteDuplicateOld = (late: boolean, row: number) => {
    const text = keyText();
    const at = late ? row + 2 ** 32 : row;
    const seen = duplicateOld.get(text);
    if (seen === undefined || at < seen) duplicateOld.set(text, at);
  };
  /** The record at `existing` is a second-part record of the key of `position`, a first-part one. */
  const displaceOld = (existing: number, position: number) => {
    index.replace(keyHash, existing, position);
    const block = arena.block(existing);
    const at = Arena.offsetOf(existing);
    put32(block, at, DUPLICATE);
    noteDuplicateOld(true, get32(block, at + 4));
  };

  // Records are indexed in groups of up to GROUP (see KeyIndex.touch): this thread's at the end of each
  // chunk scanned (written to the arena as they come; a duplicate is marked afterwards), the other thread's
  // per block.
  const queuedPositions = new Float64Array(GROUP);
  const queuedHashes = new Int32Array(GROUP);
  let queuedRecords = 0;
  let queuedLate = false;
  /** Indexes the queued records: each is the first of its key, or a duplicate. */
  const indexQueued = () => {
    const n = queuedRecords;
    queuedRecords = 0;
    touched ^= index.touch(queuedHashes, n);
    for (let k = 0; k < n; k++) {
      const position = queuedPositions[k]!;
      const hash = queuedHashes[k]!;
      const block = arena.block(position);
      const at = Arena.offsetOf(position);
      const keyAt = readLength(block, at + 8, cellLength);
      const length = cellLength[0]!;
      const existing = index.find(hash, block, length, keyAt);
      if (existing < 0) {
        index.insert(hash, position);
        continue;
      }
      // A duplicate key: it becomes the current key (for noteDuplicateOld and displaceOld).
      if (length > key.length) key = Buffer.allocUnsafe(length * 2);
      block.copy(key, 0, keyAt, keyAt + length);
      keyLength = length;
      keyHash = hash;
      if (queuedLate || !isLate(existing)) {
        put32(block, at, DUPLICATE);
        noteDuplicateOld(queuedLate, get32(block, at + 4));
      } else displaceOld(existing, position);
    }
  };
  const queueRecord = (position: number, hash: number, late: boolean) => {
    if (queuedRecords > 0 && late !== queuedLate) indexQueued();
    queuedLate = late;
    queuedPositions[queuedRecords] = position;
    queuedHashes[queuedRecords++] = hash;
    if (queuedRecords === GROUP) indexQueued();
  };

  /** Indexes the other thread's records of arena block b. */
  const indexBlock = (b: number) => {
    const late = lateBlock(b);
    const block = arena.blocks[b]!;
    const used = arena.used[b]!;
    let at = 0;
    while (at < used) {
      const keyAt = readLength(block, at + 8, cellLength);
      const length = cellLength[0]!;
      queueRecord(Arena.blockStart(b) + at, hashBytes(block, keyAt, keyAt + length), late);
      at = recordEnd(block, keyAt + length);
    }
    indexQueued();
  };

  let outbox = split ? new Arena(OUTBOX_BLOCK) : null;
  let otherOldLast: SplitMessage | null = null;
  const sendOld = (last: { ok: boolean; rowsBefore: number; rows: number } | null) => {
    sendPacket(split!, 'old', outbox!, last);
    outbox = new Arena(OUTBOX_BLOCK);
  };
  /** Indexes the other thread's records; returns whether that was its last message of the old side. */
  const takeOld = (message: SplitMessage): boolean => {
    if (message.side !== 'old') throw new Error(`split run out of step: ${message.side} for old`);
    for (const b of arena.adopt(message.blocks, message.used)) {
      adopted[b] = true;
      indexBlock(b);
    }
    if (message.last) otherOldLast = message;
    return message.last;
  };
  /** Takes the other thread's messages up to its last, which it returns. */
  const takeOldUntilLast = async (link: SplitLink): Promise<SplitMessage> => {
    for (;;) {
      if (otherOldLast) return otherOldLast;
      takeOld(await link.receive());
    }
  };
  if (split?.role === 0 && split.plan.lateFirst) await takeOldUntilLast(split.link);
  const oldEnd = await oldSource.scan(
    (buf, starts, ends, count, row) => {
      oldRows++;
      if (count !== oldWidth) throw raggedRow(oldSource, count, row);
      buildKey(oldSource, buf, starts, ends, oldKeyIdx);
      const own = mine(keyHash);
      if (!own && !outbox) return;
      trimCells(buf, starts, ends, oldCmpIdx);
      addNumbers(oldSource, oldTotals, buf);
      if (!own) {
        writeRecord(outbox!, buf, row);
        return;
      }
      queueRecord(writeRecord(arena, buf, row), keyHash, ownLate);
    },
    (bytesRead) => {
      progress('old', oldRows, bytesRead);
      if (!split) return;
      if (outbox!.blocks.length > 0) sendOld(null);
      if (split.plan.lateFirst) return;
      for (let m = split.link.poll(); m; m = otherOldLast ? undefined : split.link.poll()) takeOld(m);
    },
    split ? rangeOf(split, 'old') : undefined,
    indexQueued,
  );
  trace(`part ${split?.role ?? '-'} old scanned`);
  if (split) {
    const ok = split.role === 1 || (oldEnd.offset === split.plan.old && oldEnd.rows >= oldSource.headerRow);
    sendOld({ ok, rowsBefore: oldEnd.rows, rows: oldRows });
    if (!ok) throw new SplitMismatch(`${oldSource.fileName}: no record starts at ${split.plan.old}`);
    const last = await takeOldUntilLast(split.link);
    if (!last.ok) throw new SplitMismatch(`${oldSource.fileName}: no record starts at ${split.plan.old}`);
    oldRows += last.rows;
    oldRowsBefore = split.role === 0 ? oldEnd.rows : last.rowsBefore;
  }
  // Duplicate keys in the order one thread meets them (the row of each key's second record).
  [...duplicateOld]
    .map(([text, at]) => [text, at >= 2 ** 32 ? at - 2 ** 32 + oldRowsBefore : at] as const)
    .sort((a, b) => a[1] - b[1])
    .forEach(([text, row]) => report(rowDiscrepancy('duplicate-key-old', text, row, null)));
  // Blocks of the arena in old-file order, for the pass over what the new side never claimed.
  const blockOrder = arena.blocks.map((_, b) => b).filter((b) => !lateBlock(b));
  for (let b = 0; b < arena.blocks.length; b++) if (lateBlock(b)) blockOrder.push(b);
  oldTotals.rows = oldRows;
  trace(`part ${split?.role ?? '-'} old indexed`);

  // ---- New side: stream --------------------------------------------------------------------------------
  phaseStarted = performance.now();
  progress('new', 0, oldSource.size, true);
  const newOnly = new Set<string>();
  const duplicateNew = new Set<string>();
  const differenceCounts = new Float64Array(plans.length);
  const newIsUtf8 = newSource.encoding !== 'gb18030';
  let newRows = 0;
  let matched = 0;
  let rowsWithDifferences = 0;

  const reportDuplicateNew = (text: string, row: number, late: boolean) => {
    if (!duplicateNew.has(text)) {
      duplicateNew.add(text);
      (late ? reportLate : report)(rowDiscrepancy('duplicate-key-new', text, null, row));
    }
  };

  /** A new row of no old key: missing in old, or a duplicate of the first such row. */
  const reportNewOnly = (text: string, row: number, late: boolean) => {
    if (newOnly.has(text)) {
      reportDuplicateNew(text, row, late);
    } else {
      newOnly.add(text);
      (late ? reportLate : report)(rowDiscrepancy('missing-in-old', text, null, row));
    }
  };

  // A split comparison (see reconcile()) compares the rows of the second part of the new file (`late`, row
  // numbers counted from the cut) as they come, before it has seen all rows of the first part. The first
  // of two rows with one key must claim the old row, so: a late row that would be a duplicate or missing
  // in old is only noted (`lateRows`) and decided after every first-part row; a late row that claimed an
  // old row gives it up to a first-part row of the same key that comes after it (its differences are
  // taken back, and it is decided as a duplicate at the end). A late claim is the row with this bit set.
  const LATE = 0x80000000;
  /** Late rows decided at the end: row, key. */
  const lateRows: [number, string][] = [];
  /** Old-record position → compared columns that differed, for each late claim that found differences. */
  const lateDifferences = new Map<number, number[]>();
  /** Late rows whose claim was given up: their 'different' discrepancies are dropped at the end. */
  const displaced = new Set<number>();

  /** A late claim of the old record at `position` given up to a first-part row. */
  const displace = (position: number, lateRow: number) => {
    const columns = lateDifferences.get(position);
    if (columns) {
      lateDifferences.delete(position);
      rowsWithDifferences--;
      for (const j of columns) differenceCounts[j]!--;
      discrepancyCount -= columns.length;
      displaced.add(lateRow);
      // Those discrepancies may have been cut from the kept list already: what remains is no longer the
      // first maxDiscrepancies. The run without the split gives the exact list.
      if (lateCut) throw new SplitMismatch('a displaced row after the discrepancy list was cut');
    }
    lateRows.push([lateRow, keyText()]);
  };

  // Rows of this thread's keys are compared in groups of up to GROUP (see KeyIndex.touch): each is queued
  // with what matchRow reads (key, cell bounds in its buffer, numbers), and the group is compared in order
  // when it is full and before its buffer is reused (the scanner's release, the end of a packet).
  const numberCount = numberCells.length;
  const queuedBufs: Buffer[] = [];
  const queuedRows = new Float64Array(GROUP);
  const queuedLateRows = new Uint8Array(GROUP);
  const queuedRowHashes = new Int32Array(GROUP);
  const queuedKeyAt = new Int32Array(GROUP);
  const queuedKeyLength = new Int32Array(GROUP);
  let queuedKeys = Buffer.allocUnsafe(GROUP * 64);
  let queuedKeyBytes = 0;
  const queuedStarts = new Int32Array(GROUP * cells);
  const queuedEnds = new Int32Array(GROUP * cells);
  const queuedSpans = new Int32Array(GROUP * 2);
  const queuedNumbers = new Float64Array(GROUP * numberCount);
  let queuedRowCount = 0;
  const queueRow = (buf: Buffer, row: number, late: boolean) => {
    const k = queuedRowCount;
    queuedBufs[k] = buf;
    queuedRows[k] = row;
    queuedLateRows[k] = late ? 1 : 0;
    queuedRowHashes[k] = keyHash;
    if (queuedKeyBytes + keyLength > queuedKeys.length) {
      const bigger = Buffer.allocUnsafe((queuedKeyBytes + keyLength) * 2);
      queuedKeys.copy(bigger, 0, 0, queuedKeyBytes);
      queuedKeys = bigger;
    }
    queuedKeyAt[k] = queuedKeyBytes;
    queuedKeyLength[k] = keyLength;
    for (let i = 0; i < keyLength; i++) queuedKeys[queuedKeyBytes + i] = key[i]!;
    queuedKeyBytes += keyLength;
    for (let j = 0, q = k * cells; j < cells; j++, q++) {
      queuedStarts[q] = cellStart[j]!;
      queuedEnds[q] = cellEnd[j]!;
    }
    queuedSpans[2 * k] = spanLo;
    queuedSpans[2 * k + 1] = spanHi;
    for (let n = 0, q = k * numberCount; n < numberCount; n++, q++) queuedNumbers[q] = numberValues[n]!;
    queuedRowCount = k + 1;
    if (queuedRowCount === GROUP) compareQueued();
  };
  /** Compares the queued rows in order. */
  const compareQueued = () => {
    const count = queuedRowCount;
    queuedRowCount = 0;
    touched ^= index.touch(queuedRowHashes, count);
    for (let k = 0; k < count; k++) {
      const length = queuedKeyLength[k]!;
      if (length > key.length) key = Buffer.allocUnsafe(length * 2);
      for (let i = 0, from = queuedKeyAt[k]!; i < length; i++) key[i] = queuedKeys[from + i]!;
      keyLength = length;
      keyHash = queuedRowHashes[k]!;
      matchRow(queuedBufs[k]!, queuedRows[k]!, queuedLateRows[k] === 1, k);
    }
    queuedKeyBytes = 0;
    queuedBufs.length = 0;
  };

  /** Compares queued row k (its key in `key`; cell bounds, span and numbers in the queue) with the old side's. */
  const matchRow = (buf: Buffer, row: number, late: boolean, k: number) => {
    const cellsAt = k * cells;
    const numbersAt = k * numberCount;
    const position = index.find(keyHash, key, keyLength);
    if (position < 0) {
      if (late) lateRows.push([row, keyText()]);
      else reportNewOnly(keyText(), row, false);
      return;
    }
    const block = arena.block(position);
    let at = Arena.offsetOf(position);
    const claim = get32(block, at);
    if (claim !== 0) {
      if (late) {
        lateRows.push([row, keyText()]);
        return;
      }
      if (claim < LATE) {
        reportDuplicateNew(keyText(), row, false);
        return;
      }
      displace(position, claim - LATE);
      matched--;
    }
    put32(block, at, late ? row + LATE : row);
    matched++;
    at = readLength(block, at + 8, cellLength);
    at += cellLength[0]!;
    const newSpanStart = queuedSpans[2 * k]!;
    const newSpanEnd = queuedSpans[2 * k + 1]!;
    const newSpanLength = newSpanEnd - newSpanStart;
    const layout = block[at];
    const span = layout !== CELLS;
    // Cells in GB18030 bytes: equal to UTF-8 new cells by gb18030EqualsUtf8, to GB18030 ones by their bytes.
    const gb = layout === GB_SPAN;
    let spanAt = 0;
    if (span) {
      const spanLength = get32(block, at + 1);
      at += 5;
      spanAt = at + 4 * cells;
      // Same bytes and the same cell bounds in them: every compared cell is equal, whatever its kind.
      if (gb === !newIsUtf8 && spanLength === newSpanLength) {
        let sameBounds = true;
        for (let j = 0, b = at; j < cells && sameBounds; j++, b += 4) {
          sameBounds =
            block.readUInt16LE(b) === queuedStarts[cellsAt + j]! - newSpanStart &&
            block.readUInt16LE(b + 2) === queuedEnds[cellsAt + j]! - newSpanStart;
        }
        if (sameBounds && block.compare(buf, newSpanStart, newSpanEnd, spanAt, spanAt + spanLength) === 0)
          return;
      }
    } else {
      at++;
    }
    let rowDiffers = false;
    for (let j = 0; j < cells; j++) {
      let os: number;
      let oe: number;
      if (span) {
        os = spanAt + block.readUInt16LE(at);
        oe = spanAt + block.readUInt16LE(at + 2);
        at += 4;
      } else {
        at = readLength(block, at, cellLength);
        os = at;
        oe = at + cellLength[0]!;
        at = oe;
      }
      const ns = queuedStarts[cellsAt + j]!;
      const ne = queuedEnds[cellsAt + j]!;
      if (
        gb && newIsUtf8
          ? gb18030EqualsUtf8(block, os, oe, buf, ns, ne)
          : gb === !newIsUtf8 && bytesEqual(block, os, oe, buf, ns, ne)
      )
        continue;
      const plan = plans[j]!;
      const slot = numberSlot[j]!;
      // Numbers and datetimes in another format (thousands separators, 2026/11/20 vs ISO) are judged
      // from the bytes; strings are made only when that cannot decide.
      if (plan.kind === 'number' && ne > ns && oe > os && parseNumberBytes(block, os, oe)) {
        const newNumber = queuedNumbers[numbersAt + slot]!;
        if (!Number.isNaN(newNumber) && numbersEqual(numberScratch[0]!, newNumber, plan.tolerance)) continue;
      } else if (plan.kind === 'datetime') {
        const a = parseDateTimeBytes(block, os, oe);
        if (!Number.isNaN(a) && a === parseDateTimeBytes(buf, ns, ne)) continue;
      }
      const oldText = gb ? oldSource.decode(block, os, oe) : block.toString('utf8', os, oe);
      const newText = newSource.decode(buf, ns, ne);
      if (cellsEqual(plan, oldText, newText, slot >= 0 ? queuedNumbers[numbersAt + slot]! : NaN)) continue;
      differenceCounts[j]!++;
      if (late) {
        if (!rowDiffers) lateDifferences.set(position, []);
        lateDifferences.get(position)!.push(j);
      }
      rowDiffers = true;
      (late ? reportLate : report)({
        key: keyText().split(KEY_SEPARATOR),
        kind: 'different',
        column: plan.newName,
        oldValue: oldText,
        newValue: newText,
        oldRow: oldRowOf(position),
        newRow: row,
      });
    }
    if (rowDiffers) rowsWithDifferences++;
  };

  /** Packs the current record for the other thread, or for later (layout: see unpackRows). */
  const packRow = (into: Arena, buf: Buffer, row: number) => {
    const spanLength = spanHi - spanLo;
    const block = into.reserve(16 + keyLength + 8 * cells + spanLength + 8 * numberCells.length);
    let at = into.offset;
    put32(block, at, row);
    put32(block, at + 4, keyHash);
    put32(block, at + 8, keyLength);
    at += 12;
    for (let i = 0; i < keyLength; i++) block[at++] = key[i]!;
    put32(block, at, spanLength);
    at += 4;
    if (spanLength < 0x10000) {
      for (let j = 0; j < cells; j++) {
        const s = cellStart[j]! - spanLo;
        const e = cellEnd[j]! - spanLo;
        block[at++] = s;
        block[at++] = s >>> 8;
        block[at++] = e;
        block[at++] = e >>> 8;
      }
    } else {
      for (let j = 0; j < cells; j++, at += 8) {
        put32(block, at, cellStart[j]! - spanLo);
        put32(block, at + 4, cellEnd[j]! - spanLo);
      }
    }
    buf.copy(block, at, spanLo, spanHi);
    at += spanLength;
    for (let n = 0; n < numberCells.length; n++, at += 8) putDouble(block, at, numberValues[n]!);
    into.commit(at);
  };

  /**
   * Compares packed records: u32 row · u32 key hash · u32 key length · key · u32 span length · cell bounds
   * (u16 pairs when the span is under 64 KB, else u32) · span · numbers.
   */
  const unpackRows = (blocks: Buffer[], used: number[], late: boolean) => {
    blocks.forEach((block, b) => {
      let at = 0;
      while (at < used[b]!) {
        const row = get32(block, at);
        keyHash = get32(block, at + 4) | 0;
        const length = get32(block, at + 8);
        at += 12;
        if (length > key.length) key = Buffer.allocUnsafe(length * 2);
        for (let i = 0; i < length; i++) key[i] = block[at + i]!;
        keyLength = length;
        at += length;
        const spanLength = get32(block, at);
        const bounds = at + 4;
        if (spanLength < 0x10000) {
          spanLo = bounds + 4 * cells;
          for (let j = 0, k = bounds; j < cells; j++, k += 4) {
            cellStart[j] = spanLo + (block[k]! | (block[k + 1]! << 8));
            cellEnd[j] = spanLo + (block[k + 2]! | (block[k + 3]! << 8));
          }
        } else {
          spanLo = bounds + 8 * cells;
          for (let j = 0; j < cells; j++) {
            cellStart[j] = spanLo + get32(block, bounds + 8 * j);
            cellEnd[j] = spanLo + get32(block, bounds + 8 * j + 4);
          }
        }
        spanHi = spanLo + spanLength;
        at = spanHi;
        for (let n = 0; n < numberCells.length; n++, at += 8) numberValues[n] = getDouble(block, at);
        queueRow(block, row, late);
      }
    });
    compareQueued();
  };

  // Split: rows of the other thread's keys are packed for it and sent after each chunk; what the other
  // thread sent is compared between chunks (and after the scan, up to its last message). The second
  // part's rows are late (see matchRow): the worker's own rows, and on this thread the worker's.
  let newOutbox = split ? new Arena(OUTBOX_BLOCK) : null;
  let otherLast: SplitMessage | null = null;
  const sendNew = (last: { ok: boolean; rowsBefore: number; rows: number } | null) => {
    sendPacket(split!, 'new', newOutbox!, last);
    newOutbox = new Arena(OUTBOX_BLOCK);
  };
  /** Compares the other thread's rows; returns whether that was its last message of the new side. */
  const takeNew = (message: SplitMessage): boolean => {
    if (message.side !== 'new') throw new Error(`split run out of step: ${message.side} for new`);
    unpackRows(
      message.blocks.map((b) => Buffer.from(b)),
      message.used,
      split!.role === 0,
    );
    if (message.last) otherLast = message;
    return message.last;
  };
  /** Takes the other thread's messages up to its last, which it returns. */
  const takeNewUntilLast = async (link: SplitLink): Promise<SplitMessage> => {
    for (;;) {
      if (otherLast) return otherLast;
      takeNew(await link.receive());
    }
  };
  if (split?.role === 0 && split.plan.lateFirst) await takeNewUntilLast(split.link);
  const newEnd = await newSource.scan(
    (buf, starts, ends, count, row) => {
      newRows++;
      if (count !== newWidth) throw raggedRow(newSource, count, row);
      buildKey(newSource, buf, starts, ends, newKeyIdx);
      const own = mine(keyHash);
      if (!own && !newOutbox) return;
      trimCells(buf, starts, ends, newCmpIdx);
      addNumbers(newSource, newTotals, buf);
      if (!own) packRow(newOutbox!, buf, row);
      else queueRow(buf, row, ownLate);
    },
    (bytesRead) => {
      progress('new', newRows, oldSource.size + bytesRead);
      if (!split) return;
      if (newOutbox!.blocks.length > 0) sendNew(null);
      if (split.plan.lateFirst) return;
      for (let m = split.link.poll(); m; m = otherLast ? undefined : split.link.poll()) takeNew(m);
    },
    split ? rangeOf(split, 'new') : undefined,
    compareQueued,
  );
  trace(`part ${split?.role ?? '-'} new scanned`);
  if (split) {
    const ok = split.role === 1 || (newEnd.offset === split.plan.new && newEnd.rows >= newSource.headerRow);
    sendNew({ ok, rowsBefore: newEnd.rows, rows: newRows });
    if (!ok) throw new SplitMismatch(`${newSource.fileName}: no record starts at ${split.plan.new}`);
    const last = await takeNewUntilLast(split.link);
    if (!last.ok) throw new SplitMismatch(`${newSource.fileName}: no record starts at ${split.plan.new}`);
    newRows += last.rows;
    const rowsBefore = split.role === 0 ? newEnd.rows : last.rowsBefore;
    // Every first-part row is compared: the late rows noted on the way are decided in row order.
    lateRows.sort((a, b) => a[0] - b[0]);
    for (const [row, text] of lateRows) {
      const length = Buffer.byteLength(text);
      if (length > key.length) key = Buffer.allocUnsafe(length * 2);
      keyLength = key.write(text, 0, 'utf8');
      keyHash = hashBytes(key, 0, keyLength);
      if (index.find(keyHash, key, keyLength) >= 0) reportDuplicateNew(text, row, true);
      else reportNewOnly(text, row, true);
    }
    cutLate();
    for (const d of lateReports) {
      d.newRow! += rowsBefore;
      discrepancies.push(d);
    }
  }
  newTotals.rows = newRows;
  trace(`part ${split?.role ?? '-'} new compared`);

  // ---- What the new side never claimed, in old-file order ------------------------------------------------
  progress('finish', newRows, totalBytes, true);
  let missingInNew = 0;
  blockOrder.forEach((b) => {
    const block = arena.blocks[b]!;
    const used = arena.used[b]!;
    let at = 0;
    while (at < used) {
      const claimed = get32(block, at) !== 0;
      const oldRow = get32(block, at + 4) + (lateBlock(b) ? oldRowsBefore : 0);
      at = readLength(block, at + 8, cellLength);
      const keyStart = at;
      at += cellLength[0]!;
      if (!claimed) {
        missingInNew++;
        report(rowDiscrepancy('missing-in-new', block.toString('utf8', keyStart, at), oldRow, null));
      }
      at = recordEnd(block, at);
    }
  });
  trace(`part ${split?.role ?? '-'} missing done (${touched & 1})`);
  const fieldDifferences: Record<string, number> = {};
  plans.forEach((plan, j) => (fieldDifferences[plan.newName] = differenceCounts[j]!));

  return {
    summary: {
      oldRows,
      newRows,
      matched,
      missingInNew,
      missingInOld: newOnly.size,
      rowsWithDifferences,
      duplicateKeysOld: duplicateOld.size,
      duplicateKeysNew: duplicateNew.size,
      fieldDifferences,
    },
    discrepancies,
    count: discrepancyCount,
    totals: { old: oldTotals.raw(), new: newTotals.raw() },
    numberColumns: { old: numeric.map((c) => c.old), new: numeric.map((c) => c.new) },
  };
}

/** Where a discrepancy falls in one thread's order: old-side duplicates, the new file, then what new lacks. */
function orderOf(d: Discrepancy): number {
  if (d.kind === 'duplicate-key-old') return d.oldRow!;
  if (d.kind === 'missing-in-new') return 2 * 2 ** 32 + d.oldRow!;
  return 2 ** 32 + d.newRow!;
}

/** One result from the partitions, in the order and with the truncation one thread would have produced. */
export function mergeParts(parts: PartResult[], maxDiscrepancies: number, started: number): ReconcileResult {
  const first = parts[0]!;
  const sum = (pick: (s: PartResult['summary']) => number) => parts.reduce((n, p) => n + pick(p.summary), 0);
  const fieldDifferences: Record<string, number> = {};
  for (const name of Object.keys(first.summary.fieldDifferences)) {
    fieldDifferences[name] = parts.reduce((n, p) => n + p.summary.fieldDifferences[name]!, 0);
  }
  let discrepancies = first.discrepancies;
  if (parts.length > 1) {
    // Each part is already in this order, and a row belongs to one part only (its key decides): a stable
    // sort by position gives exactly the single-thread order; each part kept its first maxDiscrepancies,
    // which holds the first maxDiscrepancies of the whole.
    discrepancies = parts
      .flatMap((p) => p.discrepancies)
      .map((d) => ({ d, at: orderOf(d) }))
      .sort((a, b) => a.at - b.at)
      .slice(0, maxDiscrepancies)
      .map(({ d }) => d);
  }
  const count = parts.reduce((n, p) => n + p.count, 0);
  return {
    summary: {
      oldRows: first.summary.oldRows,
      newRows: first.summary.newRows,
      matched: sum((s) => s.matched),
      missingInNew: sum((s) => s.missingInNew),
      missingInOld: sum((s) => s.missingInOld),
      rowsWithDifferences: sum((s) => s.rowsWithDifferences),
      duplicateKeysOld: sum((s) => s.duplicateKeysOld),
      duplicateKeysNew: sum((s) => s.duplicateKeysNew),
      fieldDifferences,
      controlTotals: {
        old: sideTotals(
          parts.map((p) => p.totals.old),
          first.numberColumns.old,
        ),
        new: sideTotals(
          parts.map((p) => p.totals.new),
          first.numberColumns.new,
        ),
      },
    },
    discrepancies,
    truncated: count > discrepancies.length,
    elapsedMs: Math.round(performance.now() - started),
  };
}

const ZIP_MAGIC = 0x04034b50;

/** Two CSV files large enough together to be worth a second thread; anything else runs on one. */
async function worthSplitting(input: ReconcileInput, minBytes: number): Promise<boolean> {
  let total = 0;
  for (const path of [input.oldFile, input.newFile]) {
    try {
      const fh = await open(path, 'r');
      try {
        const head = Buffer.alloc(4);
        const { bytesRead } = await fh.read(head, 0, 4, 0);
        if (bytesRead === 4 && head.readUInt32LE(0) === ZIP_MAGIC) return false;
        total += (await fh.stat()).size;
      } finally {
        await fh.close();
      }
    } catch {
      return false; // the one-thread path reports the unreadable file
    }
  }
  return total >= minBytes;
}

function defaultThreads(): number {
  const fromEnv = Number(process.env.WARDSIDE_RECONCILE_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv >= 1) return Math.min(fromEnv, 2);
  return availableParallelism() > 1 ? 2 : 1;
}

export async function reconcile(
  input: ReconcileInput,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const started = performance.now();
  const maxDiscrepancies = input.maxDiscrepancies ?? DEFAULT_MAX_DISCREPANCIES;
  const threads = options.threads ?? defaultThreads();
  const minSplitBytes =
    options.minSplitBytes ?? (Number(process.env.WARDSIDE_RECONCILE_SPLIT_BYTES) || DEFAULT_MIN_SPLIT_BYTES);
  if (threads < 2 || !(await worthSplitting(input, minSplitBytes))) {
    return mergeParts([await reconcilePart(input, options, null)], maxDiscrepancies, started);
  }
  const splitFiles = options.splitFiles ?? process.env.WARDSIDE_RECONCILE_SPLIT_FILES === '1';
  const plan = splitFiles ? await planSplit(input) : null;
  if (plan) {
    try {
      return await splitRun(input, options, plan, maxDiscrepancies, started);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      // A boundary inside a quoted line break, a ragged row, bytes in another encoding…: the run below
      // reads both files whole on both threads and stops exactly where one thread would, with its message.
    }
  }
  // The second half of the key space on a worker thread; this thread takes the first half and reports
  // progress (it reads both files whole, as the worker does). The first failure stops the other side.
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const helper = startPartition(input, { index: 1, count: 2 });
  try {
    const parts = await Promise.all([
      reconcilePart(input, { onProgress: options.onProgress, signal }, { index: 0, count: 2 }),
      helper.result.catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    ]);
    return mergeParts(parts, maxDiscrepancies, started);
  } finally {
    helper.cancel();
  }
}

/**
 * The old file's first part is the larger by what this thread scans while the worker starts (both wait for
 * each other at the end of the old file): about WORKER_START_MS at OLD_BYTES_PER_MS, one thread's speed on
 * the old side. The new file is cut in the middle (both threads start it together).
 * WARDSIDE_RECONCILE_FIRST_PART (a share of the old file) to experiment.
 */
const WORKER_START_MS = 150;
const OLD_BYTES_PER_MS = 80_000;

function oldFirstPart(size: number): number {
  const fixed = Number(process.env.WARDSIDE_RECONCILE_FIRST_PART);
  if (fixed > 0 && fixed < 1) return fixed;
  return Math.min(0.8, 0.5 + (WORKER_START_MS * OLD_BYTES_PER_MS) / 2 / Math.max(1, size));
}

/**
 * Where each file's second part starts: after the first line feed past its share of the data (the old
 * file's share from its size, or `oldShare`).
 */
export async function planSplit(input: ReconcileInput, oldShare?: number): Promise<SplitPlan | null> {
  const old = await boundary(input.oldFile, input.encodingOld, (size) => oldShare ?? oldFirstPart(size));
  const neu = old === null ? null : await boundary(input.newFile, input.encodingNew, () => 0.5);
  return old === null || neu === null ? null : { old, new: neu };
}

async function boundary(
  path: string,
  choice: ReconcileInput['encodingOld'],
  share: (size: number) => number,
): Promise<number | null> {
  if (choice === 'utf-16le') return null;
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(3);
    await fh.read(head, 0, 3, 0);
    // UTF-16 is transcoded before scanning: its byte offsets are not the scanner's.
    if (head[0] === 0xff && head[1] === 0xfe) return null;
    const skip = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
    const middle = skip + Math.floor((size - skip) * share(size));
    const window = Buffer.alloc(Math.min(1 << 16, size - middle));
    const { bytesRead } = await fh.read(window, 0, window.length, middle);
    // A line feed is never part of a UTF-8 or GB18030 character; whether it ends a record (and not a line
    // inside a quoted cell) the first part's scan tells when it gets there.
    const lf = window.subarray(0, bytesRead).indexOf(0x0a);
    return lf < 0 || middle + lf + 1 >= size ? null : middle + lf + 1;
  } finally {
    await fh.close();
  }
}

/**
 * Both files split at a record boundary: this thread scans the first part of each and a worker the second,
 * each keeping the rows of its half of the key hashes and sending the other the rest.
 */
export async function splitRun(
  input: ReconcileInput,
  options: ReconcileOptions,
  plan: SplitPlan,
  maxDiscrepancies: number,
  started: number,
): Promise<ReconcileResult> {
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const helper = startPartition(input, { index: 1, count: 2 }, plan);
  try {
    const parts = await Promise.all([
      reconcilePart(
        input,
        { onProgress: options.onProgress, signal },
        { index: 0, count: 2 },
        { role: 0, plan, link: helper.link },
      ),
      helper.result.catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    ]);
    return mergeParts(parts, maxDiscrepancies, started);
  } finally {
    helper.cancel();
  }
}

/** A discrepancy about a whole row (missing or duplicate key). */
function rowDiscrepancy(
  kind: Discrepancy['kind'],
  key: string,
  oldRow: number | null,
  newRow: number | null,
): Discrepancy {
  return {
    key: key.split(KEY_SEPARATOR),
    kind,
    column: null,
    oldValue: null,
    newValue: null,
    oldRow,
    newRow,
  };
}

/** The slow path, for cells whose bytes differ: judged by the column's compare kind. */
function cellsEqual(plan: Plan, oldText: string, newText: string, newNumber: number): boolean {
  if (plan.kind === 'number') {
    const oldNumber = parseNumberText(oldText);
    if (!Number.isNaN(oldNumber.value) && !Number.isNaN(newNumber)) {
      return numbersEqual(oldNumber.value, newNumber, plan.tolerance);
    }
  } else if (plan.kind === 'datetime') {
    const a = parseDateTime(oldText);
    const b = parseDateTime(newText);
    if (!Number.isNaN(a) && !Number.isNaN(b)) return a === b;
  }
  return textEqual(oldText, newText);
}
