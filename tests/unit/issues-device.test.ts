// Per-device issue numbers (issue #3 "Records": W3-0042 style, unique across replicas), capture defaults,
// and attachments stored once by SHA-256 beside the database (issue #3 "Attachments").
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '#main/ipc/handlers.ts';
import {
  addAttachment,
  archiveAttachment,
  copyForViewing,
  readAttachment,
} from '#services/issues/attachments.ts';
import { blobPath } from '#services/core/blobs.ts';
import { getDeviceSettings, setDeviceSettings } from '#services/issues/device.ts';
import { captureDefaults, createIssue, getIssueDetail, type IssueCreate } from '#services/issues/issues.ts';
import { ensureReplica } from '#services/core/settings.ts';
import { maxAttachmentBytes } from '#contract/index.ts';
import { dumpReplicated, freshCtx, rowCount } from './helpers.ts';
import {
  expectAppError,
  expectRefusedWithoutWrites,
  issueWorld,
  OPERATOR,
  userMessage,
  type IssueWorld,
} from './issues-fixtures.ts';

/** An issue from another laptop, as a merged export file brings it: its own replica id and sequence. */
function mergedIssue(w: IssueWorld, number: string) {
  const t = w.clock.now().toISOString();
  w.ctx.sqlite
    .prepare(
      `INSERT INTO pilot_issue (id, number, replica_id, seq, title, department_id, category, severity, status,
         tags, reported_at, response_due_at, resolution_due_at, created_at, updated_at)
       VALUES (?, ?, '00000000-0000-7000-8000-0000000000e1', 1, '其他电脑', ?, 'defect', 'P3', 'new', '[]',
         ?, ?, ?, ?, ?)`,
    )
    .run(w.ctx.newId(), number, w.icu, t, t, t, t, t);
}

/** Every path under the attachment store. */
function storedFiles(w: IssueWorld): string[] {
  const root = join(w.ctx.dataDir, 'attachments');
  return existsSync(root) ? readdirSync(root, { recursive: true, encoding: 'utf8' }).sort() : [];
}

describe('device settings and issue numbers', () => {
  it('numbers issues with the prefix and this replica’s own sequence', () => {
    const w = issueWorld();
    expect(getDeviceSettings(w.ctx)).toEqual({ operator: OPERATOR, issuePrefix: 'W3' });
    expect([w.issue().number, w.issue().number]).toEqual(['W3-0001', 'W3-0002']);
    // Another laptop's issues do not take numbers from this one's sequence.
    mergedIssue(w, 'E1-0001');
    expect(w.issue().number).toBe('W3-0003');
    // A new prefix continues the sequence, so (replica, seq) never repeats.
    setDeviceSettings(w.ctx, { operator: OPERATOR, issuePrefix: 'W4' });
    expect(w.issue().number).toBe('W4-0004');
  });

  it('defaults to a prefix derived from the replica id and no operator', () => {
    const ctx = freshCtx();
    const settings = getDeviceSettings(ctx);
    expect(settings.operator).toBe('');
    expect(settings.issuePrefix).toMatch(/^W[0-9A-Z]{3}$/);
    expect(getDeviceSettings(ctx)).toEqual(settings);
    expect(ensureReplica(ctx).id).toBeTruthy();
  });

  it('refuses a prefix already used by another laptop’s issues, and changes nothing', () => {
    const w = issueWorld();
    w.issue();
    mergedIssue(w, 'E1-0001');
    const before = getDeviceSettings(w.ctx);
    const localBefore = w.ctx.sqlite.prepare('SELECT * FROM local_setting ORDER BY key').all();

    for (const prefix of ['E1', 'e1']) {
      const error = expectRefusedWithoutWrites(
        w.ctx,
        () => setDeviceSettings(w.ctx, { operator: '别人', issuePrefix: prefix }),
        'prefix_taken',
      );
      expect(userMessage(error)).toContain(`“${prefix}”`);
    }
    expect(getDeviceSettings(w.ctx)).toEqual(before);
    expect(w.ctx.sqlite.prepare('SELECT * FROM local_setting ORDER BY key').all()).toEqual(localBefore);

    // Its own prefix, and prefixes that merely start the same, are fine.
    expect(setDeviceSettings(w.ctx, { operator: '周工', issuePrefix: 'W3' })).toEqual({
      operator: '周工',
      issuePrefix: 'W3',
    });
    expect(setDeviceSettings(w.ctx, { operator: '周工', issuePrefix: 'E' }).issuePrefix).toBe('E');
    expect(setDeviceSettings(w.ctx, { operator: '周工', issuePrefix: 'E12' }).issuePrefix).toBe('E12');
  });

  it('remembers department, system, module and reporter of the last capture', () => {
    const w = issueWorld();
    expect(captureDefaults(w.ctx)).toBeNull();
    w.issue({ departmentId: w.er, systemId: w.his, reporterId: w.nurse });
    expect(captureDefaults(w.ctx)).toEqual({
      departmentId: w.er,
      systemId: w.his,
      moduleId: null,
      reporterId: w.nurse,
    });
  });

  it('refuses references that do not exist, writing nothing', () => {
    const w = issueWorld();
    const base: IssueCreate = {
      title: 't',
      departmentId: w.icu,
      severity: 'P3',
      category: 'defect',
      blocking: false,
      tags: [],
    };
    expectRefusedWithoutWrites(
      w.ctx,
      () => createIssue(w.ctx, { ...base, departmentId: 'nope' }),
      'not_found',
    );
    expectRefusedWithoutWrites(w.ctx, () => createIssue(w.ctx, { ...base, assigneeId: 'nope' }), 'not_found');
    expectRefusedWithoutWrites(w.ctx, () => createIssue(w.ctx, { ...base, systemId: 'nope' }), 'not_found');
  });
});

describe('attachments', () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('截图内容'.repeat(100))]);
  const sha = createHash('sha256').update(png).digest('hex');

  function add(w: IssueWorld, issueId: string, fileName: string, bytes: Buffer = png) {
    return addAttachment(w.ctx, {
      issueId,
      fileName,
      mime: 'image/png',
      bytes,
    });
  }

  it('stores the bytes once by SHA-256 beside the database, one row per attachment', () => {
    const w = issueWorld();
    const a = w.issue();
    const b = w.issue();
    const first = add(w, a.id, '截图1.png');
    const second = add(w, b.id, '同一张图.png');
    expect(first).toMatchObject({
      issueId: a.id,
      sha256: sha,
      fileName: '截图1.png',
      mime: 'image/png',
      size: png.length,
    });
    expect(second.sha256).toBe(sha);
    expect(second.id).not.toBe(first.id);
    expect(rowCount(w.ctx, 'issue_attachment')).toBe(2);

    const path = blobPath(w.ctx, sha);
    expect(path).toBe(join(dirname(w.ctx.dbPath), 'attachments', sha.slice(0, 2), sha));
    expect(storedFiles(w)).toEqual([sha.slice(0, 2), join(sha.slice(0, 2), sha)]);
    expect(readFileSync(path).equals(png)).toBe(true);
    // Never inline in rows.
    const row = w.ctx.sqlite.prepare('SELECT * FROM issue_attachment WHERE id = ?').get(first.id) as object;
    expect(JSON.stringify(row).length).toBeLessThan(1000);
    expect(getIssueDetail(w.ctx, a.id).attachments).toEqual([first]);
  });

  it('gives the content back unchanged, through the service and the handler', () => {
    const w = issueWorld();
    const issue = w.issue();
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31) % 256));
    const attachment = add(w, issue.id, 'data.bin', bytes);
    const read = readAttachment(w.ctx, attachment.id);
    expect(read.bytes.equals(bytes)).toBe(true);
    expect(read.attachment).toEqual(attachment);
    const viaHandler = createHandlers(w.ctx)['attachments.content']({ id: attachment.id });
    expect(viaHandler).toEqual({ attachment, contentBase64: bytes.toString('base64') });
  });

  it('refuses a file over the size limit with a clear message, writing nothing', () => {
    const w = issueWorld();
    const issue = w.issue();
    const tooBig = Buffer.alloc(maxAttachmentBytes + 1, 1);
    const error = expectRefusedWithoutWrites(
      w.ctx,
      () => add(w, issue.id, '录屏.mp4', tooBig),
      'attachment_too_large',
    );
    expect(userMessage(error)).toBe('附件 录屏.mp4 太大（20.0 MB），单个附件上限为 20 MB。');
    expect(storedFiles(w)).toEqual([]);
    // Exactly at the limit is accepted.
    expect(add(w, issue.id, '刚好.bin', Buffer.alloc(maxAttachmentBytes, 2)).size).toBe(maxAttachmentBytes);
  });

  it('refuses an empty file and an unknown issue, writing nothing', () => {
    const w = issueWorld();
    const issue = w.issue();
    const error = expectRefusedWithoutWrites(
      w.ctx,
      () => add(w, issue.id, '空.png', Buffer.alloc(0)),
      'attachment_empty',
    );
    expect(userMessage(error)).toContain('空.png');
    expectRefusedWithoutWrites(w.ctx, () => add(w, 'no-such-issue', 'a.png'), 'not_found');
    expect(storedFiles(w)).toEqual([]);
  });

  it('removing hides the attachment but keeps the bytes; a missing blob is a clear error', () => {
    const w = issueWorld();
    const issue = w.issue();
    const attachment = add(w, issue.id, '截图.png');
    archiveAttachment(w.ctx, attachment.id, true);
    expect(getIssueDetail(w.ctx, issue.id).attachments).toEqual([]);
    expect(existsSync(blobPath(w.ctx, sha))).toBe(true);
    archiveAttachment(w.ctx, attachment.id, false);
    expect(getIssueDetail(w.ctx, issue.id).attachments).toEqual([attachment]);

    // A row that arrived by sync before its file did.
    const synced = w.ctx.newId();
    w.ctx.sqlite
      .prepare(
        `INSERT INTO issue_attachment (id, issue_id, sha256, file_name, mime, size, created_at, updated_at)
         VALUES (?, ?, ?, '未同步.png', 'image/png', 10, '', '')`,
      )
      .run(synced, issue.id, 'f'.repeat(64));
    const error = expectAppError(() => readAttachment(w.ctx, synced), 'attachment_missing');
    expect(userMessage(error)).toContain('未同步.png');
  });

  it('removes viewing copies older than a day, keeps recent ones', () => {
    const w = issueWorld();
    const issue = w.issue();
    const root = join(tmpdir(), 'wardside-open');
    const stale = join(root, `stale-${process.pid}`);
    const fresh = join(root, `fresh-${process.pid}`);
    for (const dir of [stale, fresh]) mkdirSync(dir, { recursive: true });
    onTestFinished(() => {
      for (const dir of [stale, fresh]) rmSync(dir, { recursive: true, force: true });
    });
    const now = Date.now() / 1000;
    utimesSync(stale, now - 25 * 3600, now - 25 * 3600);
    utimesSync(fresh, now - 23 * 3600, now - 23 * 3600);
    const target = copyForViewing(w.ctx, add(w, issue.id, 'a.png').id);
    onTestFinished(() => rmSync(dirname(target), { recursive: true, force: true }));
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(fresh)).toBe(true);
  });

  it('copies for viewing under the original name, made safe', () => {
    const w = issueWorld();
    const issue = w.issue();
    const view = (fileName: string) => {
      const target = copyForViewing(w.ctx, add(w, issue.id, fileName).id);
      expect(readFileSync(target).equals(png)).toBe(true);
      return target;
    };
    const plain = view('检验报告 2026-11-23.png');
    expect(basename(plain)).toBe('检验报告 2026-11-23.png');
    const viewingDir = dirname(plain);
    onTestFinished(() => rmSync(viewingDir, { recursive: true, force: true }));

    for (const name of [
      '../../etc/passwd.png',
      'C:\\Users\\护士\\截图.png',
      'a:b*c?"<>|.png',
      '...png',
      'tab\there.png',
    ]) {
      const target = view(name);
      expect(dirname(target), name).toBe(viewingDir);
      expect(basename(target), name).not.toMatch(/[\\/:*?"<>|\t]/);
      expect(basename(target), name).not.toMatch(/^\.*$/);
    }
    expect(basename(view('C:\\Users\\护士\\截图.png'))).toMatch(/截图\.png$/);
    // No document or image type: never handed to the system viewer (issue #11, item 4).
    for (const name of ['../../etc/passwd', '..', '.', 'setup.exe', 'screen.png .bat', 'x.js']) {
      expectAppError(() => copyForViewing(w.ctx, add(w, issue.id, name).id), 'attachment_not_viewable');
    }
  });
});

describe('attachments travel by hash', () => {
  it('dumpReplicated sees the rows, not the bytes', () => {
    const w = issueWorld();
    const issue = w.issue();
    const bytes = Buffer.from('x'.repeat(10_000));
    addAttachment(w.ctx, {
      issueId: issue.id,
      fileName: 'x.txt',
      mime: 'text/plain',
      bytes,
    });
    const dump = JSON.stringify(dumpReplicated(w.ctx).issue_attachment);
    expect(dump).toContain(createHash('sha256').update(bytes).digest('hex'));
    expect(dump).not.toContain('x'.repeat(100));
  });
});
