// The comparison itself (issue #5). Memory stays bounded by the old side's compared cells: the old file is
// indexed once — key → its compared cells in a byte arena (UTF-8, length-prefixed, row-store.ts), never row
// objects or strings — then the new file is streamed against that index. Keys the new side never claimed are what is
// missing in new. Cells are compared as bytes first; only cells whose bytes differ are decoded and judged
// by their compare kind, which keeps the usual case (identical cells) free of string work.
import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { AppError } from '#services/core/errors.ts';
import { gb18030ToUtf8 } from './encoding.ts';
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
   * WARDSIDE_RECONCILE_SPLIT_BYTES, else 8 MiB.
   */
  minSplitBytes?: number;
}

/** One thread's share of a comparison: the rows whose key hash falls in `index` of `count` partitions. */
export interface Partition {
  index: number;
  count: number;
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

const DEFAULT_MIN_SPLIT_BYTES = 8 << 20;

/** Discrepancies kept in the result by default; the summary counts everything regardless. */
export const DEFAULT_MAX_DISCREPANCIES = 500_000;

const KEY_SEPARATOR = '\u001f';
/** Arena layouts of a row's compared cells (see the old-side sink). */
const SPAN = 1;
const CELLS = 2;
const PROGRESS_EVERY_MS = 200;

interface Plan {
  kind: CompareKind;
  tolerance: number;
  oldIndex: number;
  newIndex: number;
  oldName: string;
  newName: string;
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
): Promise<PartResult> {
  const profile = input.profile;
  // Profiles arrive checked (parseProfile, the workspace's own checks); the engine needs a key.
  if (!profile.columns.some((c) => c.key)) {
    throw new AppError('reconcile_bad_profile', { file: profile.name, detail: 'no column has "key": true' });
  }
  const maxDiscrepancies = input.maxDiscrepancies ?? DEFAULT_MAX_DISCREPANCIES;
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
    for (let k = 0; k < idx.length; k++) {
      trimBounds(buf, starts[idx[k]!]!, ends[idx[k]!]!, trim);
      const s = trim[0]!;
      const e = trim[1]!;
      if (at + e - s + 1 > key.length) {
        const bigger = Buffer.allocUnsafe((at + e - s + 1) * 2);
        key.copy(bigger, 0, 0, at);
        key = bigger;
      }
      if (k > 0) key[at++] = 0x1f;
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c >= 0x80) ascii = false;
        key[at++] = c;
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
    }
    keyLength = at;
    keyHash = hashBytes(key, 0, at);
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
        value = numberScratch.value;
        decimals = numberScratch.decimals;
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
  const arena = new Arena();
  const index = new KeyIndex(arena, oldSource.estimatedRows);
  const oldTotals = new Totals(numeric.length);
  const newTotals = new Totals(numeric.length);
  const duplicateOld = new Set<string>();
  const oldIsGb18030 = oldSource.encoding === 'gb18030';
  const oldWidth = oldSource.headers.length;
  const newWidth = newSource.headers.length;
  let oldRows = 0;

  await oldSource.scan(
    (buf, starts, ends, count, row) => {
      oldRows++;
      if (count !== oldWidth) throw raggedRow(oldSource, count, row);
      buildKey(oldSource, buf, starts, ends, oldKeyIdx);
      if (!mine(keyHash)) return;
      trimCells(buf, starts, ends, oldCmpIdx);
      addNumbers(oldSource, oldTotals, buf);
      if (index.find(keyHash, key, keyLength) >= 0) {
        const text = keyText();
        if (!duplicateOld.has(text)) {
          duplicateOld.add(text);
          report(rowDiscrepancy('duplicate-key-old', text, row, null));
        }
        return;
      }
      const spanStart = spanLo;
      const spanLength = spanHi - spanStart;
      let ascii = true;
      if (oldIsGb18030)
        for (let i = spanStart; i < spanStart + spanLength; i++)
          if (buf[i]! >= 0x80) {
            ascii = false;
            break;
          }
      // Span layout: the bytes from the first compared cell to the last, copied at once, and each cell's
      // bounds in them; identical rows then compare with one memcmp. GB18030 text is stored cell by cell
      // as UTF-8 instead, and so are spans over 64 KB (u16 bounds) or made mostly of columns the profile
      // does not compare (memory).
      const span = ascii && spanLength < 0x10000 && spanLength <= 2 * cellBytes + 4 * cells;
      let size = 14 + keyLength;
      if (span) size += 4 + spanLength + 4 * cells;
      else for (let j = 0; j < cells; j++) size += ((cellEnd[j]! - cellStart[j]!) * 3) / 2 + 5;
      const block = arena.reserve(size);
      const position = arena.position;
      let at = arena.offset;
      block.writeUInt32LE(0, at);
      block.writeUInt32LE(row, at + 4);
      at = writeLength(block, at + 8, keyLength);
      for (let i = 0; i < keyLength; i++) block[at++] = key[i]!;
      if (span) {
        block[at] = SPAN;
        block.writeUInt32LE(spanLength, at + 1);
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
      arena.commit(at);
      index.insert(keyHash, position);
    },
    (bytesRead) => progress('old', oldRows, bytesRead),
  );
  oldTotals.rows = oldRows;

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

  const reportDuplicateNew = (row: number) => {
    const text = keyText();
    if (!duplicateNew.has(text)) {
      duplicateNew.add(text);
      report(rowDiscrepancy('duplicate-key-new', text, null, row));
    }
  };

  await newSource.scan(
    (buf, starts, ends, count, row) => {
      newRows++;
      if (count !== newWidth) throw raggedRow(newSource, count, row);
      buildKey(newSource, buf, starts, ends, newKeyIdx);
      if (!mine(keyHash)) return;
      trimCells(buf, starts, ends, newCmpIdx);
      addNumbers(newSource, newTotals, buf);
      const position = index.find(keyHash, key, keyLength);
      if (position < 0) {
        const text = keyText();
        if (newOnly.has(text)) {
          reportDuplicateNew(row);
        } else {
          newOnly.add(text);
          report(rowDiscrepancy('missing-in-old', text, null, row));
        }
        return;
      }
      const block = arena.block(position);
      let at = Arena.offsetOf(position);
      if (block.readUInt32LE(at) !== 0) {
        reportDuplicateNew(row);
        return;
      }
      block.writeUInt32LE(row, at);
      matched++;
      const oldRow = block.readUInt32LE(at + 4);
      at = readLength(block, at + 8, cellLength);
      at += cellLength[0]!;
      const newSpanStart = spanLo;
      const newSpanLength = spanHi - newSpanStart;
      const span = block[at] === SPAN;
      let spanAt = 0;
      if (span) {
        const spanLength = block.readUInt32LE(at + 1);
        at += 5;
        spanAt = at + 4 * cells;
        // Same bytes and the same cell bounds in them: every compared cell is equal, whatever its kind.
        if (newIsUtf8 && spanLength === newSpanLength) {
          let sameBounds = true;
          for (let j = 0, b = at; j < cells && sameBounds; j++, b += 4) {
            sameBounds =
              block.readUInt16LE(b) === cellStart[j]! - newSpanStart &&
              block.readUInt16LE(b + 2) === cellEnd[j]! - newSpanStart;
          }
          if (sameBounds && block.compare(buf, newSpanStart, spanHi, spanAt, spanAt + spanLength) === 0)
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
        const ns = cellStart[j]!;
        const ne = cellEnd[j]!;
        if (newIsUtf8 && bytesEqual(block, os, oe, buf, ns, ne)) continue;
        const plan = plans[j]!;
        const slot = numberSlot[j]!;
        // Numbers and datetimes in another format (thousands separators, 2026/11/20 vs ISO) are judged
        // from the bytes; strings are made only when that cannot decide.
        if (plan.kind === 'number' && ne > ns && oe > os && parseNumberBytes(block, os, oe)) {
          const newNumber = numberValues[slot]!;
          if (!Number.isNaN(newNumber) && numbersEqual(numberScratch.value, newNumber, plan.tolerance))
            continue;
        } else if (plan.kind === 'datetime') {
          const a = parseDateTimeBytes(block, os, oe);
          if (!Number.isNaN(a) && a === parseDateTimeBytes(buf, ns, ne)) continue;
        }
        const oldText = block.toString('utf8', os, oe);
        const newText = newSource.decode(buf, ns, ne);
        if (cellsEqual(plan, oldText, newText, slot >= 0 ? numberValues[slot]! : NaN)) continue;
        rowDiffers = true;
        differenceCounts[j]!++;
        report({
          key: keyText().split(KEY_SEPARATOR),
          kind: 'different',
          column: plan.newName,
          oldValue: oldText,
          newValue: newText,
          oldRow,
          newRow: row,
        });
      }
      if (rowDiffers) rowsWithDifferences++;
    },
    (bytesRead) => progress('new', newRows, oldSource.size + bytesRead),
  );
  newTotals.rows = newRows;

  // ---- What the new side never claimed, in old-file order ------------------------------------------------
  progress('finish', newRows, totalBytes, true);
  let missingInNew = 0;
  arena.blocks.forEach((block, b) => {
    const used = arena.used[b]!;
    let at = 0;
    while (at < used) {
      const claimed = block.readUInt32LE(at) !== 0;
      const oldRow = block.readUInt32LE(at + 4);
      at = readLength(block, at + 8, cellLength);
      const keyStart = at;
      at += cellLength[0]!;
      if (!claimed) {
        missingInNew++;
        report(rowDiscrepancy('missing-in-new', block.toString('utf8', keyStart, at), oldRow, null));
      }
      if (block[at] === SPAN) {
        at += 5 + 4 * cells + block.readUInt32LE(at + 1);
      } else {
        at++;
        for (let j = 0; j < cells; j++) {
          at = readLength(block, at, cellLength);
          at += cellLength[0]!;
        }
      }
    }
  });
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
