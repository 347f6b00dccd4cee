// The `.wardside` export file (issue #4). Pure: bytes in, bytes out, no database.
//
//   "WARDSIDE-SYNC\0" | u32 manifest length | manifest (JSON, readable without the passphrase) | payload
//   payload = gzip(content), or AES-256-GCM(gzip(content)) ‖ 16-byte tag with the manifest as associated data
//   content = u32 body length | body (JSON: changes, replicas, attachment list) | attachment bytes in list order
//   body: ASCII, every other character a \u escape (asciiJson); files written before were UTF-8, still read
//
// The manifest carries the SHA-256 of the content; the body repeats the manifest's identity fields, so any
// change to either is detected. Every failure is classified (not ours / truncated / damaged / passphrase /
// newer) before anything touches a database.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  randomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { isAscii } from 'node:buffer';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { ErrorCode } from '#contract/index.ts';
import { AppError } from '#services/core/errors.ts';
import type { Change, ChangeTexts } from '#services/core/change-log.ts';

const MAGIC = Buffer.from('WARDSIDE-SYNC\0', 'latin1');
export const FORMAT_VERSION = 1;
export const FILE_EXTENSION = '.wardside';
// scrypt cost: ~0.1 s and 32 MiB per derivation on a ward laptop; files travel on USB sticks. The parameters
// are fixed: a file that names others is refused before any derivation, so a crafted file cannot make the
// importer spend minutes or gigabytes before the passphrase is even checked (issue #11, item 3).
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
/**
 * Largest content a file may declare (inflated body + attachments): the gzip output is bounded by what the
 * manifest declares, and the declaration by this, checked while inflating (a 3 MB bomb no longer reaches GBs).
 */
export const MAX_CONTENT_BYTES = 256 * 1024 * 1024;

export interface ExportCounts {
  changes: number;
  records: number;
  attachments: number;
}

const manifestSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  replica: z.object({ id: z.string().max(64), label: z.string().max(64).nullable() }),
  /** The project the file belongs to (issue #12): a file of another project is refused before any write. */
  project: z
    .object({ id: z.string().max(64), hospital: z.string().max(200), name: z.string().max(200) })
    .nullable()
    .optional(),
  exportedAt: z.string().max(40),
  counts: z.object({ changes: z.number().int(), records: z.number().int(), attachments: z.number().int() }),
  content: z.object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().min(4),
  }),
  payloadBytes: z.number().int(),
  /**
   * SHA-256 of the payload as stored, so every byte after the manifest is covered (gzip headers included).
   * Null when encrypted: AES-GCM then authenticates the payload and the whole manifest.
   */
  payloadSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  compression: z.literal('gzip'),
  encryption: z
    .object({
      cipher: z.literal('aes-256-gcm'),
      kdf: z.literal('scrypt'),
      N: z.number().int(),
      r: z.number().int(),
      p: z.number().int(),
      salt: z.string().max(64),
      iv: z.string().max(64),
      keyCheck: z.string().max(64),
    })
    .nullable(),
});
export type Manifest = z.infer<typeof manifestSchema>;

const changeTuple = z.tuple([
  z.string(), // id
  z.string(), // table
  z.string(), // row id
  z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  z.array(z.string()),
  z.union([z.literal(0), z.literal(1)]),
  z.string().nullable(),
]);

const bodySchema = z.object({
  replicaId: z.string(),
  // The manifest's identity fields again, so that no byte of the manifest can change unnoticed.
  replica: z.object({ id: z.string(), label: z.string().nullable() }),
  project: manifestSchema.shape.project,
  appVersion: z.string(),
  exportedAt: z.string(),
  schemaVersion: z.number().int(),
  counts: manifestSchema.shape.counts,
  replicas: z.array(z.object({ id: z.string(), label: z.string().nullable() })),
  changes: z.array(changeTuple),
  attachments: z.array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), size: z.number().int() })),
});

/** The body as read: the change tuples are checked one by one against `changeTuple`'s shape (isChangeTuple). */
const bodyReadSchema = bodySchema.extend({ changes: z.array(z.unknown()) });

type ChangeTuple = z.infer<typeof changeTuple>;

/**
 * Exactly what `changeTuple` accepts, without building a parsed copy of every change (a file holds tens of
 * thousands): a 7-element array of id, table, row id, a plain object of string | number | null, an array of
 * strings, 0 or 1, and a string or null. Values straight from JSON.parse: no undefined, no NaN.
 */
function isChangeTuple(value: unknown): value is ChangeTuple {
  if (!Array.isArray(value) || value.length !== 7) return false;
  const [id, table, row, fields, prev, deleted, author] = value as unknown[];
  if (typeof id !== 'string' || typeof table !== 'string' || typeof row !== 'string') return false;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return false;
  for (const key in fields) {
    const v = (fields as Record<string, unknown>)[key];
    if (v !== null && typeof v !== 'string' && (typeof v !== 'number' || !Number.isFinite(v))) return false;
  }
  if (!Array.isArray(prev)) return false;
  for (const p of prev as unknown[]) if (typeof p !== 'string') return false;
  if (deleted !== 0 && deleted !== 1) return false;
  return author === null || typeof author === 'string';
}

export interface ProjectIdentity {
  id: string;
  hospital: string;
  name: string;
}

export interface ExportContent {
  replica: { id: string; label: string | null };
  project?: ProjectIdentity | null;
  exportedAt: string;
  schemaVersion: number;
  appVersion: string;
  replicas: { id: string; label: string | null }[];
  changes: Change[];
  attachments: { sha256: string; bytes: Buffer }[];
  /** Each change's fields and prev as the change log stores them, when a verification worker wrote them. */
  texts?: ChangeTexts;
}

export interface ParsedExport extends ExportContent {
  manifest: Manifest;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

export function deriveKeys(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }) {
  const bytes = scryptSync(passphrase.normalize('NFC'), salt, 64, {
    ...params,
    maxmem: 256 * params.N * params.r,
  });
  const key = bytes.subarray(0, 32);
  const keyCheck = createHash('sha256').update(bytes.subarray(32)).digest().subarray(0, 16);
  return { key, keyCheck };
}

/**
 * JSON text as ASCII bytes, every other character written as a \u escape: JSON.parse reads the same values.
 * A reader turns ASCII into a one-byte string at memory speed, where UTF-8 with Chinese in it becomes a
 * two-byte string decoded character by character, about 0.35 s of a 20-file import (issue #17).
 */
export function asciiJson(json: string): Buffer {
  let escaped = 0;
  NON_ASCII.lastIndex = 0;
  for (let run = NON_ASCII.exec(json); run; run = NON_ASCII.exec(json)) escaped += run[0].length;
  const out = Buffer.allocUnsafe(json.length + 5 * escaped);
  let at = 0;
  let from = 0;
  NON_ASCII.lastIndex = 0;
  for (let run = NON_ASCII.exec(json); run; run = NON_ASCII.exec(json)) {
    at += out.write(json.slice(from, run.index), at, 'latin1');
    const text = run[0];
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      out[at] = 0x5c; // \
      out[at + 1] = 0x75; // u
      out[at + 2] = HEX[c >> 12]!;
      out[at + 3] = HEX[(c >> 8) & 15]!;
      out[at + 4] = HEX[(c >> 4) & 15]!;
      out[at + 5] = HEX[c & 15]!;
      at += 6;
    }
    from = run.index + text.length;
  }
  at += out.write(json.slice(from), at, 'latin1');
  return out.subarray(0, at);
}

const NON_ASCII = /[\u0080-\uffff]+/g;
const HEX = Buffer.from('0123456789abcdef', 'latin1');

export function encodeExport(
  content: ExportContent,
  options: {
    passphrase?: string;
    /** 'utf8': the body as files were written before asciiJson (tests of reading them). */
    body?: 'ascii' | 'utf8';
  } = {},
): {
  bytes: Buffer;
  manifest: Manifest;
} {
  const counts: ExportCounts = {
    changes: content.changes.length,
    records: new Set(content.changes.map((c) => `${c.tableName}\u0000${c.rowId}`)).size,
    attachments: content.attachments.length,
  };
  const json = JSON.stringify({
    replicaId: content.replica.id,
    replica: content.replica,
    project: content.project ?? null,
    appVersion: content.appVersion,
    exportedAt: content.exportedAt,
    schemaVersion: content.schemaVersion,
    counts,
    replicas: content.replicas,
    changes: content.changes.map((c) => [
      c.id,
      c.tableName,
      c.rowId,
      c.fields,
      c.prev,
      c.deleted ? 1 : 0,
      c.author,
    ]),
    attachments: content.attachments.map((a) => ({ sha256: a.sha256, size: a.bytes.length })),
  });
  const body = options.body === 'utf8' ? Buffer.from(json, 'utf8') : asciiJson(json);
  const plain = Buffer.concat([u32(body.length), body, ...content.attachments.map((a) => a.bytes)]);
  const compressed = gzipSync(plain, { level: 6 });
  let encryption: Manifest['encryption'] = null;
  let key: Buffer | undefined;
  let iv: Buffer | undefined;
  if (options.passphrase) {
    const salt = randomBytes(16);
    iv = randomBytes(12);
    const derived = deriveKeys(options.passphrase, salt, SCRYPT);
    key = derived.key;
    encryption = {
      cipher: 'aes-256-gcm',
      kdf: 'scrypt',
      ...SCRYPT,
      salt: salt.toString('base64'),
      iv: iv.toString('base64'),
      keyCheck: derived.keyCheck.toString('base64'),
    };
  }
  const manifest: Omit<Manifest, 'payloadSha256'> = {
    format: 'wardside-sync',
    formatVersion: FORMAT_VERSION,
    schemaVersion: content.schemaVersion,
    appVersion: content.appVersion,
    replica: content.replica,
    project: content.project ?? null,
    exportedAt: content.exportedAt,
    counts,
    content: { sha256: createHash('sha256').update(plain).digest('hex'), bytes: plain.length },
    payloadBytes: compressed.length + (encryption ? 16 : 0),
    compression: 'gzip',
    encryption,
  };
  const payloadSha256 = encryption ? null : createHash('sha256').update(compressed).digest('hex');
  const manifestBytes = Buffer.from(JSON.stringify({ ...manifest, payloadSha256 }), 'utf8');
  let payload = compressed;
  if (key && iv) {
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(manifestBytes);
    payload = Buffer.concat([cipher.update(compressed), cipher.final(), cipher.getAuthTag()]);
  }
  return {
    bytes: Buffer.concat([MAGIC, u32(manifestBytes.length), manifestBytes, payload]),
    manifest: JSON.parse(manifestBytes.toString('utf8')) as Manifest,
  };
}

function refuse(code: ErrorCode, file: string, extra: Record<string, string | number> = {}): never {
  throw new AppError(code, { file, ...extra });
}

/** Reads only the manifest (for listing a file before asking for its passphrase). */
export function readManifest(
  bytes: Uint8Array,
  file: string,
): { manifest: Manifest; payload: Buffer; raw: Buffer } {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    // A prefix of the magic is a file cut before its manifest; anything else is not ours.
    if (data.length > 0 && data.length < MAGIC.length && MAGIC.subarray(0, data.length).equals(data)) {
      refuse('sync_truncated', file);
    }
    refuse('sync_not_wardside', file);
  }
  if (data.length < MAGIC.length + 4) refuse('sync_truncated', file);
  const length = data.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  if (data.length < start + length) refuse('sync_truncated', file);
  const raw = data.subarray(start, start + length);
  let manifest: Manifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(raw.toString('utf8')));
  } catch {
    refuse('sync_damaged', file);
  }
  if (manifest.format !== 'wardside-sync') refuse('sync_not_wardside', file);
  return { manifest, payload: data.subarray(start + length), raw };
}

export interface DecodeOptions {
  passphrase?: string;
  /** This app's schema version: files from a newer one are refused. */
  schemaVersion: number;
  knownColumns: (table: string) => Set<string> | undefined;
}

export function decodeExport(bytes: Uint8Array, file: string, options: DecodeOptions): ParsedExport {
  return decodeVerified(bytes, file, options).parsed;
}

/**
 * decodeExport, with the verified body's text: a verification worker (sync/verify.ts) sends that text
 * back, and the importing thread reads the same changes from it with fromVerifiedText.
 */
export function decodeVerified(
  bytes: Uint8Array,
  file: string,
  options: DecodeOptions,
): { parsed: ParsedExport; text: string } {
  const { manifest, payload, raw } = readManifest(bytes, file);
  if (manifest.formatVersion < 1 || manifest.schemaVersion < 1) refuse('sync_damaged', file);
  if (manifest.formatVersion > FORMAT_VERSION || manifest.schemaVersion > options.schemaVersion) {
    refuse('sync_newer_schema', file, { version: manifest.schemaVersion, ours: options.schemaVersion });
  }
  if (manifest.content.bytes > MAX_CONTENT_BYTES)
    refuse('sync_too_large', file, { bytes: manifest.content.bytes });
  if (payload.length < manifest.payloadBytes) refuse('sync_truncated', file);
  if (payload.length > manifest.payloadBytes) refuse('sync_damaged', file);
  if (!manifest.encryption && createHash('sha256').update(payload).digest('hex') !== manifest.payloadSha256) {
    refuse('sync_damaged', file);
  }
  let compressed = payload;
  if (manifest.encryption) {
    const enc = manifest.encryption;
    if (enc.N !== SCRYPT.N || enc.r !== SCRYPT.r || enc.p !== SCRYPT.p) {
      refuse('sync_kdf_params', file, { N: enc.N, r: enc.r, p: enc.p });
    }
    if (!options.passphrase) refuse('sync_passphrase_required', file);
    const { key, keyCheck } = deriveKeys(options.passphrase, Buffer.from(enc.salt, 'base64'), enc);
    const expected = Buffer.from(enc.keyCheck, 'base64');
    if (expected.length !== keyCheck.length || !timingSafeEqual(expected, keyCheck)) {
      refuse('sync_wrong_passphrase', file);
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(enc.iv, 'base64'));
      decipher.setAAD(raw);
      decipher.setAuthTag(payload.subarray(payload.length - 16));
      compressed = Buffer.concat([
        decipher.update(payload.subarray(0, payload.length - 16)),
        decipher.final(),
      ]);
    } catch {
      refuse('sync_damaged', file);
    }
  }
  let plain: Buffer;
  try {
    // Never inflate past what the manifest declares (itself bounded): zlib stops at the limit.
    plain = gunzipSync(compressed, { maxOutputLength: manifest.content.bytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      refuse('sync_too_large', file, { bytes: manifest.content.bytes });
    }
    refuse('sync_damaged', file);
  }
  if (
    plain.length !== manifest.content.bytes ||
    createHash('sha256').update(plain).digest('hex') !== manifest.content.sha256 ||
    plain.length < 4
  ) {
    refuse('sync_damaged', file);
  }
  const bodyLength = plain.readUInt32BE(0);
  let body: z.infer<typeof bodySchema>;
  let text: string;
  try {
    // ASCII reads the same as Latin-1 and as UTF-8; Latin-1 is the fast copy (asciiJson).
    const json = plain.subarray(4, 4 + bodyLength);
    text = isAscii(json) ? json.toString('latin1') : json.toString('utf8');
    const read = bodyReadSchema.parse(JSON.parse(text));
    if (!read.changes.every(isChangeTuple)) refuse('sync_damaged', file);
    body = read as z.infer<typeof bodySchema>;
  } catch {
    refuse('sync_damaged', file);
  }
  const echoed =
    body.replicaId === manifest.replica.id &&
    body.replica.id === manifest.replica.id &&
    body.replica.label === manifest.replica.label &&
    JSON.stringify(body.project ?? null) === JSON.stringify(manifest.project ?? null) &&
    body.appVersion === manifest.appVersion &&
    body.exportedAt === manifest.exportedAt &&
    body.schemaVersion === manifest.schemaVersion &&
    body.counts.changes === manifest.counts.changes &&
    body.counts.records === manifest.counts.records &&
    body.counts.attachments === manifest.counts.attachments &&
    body.changes.length === manifest.counts.changes &&
    body.attachments.length === manifest.counts.attachments;
  if (!echoed) refuse('sync_damaged', file);
  const changes = toChanges(body.changes, file, options.knownColumns);
  const attachments: ExportContent['attachments'] = [];
  let offset = 4 + bodyLength;
  for (const { sha256, size } of body.attachments) {
    const blob = plain.subarray(offset, offset + size);
    offset += size;
    if (blob.length !== size || createHash('sha256').update(blob).digest('hex') !== sha256) {
      refuse('sync_damaged', file);
    }
    attachments.push({ sha256, bytes: blob });
  }
  if (offset !== plain.length) refuse('sync_damaged', file);
  return { parsed: exportOf(manifest, body.replicas, changes, attachments), text };
}

/**
 * The export of a body text that decodeVerified accepted (on a verification worker), read again: the same
 * JSON text gives the same values, so the shape, echo, hash, id and column checks already passed.
 */
export function fromVerifiedText(
  manifest: Manifest,
  text: string,
  attachments: ExportContent['attachments'],
  logged?: LoggedTexts,
): ParsedExport {
  const body = JSON.parse(text) as z.infer<typeof bodySchema>;
  // The ids and fields were checked on the worker (toChanges there): an id is 13 digits, '-', 6 digits,
  // '@' and the replica id.
  const changes = body.changes.map(([id, tableName, rowId, fields, prev, deleted, author]): Change => ({
    id,
    replicaId: id.slice(21),
    tableName,
    rowId,
    fields,
    prev,
    deleted: deleted === 1,
    author,
  }));
  const parsed = exportOf(manifest, body.replicas, changes, attachments);
  if (logged) {
    const fields = logged.fields.split('\n');
    const prev = logged.prev.split('\n');
    if (fields.length === changes.length && prev.length === changes.length) {
      parsed.texts = new Map(changes.map((c, i) => [c, { fields: fields[i]!, prev: prev[i]! }]));
    }
  }
  return parsed;
}

/**
 * Every change's JSON.stringify(fields), and of prev, one per line: JSON.stringify escapes every line
 * break, so a line is one change's text.
 */
export interface LoggedTexts {
  fields: string;
  prev: string;
}

export function loggedTexts(changes: Change[]): LoggedTexts {
  return {
    fields: changes.map((c) => JSON.stringify(c.fields)).join('\n'),
    prev: changes.map((c) => JSON.stringify(c.prev)).join('\n'),
  };
}

function toChanges(
  tuples: ChangeTuple[],
  file: string,
  knownColumns: DecodeOptions['knownColumns'],
): Change[] {
  return tuples.map(([id, tableName, rowId, fields, prev, deleted, author]) => {
    const columns = knownColumns(tableName);
    const parsed = /^\d{13}-\d{6}@(.+)$/.exec(id);
    if (!columns || !parsed || Object.keys(fields).some((f) => !columns.has(f) || f === 'id')) {
      refuse('sync_damaged', file);
    }
    return { id, replicaId: parsed[1]!, tableName, rowId, fields, prev, deleted: deleted === 1, author };
  });
}

function exportOf(
  manifest: Manifest,
  replicas: ExportContent['replicas'],
  changes: Change[],
  attachments: ExportContent['attachments'],
): ParsedExport {
  return {
    manifest,
    replica: manifest.replica,
    exportedAt: manifest.exportedAt,
    schemaVersion: manifest.schemaVersion,
    appVersion: manifest.appVersion,
    replicas,
    changes,
    attachments,
  };
}
