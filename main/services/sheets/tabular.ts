// Reads a roster/department sheet exported by a hospital: CSV in UTF-8 (with or without BOM), GB18030/GBK
// from Excel, UTF-16 "Unicode text", CRLF, quoted commas and newlines; or an .xlsx workbook.
// Decoding happens before parsing (a multi-byte character is never split) and every cell stays text, so
// leading-zero codes such as "0012" survive.
//
// Every file here comes from outside (issue #11): xlsx is streamed with exceljs' streaming reader after its
// zip passed zip-guard.ts, and rows, columns, cell sizes and inflated size are bounded, so a huge sheet or a
// zip bomb is refused with a message instead of filling memory. A binary file is refused as not a table,
// and a CSV mixing encodings is refused with the lines that are invalid, never decoded into mojibake.
import { isUtf8 } from 'node:buffer';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '#services/core/errors.ts';
import { bufferZipSource, xlsxStreamReader } from './xlsx-stream.ts';
import { bufferReader, checkZip, ZipRefusal, type ZipLimits } from './zip-guard.ts';
import { encodingMix, listLines, looksBinary, utf8Lines } from './text-checks.ts';

export { encodingMix, listLines, looksBinary } from './text-checks.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | 'xlsx';
  sheetName: string | null;
  /** Rows as the user sees them; index 0 is spreadsheet row 1. Cells trimmed, never null. */
  rows: string[][];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** What a sheet import reads at most: rosters and issue lists are thousands of rows, not millions. */
export const sheetLimits = {
  rows: 100_000,
  columns: 200,
  /** Excel's own limit for one cell. */
  cellChars: 32_767,
  zip: {
    maxEntries: 1_000,
    maxTotalBytes: 100 * 1024 * 1024,
    maxCachedEntryBytes: 64 * 1024 * 1024,
    cachedEntry: /sharedStrings|styles/i,
    maxRatio: 500,
  } satisfies ZipLimits,
};

/** Line breaks inside a cell are LF whatever the file used, so the same sheet saved as CRLF matches. */
const cleanCell = (text: string) => text.replace(/\r\n?/g, '\n').trim();

export function decodeText(bytes: Uint8Array, fileName = ''): { text: string; encoding: TextEncoding } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    const body = buf.subarray(3);
    if (!isUtf8(body)) {
      // The BOM says UTF-8: every line that is not is named.
      const { invalid } = utf8Lines(body);
      throw new AppError('import_mixed_encoding', {
        file: fileName,
        encoding: 'UTF-8',
        lines: listLines(invalid),
        count: invalid.length,
      });
    }
    return { text: body.toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (isUtf8(buf)) return { text: buf.toString('utf8'), encoding: 'utf-8' };
  // Not valid UTF-8: Excel on a Chinese Windows saves "CSV" as GBK, a subset of GB18030 — unless the file
  // mixes both (a GBK line pasted into a UTF-8 file), which no single decoding reads right.
  const mix = encodingMix(buf);
  if (mix) throw new AppError('import_mixed_encoding', { file: fileName, ...mix });
  const text = iconv.decode(buf, 'gb18030');
  if (text.includes('\uFFFD')) {
    const bad = text.split('\n').flatMap((line, i) => (line.includes('\uFFFD') ? [i + 1] : []));
    throw new AppError('import_mixed_encoding', {
      file: fileName,
      encoding: 'GB18030',
      lines: listLines(bad),
      count: bad.length,
    });
  }
  return { text, encoding: 'gb18030' };
}

/** Refuses a table beyond the limits, naming the file, and the row and column of an oversized cell. */
function checkShape(fileName: string, rows: string[][]): void {
  if (rows.length > sheetLimits.rows) {
    throw new AppError('import_too_many_rows', { file: fileName, limit: sheetLimits.rows });
  }
  rows.forEach((cells, r) => checkRow(fileName, cells, r + 1));
}

function checkRow(fileName: string, cells: string[], row: number): void {
  if (cells.length > sheetLimits.columns) {
    throw new AppError('import_too_many_columns', { file: fileName, row, limit: sheetLimits.columns });
  }
  cells.forEach((cell, c) => {
    if (cell.length > sheetLimits.cellChars) {
      throw new AppError('import_cell_too_long', {
        file: fileName,
        row,
        column: columnName(c),
        limit: sheetLimits.cellChars,
      });
    }
  });
}

/** Spreadsheet column letters of a 0-based index (0 → A, 26 → AA). */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function guessDelimiter(text: string): string {
  const firstLines = text.split(/\r?\n/, 5).join('\n');
  const candidates = [',', '\t', ';'];
  let best = ',';
  let bestCount = 0;
  for (const d of candidates) {
    const count = firstLines.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function parseCsv(fileName: string, bytes: Uint8Array): Table {
  if (looksBinary(bytes)) throw new AppError('import_not_a_table', { file: fileName });
  const { text, encoding } = decodeText(bytes, fileName);
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    throw new AppError('import_unreadable', { file: fileName, detail: (error as Error).message });
  }
  const rows = records.map((r) => r.map(cleanCell));
  checkShape(fileName, rows);
  return { format: 'csv', encoding, sheetName: null, rows };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * An Excel date cell has no time zone: exceljs hands it over as a Date whose UTC fields are the wall-clock
 * time the user typed. Written as "YYYY-MM-DD" or "YYYY-MM-DD HH:MM[:SS]" without a zone, so whoever reads
 * the text interprets it in local time, like any other date typed as text.
 */
export function wallClockText(value: Date): string {
  const day = `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  // Excel stores times as fractions of a day: round to the second so 09:30 never reads as 09:29:59.999.
  const seconds = Math.round(
    (value.getTime() - Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate())) / 1000,
  );
  if (seconds === 0) return day;
  if (seconds >= 86_400)
    return wallClockText(
      new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate() + 1)),
    );
  const time = `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}`;
  return seconds % 60 ? `${day} ${time}:${pad2(seconds % 60)}` : `${day} ${time}`;
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return wallClockText(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    }
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** A zip refused before exceljs sees it, or a library error, as a message naming the file. */
export function zipError(fileName: string, error: unknown, limitBytes: number): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZipRefusal && error.reason === 'too_large') {
    return new AppError('import_zip_too_large', { file: fileName, limit: Math.round(limitBytes / 1048576) });
  }
  return new AppError('import_damaged', { file: fileName });
}

/** Stops the streaming reader once the first sheet with rows is read. */
class SheetDone extends Error {}

/**
 * Counts the rows of each worksheet while the zip check inflates it, so a sheet of a million rows is
 * refused in the time inflating takes, not the minutes exceljs would spend reading it.
 */
function rowCounter(fileName: string) {
  const counts = new Map<string, number>();
  const tails = new Map<string, Buffer>();
  const token = Buffer.from('<row');
  return (entry: string, chunk: Buffer) => {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry)) return;
    // A token cut between two chunks is found in the previous chunk's tail joined to this one.
    const text = Buffer.concat([tails.get(entry) ?? Buffer.alloc(0), chunk]);
    let n = counts.get(entry) ?? 0;
    for (let at = text.indexOf(token); at >= 0; at = text.indexOf(token, at + token.length)) n++;
    counts.set(entry, n);
    tails.set(entry, Buffer.from(text.subarray(Math.max(0, text.length - token.length + 1))));
    if (n > sheetLimits.rows)
      throw new AppError('import_too_many_rows', { file: fileName, limit: sheetLimits.rows });
  };
}

async function parseXlsx(fileName: string, bytes: Uint8Array): Promise<Table> {
  try {
    await checkZip(bufferReader(bytes), bytes.byteLength, sheetLimits.zip, rowCounter(fileName));
  } catch (error) {
    throw zipError(fileName, error, sheetLimits.zip.maxTotalBytes);
  }
  const reader = xlsxStreamReader(ExcelJS, bufferZipSource(bytes), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const rows: string[][] = [];
  let sheetName: string | null = null;
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      for await (const row of sheet) {
        if (row.number > sheetLimits.rows) {
          throw new AppError('import_too_many_rows', { file: fileName, limit: sheetLimits.rows });
        }
        const values = row.values as ExcelJS.CellValue[];
        if (values.length - 1 > sheetLimits.columns) {
          throw new AppError('import_too_many_columns', {
            file: fileName,
            row: row.number,
            limit: sheetLimits.columns,
          });
        }
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cleanCell(cellText(values[c] ?? null)));
        checkRow(fileName, cells, row.number);
        while (rows.length < row.number - 1) rows.push([]);
        rows.push(cells);
      }
      if (rows.length > 0) {
        sheetName = (sheet as unknown as { name?: string }).name ?? null;
        throw new SheetDone();
      }
    }
  } catch (error) {
    if (!(error instanceof SheetDone)) throw zipError(fileName, error, sheetLimits.zip.maxTotalBytes);
  }
  if (sheets === 0) throw new AppError('import_empty', { file: fileName });
  return { format: 'xlsx', encoding: 'xlsx', sheetName, rows };
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (isZip) return parseXlsx(fileName, bytes);
  if (/\.xlsx?$/i.test(fileName) || looksBinary(bytes.subarray(0, 64 * 1024))) {
    throw new AppError('import_not_a_table', { file: fileName });
  }
  return parseCsv(fileName, bytes);
}

export const isBlankRow = (row: string[]) => row.every((c) => c === '');
