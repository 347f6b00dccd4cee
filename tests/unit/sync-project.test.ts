// Issue #12, item 1: a project has an identity of its own (random at setup), carried in every export file.
// A file of another project is refused before any write, naming both projects; an empty database joins the
// file's project; demo data uses the database's project; `wardside project init | show`. And the CLI side
// of issue #11: control characters never reach the terminal, exports warn about patient data unencrypted.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '#contract/i18n/index.ts';
import { runCli } from '#main/cli/program.ts';
import { boot } from '#services/core/boot.ts';
import { projectIdentity } from '#services/core/project-identity.ts';
import { labelReplica } from '#services/core/settings.ts';
import { runDemo } from '#services/demo/demo.ts';
import { addAttachment } from '#services/issues/attachments.ts';
import { getProject, setupProject } from '#services/reference/project.ts';
import { exportChanges, importFiles } from '#services/sync/exchange.ts';
import { readManifest } from '#services/sync/file-format.ts';
import { freshCtx, tempDir } from './helpers.ts';
import { replica } from './sync-helpers.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const setup = (hospital: string, name: string) => ({
  hospital,
  name,
  newSystem: 'HIS',
  goLiveDate: null,
  pilotDepartments: [{ code: 'ICU', name: '重症医学科', type: 'ward' as const }],
});

describe('project identity', () => {
  it('a file of another project is refused before any write, naming both projects; the bytes are unchanged', () => {
    const dir = tempDir();
    const a = boot(join(dir, 'a.db'));
    setupProject(a, setup('市第一人民医院', 'HIS 升级'));
    const path = join(dir, 'b.db');
    const b = boot(path);
    setupProject(b, setup('县人民医院', 'EMR 上线'));
    // Both wizards made the same stable project id; only the identity tells the projects apart.
    expect(getProject(a)!.id).toBe(getProject(b)!.id);
    expect(projectIdentity(a)!.id).not.toBe(projectIdentity(b)!.id);
    const file = exportChanges(a);
    expect(readManifest(file.bytes, 'f').manifest.project).toEqual(projectIdentity(a));
    b.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');
    const report = importFiles(b, [{ name: 'a.wardside', bytes: file.bytes }]);
    const error = report.files[0]!.error!;
    expect(error.code).toBe('sync_other_project');
    const message = translator('zh-CN')(`errors.${error.code}`, error.params);
    expect(message).toContain('市第一人民医院 · HIS 升级');
    expect(message).toContain('县人民医院 · EMR 上线');
    b.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
    expect(getProject(b)!.hospital).toBe('县人民医院');
    a.close();
    b.close();
  });

  it('an empty database joins the project of the file it imports; a preview does not join', () => {
    const a = replica('A');
    const file = exportChanges(a.ctx);
    const empty = freshCtx({ now: a.clock.now });
    importFiles(empty, [{ name: 'a', bytes: file.bytes }], { dryRun: true });
    expect(projectIdentity(empty)).toBeNull();
    importFiles(empty, [{ name: 'a', bytes: file.bytes }]);
    expect(projectIdentity(empty)!.id).toBe(projectIdentity(a.ctx)!.id);
    // The demo then fills the joined project; it does not make one of its own.
    runDemo(empty, { replica: 'D', seed: 1, issues: 5, edits: 0 });
    expect(projectIdentity(empty)!.id).toBe(projectIdentity(a.ctx)!.id);
    expect(getProject(empty)!.hospital).toBe('市第一人民医院');
    const back = importFiles(a.ctx, [{ name: 'd', bytes: exportChanges(empty).bytes }]);
    expect(back.files[0]!.outcome).toBe('imported');
  });

  it('in one batch into an empty database, files of two projects: the second is refused', () => {
    const dir = tempDir();
    const files = ['甲医院', '乙医院'].map((hospital, i) => {
      const ctx = boot(join(dir, `${i}.db`));
      setupProject(ctx, setup(hospital, '项目'));
      const bytes = exportChanges(ctx).bytes;
      ctx.close();
      return { name: `${i}.wardside`, bytes };
    });
    const empty = freshCtx();
    const report = importFiles(empty, files);
    expect(report.files.map((f) => f.outcome)).toEqual(['imported', 'refused']);
    expect(report.files[1]!.error!.code).toBe('sync_other_project');
  });

  it('wardside project init | show', async () => {
    const db = join(tempDir(), 'p.db');
    const init = await cli(
      'project',
      'init',
      '--db',
      db,
      '--hospital',
      '市第一人民医院',
      '--project',
      'HIS 升级',
      '--go-live',
      '2027-01-08',
    );
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/hospital\s+市第一人民医院/);
    expect(init.out).toMatch(/go-live\s+2027-01-08/);
    const show = await cli('project', 'show', '--db', db, '--json');
    const shown = JSON.parse(show.out) as { identity: string; project: { name: string } };
    expect(shown.project.name).toBe('HIS 升级');
    expect(shown.identity).toMatch(/^[0-9a-f-]{36}$/);
    expect((await cli('project', 'init', '--db', db, '--hospital', 'x', '--project', 'y')).code).toBe(4);
    expect(
      (
        await cli(
          'project',
          'init',
          '--db',
          join(tempDir(), 'q.db'),
          '--hospital',
          'x',
          '--project',
          'y',
          '--go-live',
          '2027-13-01',
        )
      ).code,
    ).toBe(4);
  });
});

describe('the command line and files from outside', () => {
  it('prints labels from files without control characters', async () => {
    const dir = tempDir();
    const a = boot(join(dir, 'a.db'));
    setupProject(a, setup('市第一人民医院', 'HIS 升级'));
    labelReplica(a, 'ICU\u001b]0;pwned\u0007\u001b[2J\u202eevil');
    const file = join(dir, 'a.wardside');
    writeFileSync(file, exportChanges(a).bytes);
    a.close();
    const result = await cli('import', '--db', join(dir, 'b.db'), file);
    expect(result.code).toBe(0);
    expect(result.out).toContain('ICU]0;pwned[2Jevil');
    const printed = [...(result.out + result.err)].map((ch) => ch.codePointAt(0)!);
    const control = printed.filter(
      (c) =>
        (c < 0x20 && c !== 0x0a && c !== 0x09) || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e),
    );
    expect(control).toEqual([]);
  });

  it('export warns when written without a passphrase while holding patient data', async () => {
    const a = replica('A');
    expect(exportChanges(a.ctx).warning).toBeNull();
    addAttachment(a.ctx, {
      issueId: a.issue().id,
      fileName: 'his.png',
      mime: 'image/png',
      bytes: Buffer.from('png'),
    });
    expect(exportChanges(a.ctx).warning).toMatchObject({ code: 'sync_patient_data_unencrypted' });
    expect(exportChanges(a.ctx, { passphrase: '口令' }).warning).toBeNull();
    const db = join(tempDir(), 'w.db');
    const ctx = boot(db);
    setupProject(ctx, setup('市第一人民医院', 'HIS 升级'));
    ctx.close();
    const plain = await cli('export', '--db', db, '--out', join(tempDir(), 'x.wardside'));
    expect(plain.err).toBe('');
  });

  it('import --dry-run lists what a file would delete, children included', async () => {
    const dir = tempDir();
    const corpus = join(import.meta.dirname, '..', 'fixtures', 'hostile');
    const db = join(dir, 't.db');
    expect((await cli('import', '--db', db, join(corpus, 'base.wardside'))).code).toBe(0);
    const preview = await cli('import', '--db', db, '--dry-run', join(corpus, 'tombstone-flood.wardside'));
    expect(preview.code).toBe(0);
    expect(preview.out).toContain('would delete department 重症医学科');
    expect(preview.out).toMatch(/would delete pilot_issue B1-\d{4}/);
    expect(preview.out).toMatch(/… and \d+ more/);
  });
});
