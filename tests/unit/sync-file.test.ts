// The .wardside file (issue #4): what it carries, and that every kind of bad file is refused with its own
// message before anything is written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { issueAttachment, pilotIssue } from '#db/schema.ts';
import { AppError } from '#services/core/errors.ts';
import { updateRecord } from '#services/core/records.ts';
import { addAttachment, readAttachment } from '#services/issues/attachments.ts';
import { exportChanges, importFiles, importLog } from '#services/sync/exchange.ts';
import { decodeExport, encodeExport, readManifest } from '#services/sync/file-format.ts';
import { knownColumns } from '#services/sync/verify.ts';
import { gunzipSync } from 'node:zlib';
import { dumpState } from '#services/sync/dump.ts';
import { blobPath } from '#services/core/blobs.ts';
import { existsSync, readFileSync } from 'node:fs';
import { translator } from '#contract/i18n/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { expectAppError } from './issues-fixtures.ts';
import { freshCtx } from './helpers.ts';
import { joining, replica, type Replica } from './sync-helpers.ts';

/** Everything in the database file, as SQLite serialises it: "the database is unchanged" means this. */
function databaseBytes(ctx: Ctx): Buffer {
  return ctx.sqlite.serialize();
}

function refusedWith(target: Replica, bytes: Buffer, options: { passphrase?: string } = {}) {
  const before = databaseBytes(target.ctx);
  const report = importFiles(target.ctx, [{ name: 'x.wardside', bytes }], options);
  expect(report.files[0]!.outcome).toBe('refused');
  expect(databaseBytes(target.ctx).equals(before)).toBe(true);
  return report.files[0]!.error!.code;
}

/** The JSON body of an unencrypted file, as bytes. */
function bodyOf(bytes: Buffer): Buffer {
  const plain = gunzipSync(readManifest(bytes, 'x').payload);
  return plain.subarray(4, 4 + plain.readUInt32BE(0));
}

describe('the export file', () => {
  it('carries a readable manifest: format, schema version, replica, time, counts and the content hash', () => {
    const a = replica('A');
    a.issue();
    const file = exportChanges(a.ctx);
    const { manifest } = readManifest(file.bytes, 'a.wardside');
    expect(manifest).toMatchObject({
      format: 'wardside-sync',
      formatVersion: 1,
      schemaVersion: a.ctx.schemaVersion,
      replica: { label: 'A' },
      compression: 'gzip',
      encryption: null,
    });
    expect(manifest.content.sha256).toMatch(/^[0-9a-f]{64}$/);
    const changes = (a.ctx.sqlite.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(manifest.counts.changes).toBe(changes);
    expect(file.fileName).toMatch(/^wardside-A-\d{8}-\d{6}\.wardside$/);
    // Compressed: smaller than the JSON of the changes it carries.
    expect(file.bytes.length).toBeLessThan(manifest.content.bytes);
  });

  it('writes its body as ASCII, every other character escaped, and still reads files whose body is UTF-8', () => {
    const a = replica('A');
    const issue = a.issue({ title: '检验科 LIS 𠀀 😀 é' });
    updateRecord(a.ctx, pilotIssue, issue.id, { description: 'a\u2028b\u007fc\ud800d' });
    const decoded = decodeExport(exportChanges(a.ctx).bytes, 'a.wardside', {
      schemaVersion: 1_000,
      knownColumns,
    });
    const content = { ...decoded, project: decoded.manifest.project };
    const ascii = encodeExport(content).bytes;
    const utf8 = encodeExport(content, { body: 'utf8' }).bytes;
    expect(bodyOf(ascii).every((byte) => byte < 0x80)).toBe(true);
    expect(bodyOf(ascii).toString('latin1')).toContain('\\u68c0\\u9a8c\\u79d1 LIS \\ud840\\udc00');
    expect(bodyOf(utf8).toString('utf8')).toContain('检验科 LIS 𠀀 😀 é');
    for (const bytes of [ascii, utf8]) {
      const read = decodeExport(bytes, 'x.wardside', { schemaVersion: 1_000, knownColumns });
      expect(read.changes).toEqual(decoded.changes);
    }
    // Two empty laptops, one given each file: the same records.
    const viaAscii = { ctx: freshCtx() };
    const viaUtf8 = { ctx: freshCtx() };
    expect(importFiles(viaAscii.ctx, [{ name: 'a.wardside', bytes: ascii }]).files[0]!.outcome).toBe(
      'imported',
    );
    expect(importFiles(viaUtf8.ctx, [{ name: 'u.wardside', bytes: utf8 }]).files[0]!.outcome).toBe(
      'imported',
    );
    const title = (ctx: Ctx) =>
      ctx.sqlite.prepare('SELECT title, description FROM pilot_issue WHERE id = ?').get(issue.id) as object;
    expect(title(viaAscii.ctx)).toEqual({
      title: '检验科 LIS 𠀀 😀 é',
      description: 'a\u2028b\u007fc\ufffdd',
    });
    expect(title(viaUtf8.ctx)).toEqual(title(viaAscii.ctx));
    expect(dumpState(viaAscii.ctx)).toBe(dumpState(viaUtf8.ctx));
  });

  it('carries each attachment once by content hash, and the importer stores it', () => {
    const a = replica('A');
    const bytes = Buffer.from('%PDF-1.4 检验报告');
    const first = a.issue();
    const second = a.issue({ title: '同一张截图' });
    for (const issueId of [first.id, second.id]) {
      addAttachment(a.ctx, {
        issueId,
        fileName: 'report.pdf',
        mime: 'application/pdf',
        bytes,
      });
    }
    const file = exportChanges(a.ctx);
    expect(readManifest(file.bytes, 'a').manifest.counts.attachments).toBe(1);
    const b = joining(a, 'B');
    const sha = (
      b.ctx.sqlite.prepare('SELECT DISTINCT sha256 FROM issue_attachment').get() as { sha256: string }
    ).sha256;
    expect(existsSync(blobPath(b.ctx, sha))).toBe(true);
    expect(readFileSync(blobPath(b.ctx, sha)).equals(bytes)).toBe(true);
  });

  it('a synced attachment row whose hash is a path is refused at import, at read and at export', () => {
    const a = replica('A');
    const issue = a.issue();
    const add = (fileName: string, text: string) =>
      addAttachment(a.ctx, {
        issueId: issue.id,
        fileName,
        mime: 'text/plain',
        bytes: Buffer.from(text),
      });
    add('ok.txt', 'fine');
    const hostile = add('evil.txt', 'evil');
    // A laptop that rewrote the hash through the write path, so the value travels like any edit.
    updateRecord(a.ctx, issueAttachment, hostile.id, { sha256: '../../../../etc/passwd' });
    // Read: the value never becomes a path; export: the row travels, no file is read for it.
    expectAppError(() => readAttachment(a.ctx, hostile.id), 'invalid_input');
    const file = exportChanges(a.ctx);
    expect(readManifest(file.bytes, 'a').manifest.counts.attachments).toBe(1);
    // Import: the file is refused by the column's schema, naming the table, record and column.
    const b = replica('B');
    const before = dumpState(b.ctx);
    const report = importFiles(b.ctx, [{ name: 'a.wardside', bytes: file.bytes }]);
    expect(report.files[0]!.error).toMatchObject({
      code: 'sync_invalid_value',
      params: { table: 'issue_attachment', row: hostile.id, column: 'sha256' },
    });
    expect(dumpState(b.ctx)).toBe(before);

    for (const bad of [
      '../../etc/passwd',
      'F'.repeat(64),
      'f'.repeat(63),
      'f'.repeat(65),
      `${'f'.repeat(64)}/..`,
      '',
    ]) {
      expect(() => blobPath(b.ctx, bad), bad).toThrow(AppError);
    }
    expect(blobPath(b.ctx, 'f'.repeat(64))).toBe(join(b.ctx.dataDir, 'attachments', 'ff', 'f'.repeat(64)));
  });

  it('encrypted with a passphrase: imports with it; refused without it or with a wrong one', () => {
    const a = replica('A');
    a.issue({ title: '加密传输的问题' });
    const file = exportChanges(a.ctx, { passphrase: '病区-2026' });
    const { manifest } = readManifest(file.bytes, 'a');
    expect(manifest.encryption).toMatchObject({ cipher: 'aes-256-gcm', kdf: 'scrypt' });
    // Nothing readable without the key.
    expect(file.bytes.includes(Buffer.from('加密传输的问题'))).toBe(false);
    const b = replica('B');
    expect(refusedWith(b, file.bytes)).toBe('sync_passphrase_required');
    expect(refusedWith(b, file.bytes, { passphrase: '病区-2025' })).toBe('sync_wrong_passphrase');
    const ok = importFiles(b.ctx, [{ name: 'a.wardside', bytes: file.bytes }], { passphrase: '病区-2026' });
    expect(ok.files[0]!.outcome).toBe('imported');
    expect(ok.files[0]!.encrypted).toBe(true);
  });

  it('refuses a file that is not a Wardside file, and one from a newer schema, saying which', () => {
    const a = replica('A');
    const b = replica('B');
    expect(refusedWith(b, Buffer.from('就诊号,金额\n001,12.5\n'))).toBe('sync_not_wardside');
    expect(refusedWith(b, Buffer.alloc(0))).toBe('sync_not_wardside');
    const newer = { ...a.ctx, schemaVersion: a.ctx.schemaVersion + 1 };
    expect(refusedWith(b, exportChanges(newer).bytes)).toBe('sync_newer_schema');
    const t = translator('zh-CN');
    expect(t('errors.sync_newer_schema', { file: 'a.wardside', version: 9, ours: 5 })).toContain('升级');
  });

  it('refuses a file cut at any point, and writes nothing', () => {
    const a = replica('A');
    for (let i = 0; i < 5; i += 1) a.issue({ title: `问题 ${i}` });
    const bytes = exportChanges(a.ctx).bytes;
    const b = replica('B');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
        const code = refusedWith(b, bytes.subarray(0, cut));
        expect(['sync_truncated', 'sync_not_wardside']).toContain(code);
        if (cut >= 14) expect(code).toBe('sync_truncated');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a file with any byte altered (manifest or content), and writes nothing', () => {
    const a = replica('A');
    a.issue({ title: '篡改测试' });
    for (const passphrase of [undefined, '口令']) {
      const bytes = exportChanges(a.ctx, { passphrase }).bytes;
      const b = replica('B');
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: bytes.length - 1 }),
          fc.integer({ min: 1, max: 255 }),
          (at, xor) => {
            const tampered = Buffer.from(bytes);
            tampered[at] = tampered[at]! ^ xor;
            const code = refusedWith(b, tampered, { passphrase });
            expect([
              'sync_damaged',
              'sync_truncated',
              'sync_not_wardside',
              'sync_wrong_passphrase',
              'sync_newer_schema',
              'sync_passphrase_required',
              // A size digit of the manifest made smaller: the content inflates past what it declares.
              'sync_too_large',
            ]).toContain(code);
          },
        ),
        { numRuns: passphrase ? 20 : 150 },
      );
      // The gzip header's time and OS bytes change no content; the file is still refused as altered.
      const payloadStart = 18 + bytes.readUInt32BE(14);
      for (let at = payloadStart; at < payloadStart + 10; at += 1) {
        const tampered = Buffer.from(bytes);
        tampered[at] = tampered[at]! ^ 1;
        expect(refusedWith(b, tampered, { passphrase })).toBe('sync_damaged');
      }
    }
    // Each encrypted attempt derives a key with scrypt (deliberately slow).
  }, 90_000);

  it('a batch imports the good files and refuses the bad ones; the import log records who sent what, when', () => {
    const a = replica('A');
    a.issue();
    const b = joining(a, 'B');
    b.issue({ title: 'B 的问题' });
    const c = replica('C');
    const good = exportChanges(b.ctx);
    const report = importFiles(c.ctx, [
      { name: 'good.wardside', bytes: good.bytes },
      { name: 'cut.wardside', bytes: good.bytes.subarray(0, 200) },
    ]);
    expect(report.files.map((f) => f.outcome)).toEqual(['imported', 'refused']);
    expect(report.files[1]!.error!.code).toBe('sync_truncated');
    const log = importLog(c.ctx);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ fileName: 'good.wardside', sourceLabel: 'B', outcome: 'imported' });
    expect(log[0]!.counts!.newRecords).toBeGreaterThan(0);
    expect(log[0]!.exportedAt).toBe(good.manifest.exportedAt);
  });
});
