// The comparison itself (issue #5). Memory stays bounded by the old side's compared cells: the old file is
// indexed once — key → offset of its compared cells in a byte arena (UTF-8, length-prefixed), never row
// objects — then the new file is streamed against that index. Keys the new side never claimed are what is
// missing in new. Cells are compared as bytes first; only cells whose bytes differ are decoded and judged
// by their compare kind, which keeps the usual case (identical cells) free of string work.
import { AppError } from '../../errors.ts';
import { validateProfile } from './profile.ts';
import { openTable, type TableSource } from './sources.ts';
import type {
  CompareKind,
  Discrepancy,
  ReconcileInput,
  ReconcileProgress,
  ReconcileResult,
  ReconcileSummary,
  SideTotals,
} from './types.ts';
import {
  numbersEqual,
  numberScratch,
  parseDateTime,
  parseNumberBytes,
  parseNumberText,
  textEqual,
} from './values.ts';

export interface ReconcileOptions {
  onProgress?: (progress: ReconcileProgress) => void;
  signal?: AbortSignal;
}

/** Discrepancies kept in the result by default; the summary counts everything regardless. */
export const DEFAULT_MAX_DISCREPANCIES = 500_000;

const KEY_SEPARATOR = '\u001f';
const PROGRESS_EVERY_MS = 200;

const BLOCK_BITS = 23;
const BLOCK_SIZE = 1 << BLOCK_BITS;

/** Append-only storage in 8 MB blocks (no doubling copies); a position is block << 23 | offset. */
class Arena {
  blocks: Buffer[] = [];
  current = Buffer.alloc(0);
  used = 0;

  /** Makes room for `size` contiguous bytes and returns the block to write into at `this.used`. */
  reserve(size: number): Buffer {
    if (this.used + size > this.current.length) {
      this.current = Buffer.allocUnsafe(Math.max(BLOCK_SIZE, size));
      this.blocks.push(this.current);
      this.used = 0;
    }
    return this.current;
  }

  get position(): number {
    return (this.blocks.length - 1) * BLOCK_SIZE + this.used;
  }

  /** Ends a record at `at`; a block bigger than BLOCK_SIZE (one huge row) takes nothing after it. */
  commit(at: number): void {
    this.used = this.current.length > BLOCK_SIZE ? this.current.length : at;
  }
}

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
  result(names: string[]): SideTotals {
    const sums: Record<string, number> = {};
    names.forEach((name, i) => {
      sums[name] = Number((this.sum[i]! + this.compensation[i]!).toFixed(Math.min(this.decimals[i]!, 10)));
    });
    return { rows: this.rows, sums };
  }
}

export async function reconcile(
  input: ReconcileInput,
  options: ReconcileOptions = {},
): Promise<ReconcileResult> {
  const started = performance.now();
  const profile = validateProfile(input.profile, 'profile');
  const maxDiscrepancies = input.maxDiscrepancies ?? DEFAULT_MAX_DISCREPANCIES;
  const oldSource = await openTable(input.oldFile, input.encodingOld);
  const newSource = await openTable(input.newFile, input.encodingNew);

  const keyColumns = profile.columns.filter((c) => c.key);
  const compared = profile.columns.filter((c) => !c.key && c.compare !== 'ignore');
  const numeric = profile.columns.filter((c) => c.compare === 'number');
  const oldKeyIdx = Int32Array.from(
    columnIndexes(
      oldSource,
      keyColumns.map((c) => c.old),
    ),
  );
  const newKeyIdx = Int32Array.from(
    columnIndexes(
      newSource,
      keyColumns.map((c) => c.new),
    ),
  );
  const oldCmpIdx = columnIndexes(
    oldSource,
    compared.map((c) => c.old),
  );
  const newCmpIdx = columnIndexes(
    newSource,
    compared.map((c) => c.new),
  );
  const oldNumIdx = Int32Array.from(
    columnIndexes(
      oldSource,
      numeric.map((c) => c.old),
    ),
  );
  const newNumIdx = Int32Array.from(
    columnIndexes(
      newSource,
      numeric.map((c) => c.new),
    ),
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
  const keyScratch = { buf: Buffer.allocUnsafe(1024) };

  /** The key of a record: trimmed key cells joined by U+001F, decoded only when not ASCII. */
  const keyOf = (source: TableSource, buf: Buffer, starts: Int32Array, ends: Int32Array, idx: Int32Array) => {
    if (idx.length === 1) {
      trimBounds(buf, starts[idx[0]!]!, ends[idx[0]!]!, trim);
      return source.decode(buf, trim[0]!, trim[1]!);
    }
    let scratch = keyScratch.buf;
    let at = 0;
    let ascii = true;
    for (let k = 0; k < idx.length; k++) {
      trimBounds(buf, starts[idx[k]!]!, ends[idx[k]!]!, trim);
      const s = trim[0]!;
      const e = trim[1]!;
      if (at + e - s + 1 > scratch.length) {
        const bigger = Buffer.allocUnsafe((at + e - s + 1) * 2);
        scratch.copy(bigger, 0, 0, at);
        scratch = keyScratch.buf = bigger;
      }
      if (k > 0) scratch[at++] = 0x1f;
      for (let i = s; i < e; i++) {
        const c = buf[i]!;
        if (c >= 0x80) ascii = false;
        scratch[at++] = c;
      }
    }
    if (ascii) return scratch.toString('latin1', 0, at);
    // Not ASCII: decode cell by cell (a GB18030 byte pair may not survive being cut at a separator).
    const parts: string[] = [];
    for (let k = 0; k < idx.length; k++) {
      trimBounds(buf, starts[idx[k]!]!, ends[idx[k]!]!, trim);
      parts.push(source.decode(buf, trim[0]!, trim[1]!));
    }
    return parts.join(KEY_SEPARATOR);
  };

  const checkWidth = (source: TableSource, count: number, row: number) => {
    if (count !== source.headers.length) {
      throw new AppError('reconcile_ragged_row', {
        file: source.fileName,
        row,
        actual: count,
        expected: source.headers.length,
      });
    }
  };

  /** Parses every number cell of a record into the side's totals; values are left in `values`. */
  const addNumbers = (
    source: TableSource,
    totals: Totals,
    buf: Buffer,
    starts: Int32Array,
    ends: Int32Array,
    idx: Int32Array,
    values: Float64Array,
  ) => {
    for (let n = 0; n < idx.length; n++) {
      trimBounds(buf, starts[idx[n]!]!, ends[idx[n]!]!, trim);
      let value: number;
      let decimals: number;
      if (trim[1]! > trim[0]! && parseNumberBytes(buf, trim[0]!, trim[1]!)) {
        value = numberScratch.value;
        decimals = numberScratch.decimals;
      } else {
        const parsed = parseNumberText(source.decode(buf, trim[0]!, trim[1]!));
        value = parsed.value;
        decimals = parsed.decimals;
      }
      values[n] = value;
      if (!Number.isNaN(value)) totals.add(n, value, decimals);
    }
  };

  // ---- Old side: index -------------------------------------------------------------------------------
  const arena = new Arena();
  const index = new Map<string, number>();
  const oldTotals = new Totals(numeric.length);
  const newTotals = new Totals(numeric.length);
  const numberValues = new Float64Array(numeric.length);
  const duplicateOld = new Set<string>();
  const oldEncodingIsUtf8 = oldSource.encoding !== 'gb18030';
  let oldRows = 0;

  await oldSource.scan(
    (buf, starts, ends, count, row) => {
      oldRows++;
      checkWidth(oldSource, count, row);
      addNumbers(oldSource, oldTotals, buf, starts, ends, oldNumIdx, numberValues);
      const key = keyOf(oldSource, buf, starts, ends, oldKeyIdx);
      if (index.has(key)) {
        if (!duplicateOld.has(key)) {
          duplicateOld.add(key);
          report(rowDiscrepancy('duplicate-key-old', key, row, null));
        }
        return;
      }
      // Worst case size: GB18030 → UTF-8 grows at most 1.5×; 5 bytes of length prefix per cell.
      let size = 8;
      for (const plan of plans) size += ((ends[plan.oldIndex]! - starts[plan.oldIndex]!) * 3) / 2 + 5;
      const block = arena.reserve(size);
      const position = arena.position;
      let at = arena.used;
      block.writeUInt32LE(0, at);
      block.writeUInt32LE(row, at + 4);
      at += 8;
      for (let j = 0; j < plans.length; j++) {
        const column = plans[j]!.oldIndex;
        trimBounds(buf, starts[column]!, ends[column]!, trim);
        const s = trim[0]!;
        const e = trim[1]!;
        let ascii = oldEncodingIsUtf8;
        if (!ascii) {
          ascii = true;
          for (let i = s; i < e; i++) if (buf[i]! >= 0x80) ascii = false;
        }
        // Stored as UTF-8 whatever the file used, so a UTF-8 new side compares byte for byte.
        const bytes = ascii ? null : Buffer.from(oldSource.decode(buf, s, e), 'utf8');
        const length = bytes ? bytes.length : e - s;
        if (length < 255) {
          block[at++] = length;
        } else {
          block[at++] = 255;
          block.writeUInt32LE(length, at);
          at += 4;
        }
        if (bytes) bytes.copy(block, at);
        else buf.copy(block, at, s, e);
        at += length;
      }
      arena.commit(at);
      index.set(key, position);
    },
    (bytesRead) => progress('old', oldRows, bytesRead),
  );
  oldTotals.rows = oldRows;

  // ---- New side: stream --------------------------------------------------------------------------------
  phaseStarted = performance.now();
  progress('new', 0, oldSource.size, true);
  const newOnly = new Set<string>();
  const duplicateNew = new Set<string>();
  const fieldDifferences: Record<string, number> = {};
  for (const plan of plans) fieldDifferences[plan.newName] = 0;
  const differenceCounts = new Float64Array(plans.length);
  const newEncodingIsUtf8 = newSource.encoding !== 'gb18030';
  let newRows = 0;
  let matched = 0;
  let rowsWithDifferences = 0;

  await newSource.scan(
    (buf, starts, ends, count, row) => {
      newRows++;
      checkWidth(newSource, count, row);
      addNumbers(newSource, newTotals, buf, starts, ends, newNumIdx, numberValues);
      const key = keyOf(newSource, buf, starts, ends, newKeyIdx);
      const position = index.get(key);
      if (position === undefined) {
        if (newOnly.has(key)) {
          if (!duplicateNew.has(key)) {
            duplicateNew.add(key);
            report(rowDiscrepancy('duplicate-key-new', key, null, row));
          }
        } else {
          newOnly.add(key);
          report(rowDiscrepancy('missing-in-old', key, null, row));
        }
        return;
      }
      const block = arena.blocks[Math.floor(position / BLOCK_SIZE)]!;
      let at = position % BLOCK_SIZE;
      if (block.readUInt32LE(at) !== 0) {
        if (!duplicateNew.has(key)) {
          duplicateNew.add(key);
          report(rowDiscrepancy('duplicate-key-new', key, null, row));
        }
        return;
      }
      block.writeUInt32LE(row, at);
      matched++;
      const oldRow = block.readUInt32LE(at + 4);
      at += 8;
      let rowDiffers = false;
      for (let j = 0; j < plans.length; j++) {
        let length = block[at++]!;
        if (length === 255) {
          length = block.readUInt32LE(at);
          at += 4;
        }
        const os = at;
        const oe = at + length;
        at = oe;
        const plan = plans[j]!;
        trimBounds(buf, starts[plan.newIndex]!, ends[plan.newIndex]!, trim);
        const ns = trim[0]!;
        const ne = trim[1]!;
        if (newEncodingIsUtf8 && bytesEqual(block, os, oe, buf, ns, ne)) continue;
        const oldText = block.toString('utf8', os, oe);
        const newText = newSource.decode(buf, ns, ne);
        if (cellsEqual(plan, oldText, newText, numberSlot[j]! >= 0 ? numberValues[numberSlot[j]!]! : NaN))
          continue;
        rowDiffers = true;
        differenceCounts[j]!++;
        report({
          key: key.split(KEY_SEPARATOR),
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

  // ---- What the new side never claimed -------------------------------------------------------------------
  progress('finish', newRows, totalBytes, true);
  let missingInNew = 0;
  for (const [key, position] of index) {
    const block = arena.blocks[Math.floor(position / BLOCK_SIZE)]!;
    const at = position % BLOCK_SIZE;
    if (block.readUInt32LE(at) === 0) {
      missingInNew++;
      report(rowDiscrepancy('missing-in-new', key, block.readUInt32LE(at + 4), null));
    }
  }
  plans.forEach((plan, j) => (fieldDifferences[plan.newName] = differenceCounts[j]!));

  const summary: ReconcileSummary = {
    oldRows,
    newRows,
    matched,
    missingInNew,
    missingInOld: newOnly.size,
    rowsWithDifferences,
    duplicateKeysOld: duplicateOld.size,
    duplicateKeysNew: duplicateNew.size,
    fieldDifferences,
    controlTotals: {
      old: oldTotals.result(numeric.map((c) => c.old)),
      new: newTotals.result(numeric.map((c) => c.new)),
    },
  };
  return {
    summary,
    discrepancies,
    truncated: discrepancyCount > discrepancies.length,
    elapsedMs: Math.round(performance.now() - started),
  };
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
