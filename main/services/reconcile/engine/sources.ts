// One side of a comparison as a stream of records: a CSV (any supported encoding) scanned from disk in
// chunks, or an .xlsx read with exceljs' streaming reader. Either way the consumer sees the same thing:
// field boundaries in a byte buffer, and a decoder for those bytes; nothing holds the file in memory.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import { AppError } from '#services/core/errors.ts';
import { encodingMix, listLines, looksBinary } from '#services/sheets/text-checks.ts';
import { checkZip, ZipRefusal, type ZipLimits } from '#services/sheets/zip-guard.ts';
import {
  bufferSource,
  guessDelimiter,
  scanCsv,
  type ByteSource,
  type RecordSink,
  type ScanEnd,
} from './csv-scanner.ts';
import {
  bomLength,
  cellDecoder,
  completeUtf8Prefix,
  DETECT_BYTES,
  detectEncoding,
  type DetectedEncoding,
} from './encoding.ts';
import type { EncodingChoice } from '#contract/reconcile-engine.ts';

export interface TableSource {
  /** File name for messages (no folders: reports travel). */
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: DetectedEncoding | 'xlsx';
  /** Bytes on disk, for progress. */
  size: number;
  /** Header cells, trimmed. */
  headers: string[];
  /** Spreadsheet row number of the header. */
  headerRow: number;
  /** Data rows to expect, from the line density of the file's start (sizes the old side's index). */
  estimatedRows: number;
  /** The first data rows (cells trimmed), for previews. */
  sampleRows: string[][];
  /** Decodes a cell of the buffers handed to the sink. */
  decode: (buf: Buffer, start: number, end: number) => string;
  /**
   * Calls sink for every data row (after the header); onChunk gets bytes of the file read so far. The
   * buffer a sink is handed holds its bytes until `release` is called (after a chunk, or a row of .xlsx).
   */
  scan(
    sink: RecordSink,
    onChunk?: (bytesRead: number) => void | Promise<void>,
    range?: ScanRange,
    release?: () => void,
  ): Promise<ScanEnd>;
  /** File offset where the data starts (after a byte-order mark); 0 for .xlsx. */
  dataStart: number;
}

/**
 * Part of a CSV file, for a scan split at a record boundary (UTF-8 and GB18030 only): `limit` stops before
 * the first record starting at or after that file offset (the header is read as usual); `from` starts at a
 * record boundary, every record there is data and rows are counted from it (row 1 is the record at `from`).
 */
export interface ScanRange {
  from?: number;
  limit?: number;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const SAMPLE_ROWS = 5;

/**
 * What an .xlsx export may inflate to: worksheets are streamed (any size the time allows), but shared
 * strings and styles are held in memory whole, and a ratio no real export reaches is a bomb.
 */
export const reconcileZipLimits: ZipLimits = {
  maxEntries: 10_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxCachedEntryBytes: 512 * 1024 ** 2,
  cachedEntry: /sharedStrings|styles/i,
  maxRatio: 500,
};

/** Refuses a zip beyond the limits before exceljs sees it, naming the file and the entry. */
async function guardZip(fh: FileHandle, fileName: string, size: number): Promise<void> {
  try {
    await checkZip(
      async (position, length) => {
        const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - position)));
        const { bytesRead } = await fh.read(buf, 0, buf.length, position);
        return buf.subarray(0, bytesRead);
      },
      size,
      reconcileZipLimits,
    );
  } catch (error) {
    if (error instanceof ZipRefusal && error.reason === 'too_large') {
      throw new AppError('reconcile_zip_too_large', { file: fileName, entry: error.entry || 'zip' });
    }
    throw new AppError('reconcile_damaged', { file: fileName });
  }
}

/** Thrown by a sink to stop scanning early (header sniffing). */
class StopScan extends Error {}

export async function openTable(path: string, choice: EncodingChoice = 'auto'): Promise<TableSource> {
  const fileName = basename(path);
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (error) {
    throw new AppError('reconcile_unreadable', { file: fileName, detail: (error as Error).message });
  }
  try {
    const size = (await fh.stat()).size;
    if (size === 0) throw new AppError('reconcile_empty', { file: fileName });
    const head = Buffer.alloc(Math.min(size, DETECT_BYTES));
    await fh.read(head, 0, head.length, 0);
    if (ZIP_MAGIC.every((b, i) => head[i] === b)) {
      await guardZip(fh, fileName, size);
      return await openXlsx(path, fileName, size);
    }
    if (/\.xlsx?$/i.test(fileName) || (choice !== 'utf-16le' && looksBinary(head))) {
      throw new AppError('reconcile_not_a_table', { file: fileName });
    }
    if (choice === 'auto') {
      const mix = encodingMix(head.length === size ? head : head.subarray(0, head.lastIndexOf(0x0a) + 1));
      if (mix) throw new AppError('reconcile_mixed_encoding', { file: fileName, ...mix });
    }
    return await openCsv(path, fileName, size, head, choice);
  } finally {
    await fh.close();
  }
}

async function openCsv(
  path: string,
  fileName: string,
  size: number,
  head: Buffer,
  choice: EncodingChoice,
): Promise<TableSource> {
  const encoding = detectEncoding(head, choice, head.length === size);
  const skip = bomLength(encoding, head);
  const headBytes =
    encoding === 'utf-16le'
      ? Buffer.from(new TextDecoder('utf-16le').decode(head.subarray(skip)), 'utf8')
      : head.subarray(skip);
  const decode = cellDecoder(encoding);
  const firstLineEnd = headBytes.indexOf(0x0a);
  const delimiter = guessDelimiter(decode(headBytes, 0, firstLineEnd < 0 ? headBytes.length : firstLineEnd));

  const firstRows: { row: number; cells: string[] }[] = [];
  try {
    await scanCsv(
      bufferSource(headBytes),
      (buf, starts, ends, count, row) => {
        const cells: string[] = [];
        for (let i = 0; i < count; i++) cells.push(decode(buf, starts[i]!, ends[i]!).trim());
        firstRows.push({ row, cells });
        if (firstRows.length > SAMPLE_ROWS) throw new StopScan();
      },
      { delimiter, fileName },
    );
  } catch (error) {
    // The sample may end inside a quoted cell of a longer file: only the whole file can be refused for that.
    if (!(error instanceof StopScan) && (head.length === size || firstRows.length === 0)) throw error;
  }
  const header = firstRows[0];
  if (!header) throw new AppError('reconcile_empty', { file: fileName });

  return {
    fileName,
    format: 'csv',
    encoding,
    size,
    headers: header.cells,
    headerRow: header.row,
    sampleRows: firstRows.slice(1, SAMPLE_ROWS + 1).map((r) => r.cells),
    estimatedRows: Math.round((countLines(headBytes) / Math.max(1, headBytes.length)) * size),
    decode,
    dataStart: skip,
    async scan(sink, onChunk, range, release) {
      if (range && encoding === 'utf-16le') throw new Error('a UTF-16 file is not scanned in parts');
      const fh = await open(path, 'r');
      const from = range?.from;
      // Rows at or before the header's are skipped, except in a part that starts after the header.
      const firstRow = from === undefined ? header.row : 0;
      let position = from ?? skip;
      // A UTF-8 file whose start was fine may hold other bytes further down: those rows are named instead
      // of compared as U+FFFD (issue #11, item 9). One native check per read; only after a read that is
      // not all UTF-8 is every row checked on its own (to name the rows).
      const checkUtf8 = encoding === 'utf-8' || encoding === 'utf-8-bom';
      let checkRows = false;
      // Bytes of a character cut off at the end of the last read: still in the buffer just before the next
      // read's bytes (they belong to a record the scanner has not finished).
      let cutOff = 0;
      const fileSource: ByteSource = async (buf, offset, length) => {
        const { bytesRead } = await fh.read(buf, offset, length, position);
        position += bytesRead;
        if (checkUtf8 && !checkRows) {
          if (bytesRead === 0) checkRows = cutOff > 0;
          else {
            const bytes = buf.subarray(offset - cutOff, offset + bytesRead);
            const complete = completeUtf8Prefix(bytes);
            checkRows = !isUtf8(bytes.subarray(0, complete));
            cutOff = bytes.length - complete;
          }
        }
        return bytesRead;
      };
      const source = encoding === 'utf-16le' ? utf16Source(fileSource) : fileSource;
      const invalidRows: number[] = [];
      let end: ScanEnd;
      try {
        end = await scanCsv(
          source,
          (buf, starts, ends, count, row) => {
            if (row <= firstRow) return;
            if (
              checkRows &&
              !isUtf8(buf.subarray(starts[0]!, ends[count - 1]!)) &&
              !cellsUtf8(buf, starts, ends, count)
            ) {
              invalidRows.push(row);
              return;
            }
            if (invalidRows.length === 0) sink(buf, starts, ends, count, row);
          },
          {
            delimiter,
            fileName,
            onChunk: () => onChunk?.(position),
            release,
            limit: range?.limit === undefined ? undefined : range.limit - (from ?? skip),
          },
        );
      } finally {
        await fh.close();
      }
      if (invalidRows.length > 0) {
        throw new AppError('reconcile_mixed_encoding', {
          file: fileName,
          encoding: 'UTF-8',
          lines: listLines(invalidRows),
          count: invalidRows.length,
        });
      }
      return { offset: end.offset + (from ?? skip), rows: end.rows };
    },
  };
}

/** Cell by cell: unescaped quotes leave stale bytes between cells, which the quick whole-row check sees. */
function cellsUtf8(buf: Buffer, starts: Int32Array, ends: Int32Array, count: number): boolean {
  for (let i = 0; i < count; i++) if (!isUtf8(buf.subarray(starts[i]!, ends[i]!))) return false;
  return true;
}

function countLines(bytes: Uint8Array): number {
  let lines = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) lines++;
  return lines;
}

/** UTF-16LE transcoded to UTF-8 on the fly, so the byte scanner can treat it like any other file. */
function utf16Source(raw: ByteSource): ByteSource {
  const decoder = new TextDecoder('utf-16le');
  const rawChunk = Buffer.allocUnsafe(1 << 20);
  let pending = Buffer.alloc(0);
  let done = false;
  return async (buf, offset, length) => {
    while (pending.length === 0 && !done) {
      const n = await raw(rawChunk, 0, rawChunk.length);
      const text = decoder.decode(rawChunk.subarray(0, n), { stream: n > 0 });
      if (n === 0) done = true;
      pending = Buffer.from(text, 'utf8');
    }
    const n = Math.min(length, pending.length);
    pending.copy(buf, offset, 0, n);
    pending = pending.subarray(n);
    return n;
  };
}

type XlsxRowHandler = (cells: string[], row: number) => void;

/** Streams the first worksheet that has rows; `onRow` may throw StopScan to end early. */
async function readXlsxRows(path: string, fileName: string, onRow: XlsxRowHandler): Promise<void> {
  // Loaded on first use: exceljs is large, and most exports are CSV (the worker starts faster without it).
  const [{ default: excel }, { cellText }, { xlsxStreamReader }] = await Promise.all([
    import('exceljs'),
    import('#services/sheets/tabular.ts'),
    import('#services/sheets/xlsx-stream.ts'),
  ]);
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const reader = xlsxStreamReader(
      excel,
      {
        size,
        read: async (position, length) => {
          const buf = Buffer.allocUnsafe(Math.max(0, Math.min(length, size - position)));
          const { bytesRead } = await fh.read(buf, 0, buf.length, position);
          return buf.subarray(0, bytesRead);
        },
        stream: (start, length) =>
          createReadStream(path, { start, end: start + length - 1, highWaterMark: 1 << 20 }),
      },
      {
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
        entries: 'emit',
      },
    );
    for await (const sheet of reader) {
      let any = false;
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c] ?? null).trim());
        any = true;
        onRow(cells, row.number);
      }
      if (any) return;
    }
  } catch (error) {
    if (error instanceof StopScan || error instanceof AppError) throw error;
    // "Corrupted zip…", FILE_ENDED and the like: the library's words are no message for a user.
    throw new AppError('reconcile_damaged', { file: fileName });
  } finally {
    await fh.close();
  }
}

async function openXlsx(path: string, fileName: string, size: number): Promise<TableSource> {
  const firstRows: { row: number; cells: string[] }[] = [];
  try {
    await readXlsxRows(path, fileName, (cells, row) => {
      if (cells.every((c) => c === '')) return;
      firstRows.push({ row, cells });
      if (firstRows.length > SAMPLE_ROWS) throw new StopScan();
    });
  } catch (error) {
    if (!(error instanceof StopScan)) throw error;
  }
  const header = firstRows[0];
  if (!header) throw new AppError('reconcile_empty', { file: fileName });
  const width = header.cells.length;
  return {
    fileName,
    format: 'xlsx',
    encoding: 'xlsx',
    size,
    headers: header.cells,
    headerRow: header.row,
    sampleRows: firstRows.slice(1, SAMPLE_ROWS + 1).map((r) => r.cells),
    estimatedRows: 0,
    dataStart: 0,
    decode: (buf, start, end) => buf.toString('utf8', start, end),
    async scan(sink, onChunk, range, release) {
      if (range) throw new Error('an .xlsx file is not scanned in parts');
      // Each row is laid out as UTF-8 in one buffer so the consumer's code path is the CSV one.
      let buf = Buffer.allocUnsafe(1 << 16);
      let starts = new Int32Array(Math.max(width, 1));
      let ends = new Int32Array(Math.max(width, 1));
      let rows = 0;
      await readXlsxRows(path, fileName, (cells, row) => {
        if (row <= header.row || cells.every((c) => c === '')) return;
        // Excel leaves out empty trailing cells: pad them back to the header's width.
        const count = Math.max(cells.length, width);
        if (count > starts.length) {
          starts = new Int32Array(count);
          ends = new Int32Array(count);
        }
        const needed = cells.reduce((n, c) => n + Buffer.byteLength(c), 0);
        if (needed > buf.length) buf = Buffer.allocUnsafe(needed * 2);
        let at = 0;
        for (let i = 0; i < count; i++) {
          starts[i] = at;
          at += i < cells.length ? buf.write(cells[i]!, at, 'utf8') : 0;
          ends[i] = at;
        }
        sink(buf, starts, ends, count, row);
        release?.();
        // exceljs does not report bytes read; the compressed size is a fair proxy for progress.
        if (++rows % 10_000 === 0) void onChunk?.(Math.min(size - 1, rows * 64));
      });
      await onChunk?.(size);
      return { offset: size, rows };
    },
  };
}
