// Checks on the bytes of a text file that do not need a parser: binary or text, one encoding or a mix, and
// how lines are listed in messages. Apart from tabular.ts so that the reconciliation engine (which reads
// files of hundreds of MB with its own scanner, on two threads) does not load exceljs, csv-parse and
// iconv-lite at start-up only to call these.
import { isUtf8 } from 'node:buffer';

/** Lines listed by number in a message; the rest are counted. */
const LISTED_LINES = 10;

export function listLines(lines: number[]): string {
  const shown = lines.slice(0, LISTED_LINES).join(', ');
  return lines.length > LISTED_LINES ? `${shown} (+${lines.length - LISTED_LINES})` : shown;
}

/** Magic numbers of files people pick by mistake: old .xls/.doc (OLE2), PDF, images, archives. */
const BINARY_MAGIC: number[][] = [
  [0xd0, 0xcf, 0x11, 0xe0],
  [0x25, 0x50, 0x44, 0x46],
  [0x89, 0x50, 0x4e, 0x47],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38],
  [0x52, 0x61, 0x72, 0x21],
  [0x37, 0x7a, 0xbc, 0xaf],
  [0x1f, 0x8b],
  [0x4d, 0x5a],
  [0x7f, 0x45, 0x4c, 0x46],
];

/**
 * Whether bytes are a binary file rather than text of any supported encoding: a known magic number, a NUL
 * byte in 8-bit text, or more than 1 % control characters (text has tabs and line breaks, nothing else).
 */
export function looksBinary(head: Uint8Array): boolean {
  if (BINARY_MAGIC.some((magic) => magic.every((b, i) => head[i] === b))) return true;
  if (head[0] === 0xff && head[1] === 0xfe) return false;
  let control = 0;
  const n = Math.min(head.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    const b = head[i]!;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n / 100;
}

/** Lines (1-based) of a file not in UTF-8, and lines that are unmistakably UTF-8 Chinese. */
export function utf8Lines(buf: Uint8Array): { invalid: number[]; chinese: number[] } {
  const invalid: number[] = [];
  const chinese: number[] = [];
  const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let line = 1;
  for (let start = 0; start < bytes.length; line++) {
    let end = bytes.indexOf(0x0a, start);
    if (end < 0) end = bytes.length;
    let ascii = true;
    for (let i = start; i < end && ascii; i++) if (bytes[i]! >= 0x80) ascii = false;
    if (!ascii) {
      const text = bytes.subarray(start, end);
      if (!isUtf8(text)) invalid.push(line);
      // Two CJK characters as 3-byte sequences: GBK text passes UTF-8 validation by chance only in short runs.
      else if ((text.toString('utf8').match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2) chinese.push(line);
    }
    start = end + 1;
  }
  return { invalid, chinese };
}

/**
 * A file that is neither all UTF-8 nor all GB18030 (one GBK line pasted into a UTF-8 file): the encoding
 * most lines use and the lines that are invalid in it, or null when the file is one or the other.
 */
export function encodingMix(buf: Uint8Array): { encoding: string; lines: string; count: number } | null {
  if (isUtf8(buf)) return null;
  const { invalid, chinese } = utf8Lines(buf);
  if (chinese.length === 0) return null;
  const utf8Wins = chinese.length >= invalid.length;
  const lines = utf8Wins ? invalid : chinese;
  return { encoding: utf8Wins ? 'UTF-8' : 'GB18030', lines: listLines(lines), count: lines.length };
}
