// Streams the worksheets of an .xlsx through exceljs' streaming reader, but walks the zip itself.
//
// exceljs' own walk (unzipper over the file in file order) loses entries now and then under Node 22: in a
// loop over one and the same file, 1 to 7 reads in 100 failed with "Cannot read properties of undefined
// (reading 'sheets')" or stopped after a few entries (the cutover export's round trip failed on CI that way).
// It also parks every worksheet met before the shared strings in a temporary file. Here the central
// directory (already checked by zip-guard) says where each entry is, and the entries are handed to exceljs'
// parsers in the order they depend on each other: relationships, workbook, shared strings, styles, then the
// worksheets in the order of the workbook's tabs. Each entry is inflated as a stream from its own byte
// range, so memory stays at what exceljs caches (shared strings, styles) plus one chunk.
import { PassThrough, Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { centralDirectory, type Entry, entryDataStart, type ReadAt, ZipRefusal } from './zip-guard.ts';

/** A zip to read: random access for the directory, a stream for one entry's compressed bytes. */
export interface ZipSource {
  size: number;
  read: ReadAt;
  /** The `length` bytes at `start`, as a stream. */
  stream(start: number, length: number): Readable;
}

export function bufferZipSource(bytes: Uint8Array): ZipSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    size: buf.length,
    read: async (position, length) => buf.subarray(position, Math.min(buf.length, position + length)),
    stream: (start, length) => Readable.from([buf.subarray(start, start + length)]),
  };
}

// The parts of exceljs' WorkbookReader this walk drives (present in exceljs 4, not in its type declarations).
/* oxlint-disable no-underscore-dangle -- exceljs names its parser methods with a leading underscore */
interface ReaderInternals {
  model?: { sheets?: { rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(entry: Readable, sheetNo: string): Generator<unknown>;
}

const WORKSHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** Worksheet entry names in tab order; worksheets the workbook does not list come after, by number. */
function worksheetOrder(reader: ReaderInternals, names: string[]): string[] {
  const listed: string[] = [];
  for (const sheet of reader.model?.sheets ?? []) {
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
    if (!target) continue;
    const name = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    if (WORKSHEET.test(name) && names.includes(name) && !listed.includes(name)) listed.push(name);
  }
  const rest = names
    .filter((n) => WORKSHEET.test(n) && !listed.includes(n))
    .sort((a, b) => Number(WORKSHEET.exec(a)![1]) - Number(WORKSHEET.exec(b)![1]));
  return [...listed, ...rest];
}

/**
 * An exceljs streaming reader over `source`: iterate it as usual (`for await (const sheet of reader)`).
 * The zip must have passed `checkZip` (sizes, tiling); a damaged entry still fails with a ZipRefusal or
 * zlib's error, for the caller to turn into its message.
 */
export function xlsxStreamReader(
  excel: typeof ExcelJS,
  source: ZipSource,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): ExcelJS.stream.xlsx.WorkbookReader {
  class OrderedReader extends excel.stream.xlsx.WorkbookReader {
    override async *parse(): AsyncGenerator<unknown> {
      const self = this as unknown as ReaderInternals;
      const { entries } = await centralDirectory(source.read, source.size);
      const byName = new Map<string, Entry>(entries.map((e) => [e.name, e]));
      // Closed at the end, also when the caller stops early (a file handle must not outlive the read).
      const opened: Readable[] = [];
      const open = async (name: string): Promise<Readable | null> => {
        const entry = byName.get(name);
        if (!entry) return null;
        const start = await entryDataStart(source.read, entry);
        const raw = entry.compressed > 0 ? source.stream(start, entry.compressed) : Readable.from([]);
        opened.push(raw);
        if (entry.method === 0) return raw.pipe(new PassThrough());
        if (entry.method !== 8) {
          raw.destroy();
          throw new ZipRefusal('corrupt', `compression method ${entry.method}`, name);
        }
        const inflate = createInflateRaw();
        raw.on('error', (error) => inflate.destroy(error));
        return raw.pipe(inflate);
      };
      try {
        let entry = await open('xl/_rels/workbook.xml.rels');
        if (entry) await self._parseRels(entry);
        entry = await open('xl/workbook.xml');
        if (entry) await self._parseWorkbook(entry);
        entry = await open('xl/sharedStrings.xml');
        if (entry) yield* self._parseSharedStrings(entry);
        entry = await open('xl/styles.xml');
        if (entry) await self._parseStyles(entry);
        for (const name of worksheetOrder(self, [...byName.keys()])) {
          const sheet = await open(name);
          if (sheet) yield* self._parseWorksheet(sheet, WORKSHEET.exec(name)![1]!);
        }
      } finally {
        for (const stream of opened) stream.destroy();
      }
    }
  }
  // The input is never read: parse() above walks `source` instead.
  return new OrderedReader(Readable.from([]), options);
}
