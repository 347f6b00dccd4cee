// The comparison itself (issue #5). Memory stays bounded by the old side's compared cells: the old file is
// indexed once — key → its compared cells in a byte arena (UTF-8, length-prefixed, row-store.ts), never row
// objects or strings — then the new file is streamed against that index. Keys the new side never claimed are what is
// missing in new. Cells are compared as bytes first; only cells whose bytes differ are decoded and judged
// by their compare kind, which keeps the usual case (identical cells) free of string work.
import { AppError } from '../../errors.ts';
import { validateProfile } from './profile.ts';
import { gb18030ToUtf8 } from './encoding.ts';
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
} from './types.ts';
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
}

/** Discrepancies kept in the result by default; the summary counts everything regardless. */
export const DEFAULT_MAX_DISCREPANCIES = 500_000;

const KEY_SEPARATOR = '\u001f';
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
  result(names: string[]): SideTotals {
    const sums: Record<string, number> = {};
    names.forEach((name, i) => {
      sums[name] = Number((this.sum[i]! + this.compensation[i]!).toFixed(Math.min(this.decimals[i]!, 10)));
    });
    return { rows: this.rows, sums };
  }
}

const indexes = (source: TableSource, names: string[]) => Int32Array.from(columnIndexes(source, names));

function checkWidth(source: TableSource, count: number, row: number): void {
  if (count !== source.headers.length) {
    throw new AppError('reconcile_ragged_row', {
      file: source.fileName,
      row,
      actual: count,
      expected: source.headers.length,
    });
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
  const oldNumIdx = indexes(
    oldSource,
    numeric.map((c) => c.old),
  );
  const newNumIdx = indexes(
    newSource,
    numeric.map((c) => c.new),
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
  const index = new KeyIndex(arena);
  const oldTotals = new Totals(numeric.length);
  const newTotals = new Totals(numeric.length);
  const numberValues = new Float64Array(numeric.length);
  const duplicateOld = new Set<string>();
  const oldIsGb18030 = oldSource.encoding === 'gb18030';
  let oldRows = 0;

  await oldSource.scan(
    (buf, starts, ends, count, row) => {
      oldRows++;
      checkWidth(oldSource, count, row);
      addNumbers(oldSource, oldTotals, buf, starts, ends, oldNumIdx, numberValues);
      buildKey(oldSource, buf, starts, ends, oldKeyIdx);
      if (index.find(keyHash, key, keyLength) >= 0) {
        const text = keyText();
        if (!duplicateOld.has(text)) {
          duplicateOld.add(text);
          report(rowDiscrepancy('duplicate-key-old', text, row, null));
        }
        return;
      }
      // Worst case size: GB18030 → UTF-8 grows at most 1.5×; 5 bytes of length prefix per cell.
      let size = 13 + keyLength;
      for (let j = 0; j < oldCmpIdx.length; j++)
        size += ((ends[oldCmpIdx[j]!]! - starts[oldCmpIdx[j]!]!) * 3) / 2 + 5;
      const block = arena.reserve(size);
      const position = arena.position;
      let at = arena.offset;
      block.writeUInt32LE(0, at);
      block.writeUInt32LE(row, at + 4);
      at = writeLength(block, at + 8, keyLength);
      for (let i = 0; i < keyLength; i++) block[at++] = key[i]!;
      for (let j = 0; j < oldCmpIdx.length; j++) {
        trimBounds(buf, starts[oldCmpIdx[j]!]!, ends[oldCmpIdx[j]!]!, trim);
        const s = trim[0]!;
        const e = trim[1]!;
        let ascii = true;
        if (oldIsGb18030) for (let i = s; i < e; i++) if (buf[i]! >= 0x80) ascii = false;
        if (ascii) {
          // Stored as UTF-8 whatever the file used, so a UTF-8 new side compares byte for byte.
          at = writeLength(block, at, e - s);
          for (let i = s; i < e; i++) block[at++] = buf[i]!;
          continue;
        }
        // GB18030 → UTF-8 straight into the arena, behind a provisional 5-byte length.
        const bytesAt = at + 5;
        const bytesEnd = gb18030ToUtf8(buf, s, e, block, bytesAt);
        if (bytesEnd >= 0) {
          const written = bytesEnd - bytesAt;
          at = writeLength(block, at, written);
          block.copyWithin(at, bytesAt, bytesEnd);
          at += written;
        } else {
          const text = oldSource.decode(buf, s, e);
          const bytes = Buffer.byteLength(text);
          at = writeLength(block, at, bytes);
          at += block.write(text, at, 'utf8');
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
      checkWidth(newSource, count, row);
      addNumbers(newSource, newTotals, buf, starts, ends, newNumIdx, numberValues);
      buildKey(newSource, buf, starts, ends, newKeyIdx);
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
      let rowDiffers = false;
      for (let j = 0; j < plans.length; j++) {
        at = readLength(block, at, cellLength);
        const os = at;
        const oe = at + cellLength[0]!;
        at = oe;
        const newIndex = newCmpIdx[j]!;
        trimBounds(buf, starts[newIndex]!, ends[newIndex]!, trim);
        const ns = trim[0]!;
        const ne = trim[1]!;
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
      for (let j = 0; j < plans.length; j++) {
        at = readLength(block, at, cellLength);
        at += cellLength[0]!;
      }
    }
  });
  const fieldDifferences: Record<string, number> = {};
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
