// Which text encoding an export uses, and how to turn cell bytes into strings. The CSV scanner works on raw
// bytes: in UTF-8 and in GB18030 every byte of a multi-byte character is ≥ 0x30 (GB18030 trail bytes are
// 0x30–0x39 or 0x40–0xFE), so quotes, commas and line breaks are always real delimiters and only the cells
// we keep are decoded. UTF-16 is not byte-safe that way: it is transcoded to UTF-8 before scanning.
import { isUtf8 } from 'node:buffer';
import type { EncodingChoice } from '#contract/reconcile-engine.ts';

export type DetectedEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le';

/** Bytes from the start of the file used to guess; a GB18030 export has Chinese in its header row. */
export const DETECT_BYTES = 1 << 20;

/** Length of the longest prefix of buf that does not end inside a UTF-8 sequence. */
export function completeUtf8Prefix(buf: Uint8Array): number {
  let end = buf.length;
  // A sequence is at most 4 bytes: step back over continuation bytes to the last lead byte.
  for (let back = 1; back <= 4 && end - back >= 0; back++) {
    const b = buf[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    if (b < 0x80) return end;
    const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return back >= size ? end : end - back;
  }
  return end;
}

/**
 * The encoding of a file from its first bytes (`head`), or the user's choice. `complete` says head is the
 * whole file (so a cut-off character at its end is an error, not an artefact of the sample).
 */
export function detectEncoding(
  head: Uint8Array,
  choice: EncodingChoice = 'auto',
  complete = false,
): DetectedEncoding {
  const bom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  if (choice === 'utf-8') return bom ? 'utf-8-bom' : 'utf-8';
  if (choice === 'gb18030') return 'gb18030';
  if (choice === 'utf-16le') return 'utf-16le';
  if (bom) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  const sample = complete ? head : head.subarray(0, completeUtf8Prefix(head));
  // Not valid UTF-8: Excel on a Chinese Windows saves "CSV" as GBK, a subset of GB18030.
  return isUtf8(sample) ? 'utf-8' : 'gb18030';
}

/** Bytes to skip at the start of the file (the byte-order mark). */
export function bomLength(encoding: DetectedEncoding, head: Uint8Array): number {
  if (encoding === 'utf-8-bom') return 3;
  if (encoding === 'utf-16le' && head[0] === 0xff && head[1] === 0xfe) return 2;
  return 0;
}

const gb18030 = new TextDecoder('gb18030');

/** A cell decoder for bytes in this encoding (after UTF-16 was transcoded to UTF-8). */
export function cellDecoder(encoding: DetectedEncoding): (buf: Buffer, start: number, end: number) => string {
  if (encoding === 'gb18030') {
    return (buf, start, end) => {
      for (let i = start; i < end; i++) {
        if (buf[i]! >= 0x80) return gb18030.decode(buf.subarray(start, end));
      }
      return buf.toString('latin1', start, end);
    };
  }
  return (buf, start, end) => buf.toString('utf8', start, end);
}

/** What the user sees in a mapping wizard or a report: the BOM is a detail of UTF-8. */
export const publicEncoding = (encoding: DetectedEncoding): Exclude<EncodingChoice, 'auto'> =>
  encoding === 'utf-8-bom' ? 'utf-8' : encoding;

/** GBK two-byte codes (lead 0x81–0xFE, trail 0x40–0xFE) → UTF-16 code unit; built once, on first use. */
let gbkTable: Uint16Array | null = null;

function buildGbkTable(): Uint16Array {
  const pairs = Buffer.alloc(126 * 191 * 2);
  let at = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      // 0x7F is no trail byte: a harmless stand-in keeps the table regular (never looked up).
      pairs[at++] = lead;
      pairs[at++] = trail === 0x7f ? 0x80 : trail;
    }
  }
  const text = gb18030.decode(pairs);
  const table = new Uint16Array(126 * 191);
  // Every GBK pair decodes to one BMP character (user-defined areas to the Private Use Area).
  if (text.length !== table.length) throw new Error('unexpected GB18030 decoder output');
  for (let i = 0; i < table.length; i++) table[i] = text.charCodeAt(i);
  return table;
}

/**
 * Transcodes GB18030 bytes src[start, end) to UTF-8 at dst[at…] without making strings (the old side of a
 * GB18030 export is stored as UTF-8). Returns the end offset in dst, or -1 for the rare four-byte
 * sequences and malformed bytes, which callers decode the slow way. dst needs 1.5 × (end − start) bytes.
 */
export function gb18030ToUtf8(
  src: Uint8Array,
  start: number,
  end: number,
  dst: Uint8Array,
  at: number,
): number {
  const table = (gbkTable ??= buildGbkTable());
  for (let i = start; i < end; i++) {
    const b = src[i]!;
    if (b < 0x80) {
      dst[at++] = b;
      continue;
    }
    const trail = src[i + 1]!;
    if (b === 0x80 || b === 0xff || i + 1 >= end || trail < 0x40 || trail === 0x7f || trail === 0xff)
      return -1;
    const cp = table[(b - 0x81) * 191 + (trail - 0x40)]!;
    i++;
    if (cp < 0x800) {
      dst[at++] = 0xc0 | (cp >> 6);
      dst[at++] = 0x80 | (cp & 0x3f);
    } else {
      dst[at++] = 0xe0 | (cp >> 12);
      dst[at++] = 0x80 | ((cp >> 6) & 0x3f);
      dst[at++] = 0x80 | (cp & 0x3f);
    }
  }
  return at;
}

/** The same two-byte codes → their UTF-8 bytes, packed: byte 0 | byte 1 << 8 | byte 2 << 16 | length << 24. */
let gbkUtf8Table: Uint32Array | null = null;

function buildGbkUtf8Table(): Uint32Array {
  const table = (gbkTable ??= buildGbkTable());
  const packed = new Uint32Array(table.length);
  for (let i = 0; i < table.length; i++) {
    const cp = table[i]!;
    packed[i] =
      cp < 0x800
        ? 0xc0 | (cp >> 6) | ((0x80 | (cp & 0x3f)) << 8) | (2 << 24)
        : 0xe0 | (cp >> 12) | ((0x80 | ((cp >> 6) & 0x3f)) << 8) | ((0x80 | (cp & 0x3f)) << 16) | (3 << 24);
  }
  return packed;
}

/**
 * True when GB18030 bytes gb[gs, ge) spell exactly the text of the UTF-8 bytes utf8[us, ue), found without
 * transcoding either. False says only "not shown equal" (other text, a four-byte GB18030 sequence, a
 * malformed byte): callers then judge the decoded strings, as for any two cells whose bytes differ. The old
 * side of a GB18030 export is kept as read and compared this way.
 */
export function gb18030EqualsUtf8(
  gb: Uint8Array,
  gs: number,
  ge: number,
  utf8: Uint8Array,
  us: number,
  ue: number,
): boolean {
  const table = (gbkUtf8Table ??= buildGbkUtf8Table());
  let j = us;
  for (let i = gs; i < ge; i++) {
    const b = gb[i]!;
    if (b < 0x80) {
      if (j >= ue || utf8[j] !== b) return false;
      j++;
      continue;
    }
    const trail = gb[i + 1]!;
    if (b === 0x80 || b === 0xff || i + 1 >= ge || trail < 0x40 || trail === 0x7f || trail === 0xff)
      return false;
    i++;
    const packed = table[(b - 0x81) * 191 + (trail - 0x40)]!;
    const length = packed >>> 24;
    if (j + length > ue || utf8[j] !== (packed & 0xff) || utf8[j + 1] !== ((packed >>> 8) & 0xff))
      return false;
    if (length === 3 && utf8[j + 2] !== ((packed >>> 16) & 0xff)) return false;
    j += length;
  }
  return j === ue;
}
