// Reads a roster/department sheet exported by a hospital: CSV in UTF-8 (with or without BOM), GB18030/GBK
// from Excel, UTF-16 "Unicode text", CRLF, quoted commas and newlines; or an .xlsx workbook.
// Decoding happens before parsing (a multi-byte character is never split) and every cell stays text, so
// leading-zero codes such as "0012" survive.
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '#services/core/errors.ts';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';

export interface Table {
  format: 'csv' | 'xlsx';
  encoding: TextEncoding | 'xlsx';
  sheetName: string | null;
  /** Rows as the user sees them; index 0 is spreadsheet row 1. Cells trimmed, never null. */
  rows: string[][];
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Line breaks inside a cell are LF whatever the file used, so the same sheet saved as CRLF matches. */
const cleanCell = (text: string) => text.replace(/\r\n?/g, '\n').trim();

export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8-bom' };
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv.decode(buf.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: Excel on a Chinese Windows saves "CSV" as GBK, a subset of GB18030.
    return { text: iconv.decode(buf, 'gb18030'), encoding: 'gb18030' };
  }
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
  const { text, encoding } = decodeText(bytes);
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
  return { format: 'csv', encoding, sheetName: null, rows: records.map((r) => r.map(cleanCell)) };
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

async function parseXlsx(fileName: string, bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('import_unreadable', { file: fileName, detail: (error as Error).message });
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw new AppError('import_empty', { file: fileName });
  const rows: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, 0); c++)
      cells.push(cleanCell(cellText(row.getCell(c).value)));
    rows.push(cells);
  }
  return { format: 'xlsx', encoding: 'xlsx', sheetName: sheet.name, rows };
}

export async function readTable(fileName: string, bytes: Uint8Array): Promise<Table> {
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (isZip) return parseXlsx(fileName, bytes);
  if (/\.xlsx?$/i.test(fileName)) {
    throw new AppError('import_unreadable', { file: fileName, detail: 'not an .xlsx workbook' });
  }
  return parseCsv(fileName, bytes);
}

export const isBlankRow = (row: string[]) => row.every((c) => c === '');
