// An RFC 4180 scanner over raw bytes: quoted delimiters, doubled quotes and line breaks inside quotes,
// LF / CRLF / CR line ends. It hands each record to a sink as field boundaries in the chunk buffer and never
// builds strings or row objects; the sink decodes only the cells it needs. Why not csv-parse, which the
// rest of the app uses: at a million rows it is the bottleneck by several times (see `npm run bench`,
// "parse only" lines), and the reconciliation must stay within seconds for files of hundreds of MB.
import { AppError } from '#services/core/errors.ts';

/** Field i of the current record is buf[starts[i], ends[i]); `count` may exceed the arrays' length. */
export type RecordSink = (
  buf: Buffer,
  starts: Int32Array,
  ends: Int32Array,
  count: number,
  row: number,
) => void;

/** Where bytes come from: a file, or a transcoder in front of one. Returns 0 at the end. */
export type ByteSource = (buf: Buffer, offset: number, length: number) => Promise<number>;

export interface ScanOptions {
  delimiter: number;
  /** For error messages. */
  fileName: string;
  /** Called after each chunk with the bytes consumed so far (of the source); may throw to cancel. */
  onChunk?: (consumed: number) => void | Promise<void>;
  chunkSize?: number;
  /**
   * Stop before the first record that starts at or after this offset of the source (one half of a file
   * split at a record boundary, see reconcile.ts); scanCsv then returns where that record starts.
   */
  limit?: number;
  /**
   * Called when the bytes handed to the sink since the last call are about to be overwritten (after each
   * chunk): a sink may keep field bounds into the buffer until then.
   */
  release?: () => void;
}

/** Where a scan ended: the source offset of the first record not handed over, and the records counted. */
export interface ScanEnd {
  offset: number;
  rows: number;
}

/** Bytes kept free after the data: the line-feed sentinel and the rest of a four-byte read over it. */
const TAIL = 4;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Removes the doubling of quotes inside buf[start, end) in place; returns the new end. */
function unescapeQuotes(buf: Buffer, start: number, end: number): number {
  let w = start;
  for (let r = start; r < end; r++) {
    const c = buf[r]!;
    buf[w++] = c;
    if (c === QUOTE) r++;
  }
  return w;
}

/** Scanner state carried across chunks (field arrays grow with the widest record). */
interface ScanState {
  buf: Buffer;
  filled: number;
  eof: boolean;
  row: number;
  starts: Int32Array<ArrayBuffer>;
  ends: Int32Array<ArrayBuffer>;
  escaped: Int32Array<ArrayBuffer>;
  /** Source offset of buf[0], and the limit in it (records starting at or after it are left alone). */
  base: number;
  limit: number;
  stopped: boolean;
}

/**
 * Scans every record of `source` and calls `sink` for each non-blank one, with 1-based record numbers
 * counted like spreadsheet rows (blank lines count, a quoted line break does not start a row).
 */
export async function scanCsv(source: ByteSource, sink: RecordSink, options: ScanOptions): Promise<ScanEnd> {
  const state: ScanState = {
    buf: Buffer.allocUnsafe(options.chunkSize ?? 1 << 22),
    filled: 0,
    eof: false,
    row: 0,
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    escaped: new Int32Array(64),
    base: 0,
    limit: options.limit ?? Infinity,
    stopped: false,
  };
  let consumed = 0;
  while (!state.eof) {
    if (state.filled >= state.buf.length - TAIL) {
      // One record larger than the buffer: grow it.
      const bigger = Buffer.allocUnsafe(state.buf.length * 2);
      state.buf.copy(bigger, 0, 0, state.filled);
      state.buf = bigger;
    }
    // The sentinel scanChunk puts after the data, and the word it reads it in, stay free.
    const n = await source(state.buf, state.filled, state.buf.length - TAIL - state.filled);
    if (n === 0) state.eof = true;
    consumed += n;
    state.filled += n;
    const done = scanChunk(state, sink, options.delimiter, options.fileName);
    options.release?.();
    if (state.stopped) return { offset: state.base + done, rows: state.row };
    // Keep the unfinished record for the next read.
    if (done > 0) state.buf.copy(state.buf, 0, done, state.filled);
    state.filled -= done;
    state.base += done;
    if (state.eof && state.filled > 0) {
      throw new AppError('reconcile_unclosed_quote', { file: options.fileName, row: state.row + 1 });
    }
    await options.onChunk?.(consumed);
  }
  return { offset: consumed, rows: state.row };
}

/**
 * Hands every complete record of state.buf[0, filled) to the sink; returns where the first incomplete
 * record starts. Synchronous and free of awaits so that V8 keeps its locals in registers.
 */
function scanChunk(state: ScanState, sink: RecordSink, delimiter: number, fileName: string): number {
  const buf = state.buf;
  const filled = state.filled;
  const eof = state.eof;
  let starts = state.starts;
  let ends = state.ends;
  let escaped = state.escaped;
  let row = state.row;
  // Bytes above this cannot end an unquoted field (digits, letters, every byte of a multi-byte character).
  const plain = Math.max(delimiter, LF, CR);
  // Four bytes at a time: ((w − low) & ~w & 0x80808080) is 0 exactly when no byte of the little-endian word
  // w is below plain + 1 (bytes from 0x80 never count), so none can end the field.
  const low = Math.imul(plain + 1, 0x01010101);
  const words = new DataView(buf.buffer, buf.byteOffset, buf.length);
  // A line feed after the data stops the unquoted-field loop without a bounds check per byte.
  buf[filled] = LF;
  let p = 0;
  let recordStart = 0;
  const limit = state.limit - state.base;
  records: while (p < filled) {
    recordStart = p;
    if (p >= limit) {
      state.stopped = true;
      break;
    }
    let count = 0;
    let escapedCount = 0;
    // One iteration per field.
    for (;;) {
      let start = p;
      let end: number;
      // p ≤ filled, and buf[filled] is the line-feed sentinel.
      let c = buf[p]!;
      if (c === QUOTE) {
        let q = p + 1;
        let hasEscapes = false;
        for (;;) {
          if (q >= filled) {
            if (eof) throw new AppError('reconcile_unclosed_quote', { file: fileName, row: row + 1 });
            break records;
          }
          if (buf[q] === QUOTE) {
            if (q + 1 >= filled && !eof) break records;
            if (q + 1 < filled && buf[q + 1] === QUOTE) {
              hasEscapes = true;
              q += 2;
              continue;
            }
            break;
          }
          q++;
        }
        start = p + 1;
        end = q;
        p = q + 1;
        // Spaces after the closing quote are tolerated; other text makes the whole field literal.
        while (p < filled && buf[p] === 0x20) p++;
        c = p < filled ? buf[p]! : -1;
        if (c !== delimiter && c !== LF && c !== CR && c !== -1) {
          start = start - 1;
          hasEscapes = false;
          while (p < filled && (c = buf[p]!) !== delimiter && c !== LF && c !== CR) p++;
          if (p >= filled && !eof) break records;
          end = p;
          c = p < filled ? c : -1;
        } else if (c === -1 && !eof) {
          break records;
        }
        if (hasEscapes) {
          if (escapedCount === escaped.length) escaped = grow(escaped);
          escaped[escapedCount++] = count;
        }
      } else {
        // The sentinel stops the word loop too: p stays ≤ filled, and p + 3 < buf.length (TAIL).
        let w = words.getInt32(p, true);
        while (((w - low) & ~w & 0x80808080) === 0) {
          p += 4;
          w = words.getInt32(p, true);
        }
        c = buf[p]!;
        while (c > plain || (c !== delimiter && c !== LF && c !== CR)) c = buf[++p]!;
        if (p >= filled) {
          if (!eof) break records;
          c = -1;
        }
        end = p;
      }
      if (count === starts.length) {
        starts = grow(starts);
        ends = grow(ends);
      }
      starts[count] = start;
      ends[count] = end;
      count++;
      if (c === delimiter) {
        p++;
        continue;
      }
      // End of record: CR, LF, CRLF or end of file.
      if (c === CR) {
        if (p + 1 >= filled && !eof) break records;
        p += p + 1 < filled && buf[p + 1] === LF ? 2 : 1;
      } else if (c === LF) {
        p++;
      }
      break;
    }
    row++;
    for (let e = 0; e < escapedCount; e++) {
      const f = escaped[e]!;
      ends[f] = unescapeQuotes(buf, starts[f]!, ends[f]!);
    }
    if (count > 1 || ends[0]! > starts[0]! || buf[recordStart] === QUOTE) sink(buf, starts, ends, count, row);
    recordStart = p;
  }
  state.starts = starts;
  state.ends = ends;
  state.escaped = escaped;
  state.row = row;
  return recordStart;
}

function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The delimiter of a header line: the most frequent of comma, tab and semicolon (comma when none). */
export function guessDelimiter(headerLine: string): number {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const count = headerLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best.charCodeAt(0);
}

/** A ByteSource reading a memory buffer (header sniffing, tests). */
export function bufferSource(bytes: Uint8Array): ByteSource {
  let offset = 0;
  return async (buf, at, length) => {
    const n = Math.min(length, bytes.length - offset);
    buf.set(bytes.subarray(offset, offset + n), at);
    offset += n;
    return n;
  };
}
