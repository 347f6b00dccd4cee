// Hostile sheet files (issue #11, items 7–9 and 13; issue #12, item 14), built by
// tests/fixtures/hostile/sheets.ts: each is refused with a message naming the file (and the row, column or
// lines where there is one), quickly and within memory; the reconciliation handles giant cells right,
// names the picked file and its side, and removes its uploads when the job ends.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorPayload } from '#main/ipc/dispatch.ts';
import { AppError } from '#services/core/errors.ts';
import * as engine from '#services/reconcile/engine/index.ts';
import { reconcile } from '#services/reconcile/engine/reconcile.ts';
import { createWorkspace } from '#services/reconcile/jobs.ts';
import { createProfile } from '#services/reconcile/profiles.ts';
import { readTable, sheetLimits } from '#services/sheets/tabular.ts';
import {
  binaries,
  bombXlsx,
  gbkWithUtf8Line,
  giantCellCsv,
  giantCellXlsx,
  manyRowsXlsx,
  utf8WithGbkLine,
  wideCsv,
  xlsx,
  rowXml,
} from '../fixtures/hostile/sheets.ts';
import { freshCtx, tempDir } from './helpers.ts';

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const english = (error: AppError) => errorPayload(error, 'en').message;

describe('sheet imports refuse hostile files by name', () => {
  let honestBomb: Buffer;
  let lyingBomb: Buffer;
  beforeAll(() => {
    // 120 MiB of rows each: over the 100 MiB a sheet import inflates, at about 1000:1.
    honestBomb = bombXlsx(120, false);
    lyingBomb = bombXlsx(120, true);
  });

  it.each([
    ['honest', () => honestBomb],
    ['lying', () => lyingBomb],
  ])('a zip bomb with %s sizes is refused before exceljs inflates it', async (_kind, bytes) => {
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refusal(readTable('科室.xlsx', bytes()));
    expect(error.code).toBe('import_zip_too_large');
    expect(error.params.file).toBe('科室.xlsx');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(512 * 1024 * 1024);
  });

  it('a sheet over the row limit is refused with the limit, in under 2 s', async () => {
    const bytes = manyRowsXlsx(sheetLimits.rows + 1);
    const started = performance.now();
    const error = await refusal(readTable('花名册.xlsx', bytes));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'import_too_many_rows', params: { file: '花名册.xlsx' } });
    expect(english(error)).toContain(String(sheetLimits.rows));
  });

  it('a sheet at the row limit is read whole, by the streaming reader', async () => {
    const table = await readTable('花名册.xlsx', manyRowsXlsx(1000));
    expect(table.rows).toHaveLength(1000);
    expect(table.rows[999]).toEqual(['001000', '张伟', '心内科', '护士']);
    expect(table.sheetName).toBe('Sheet1');
  });

  it.each([
    ['花名册.csv', () => giantCellCsv(40_000), 3, 'B'],
    ['花名册.xlsx', () => giantCellXlsx(40_000), 2, 'C'],
  ])('a giant cell in %s is refused by row and column', async (name, bytes, row, column) => {
    const error = await refusal(readTable(name, bytes()));
    expect(error).toMatchObject({ code: 'import_cell_too_long', params: { file: name, row, column } });
  });

  it('too many columns are refused with the row', async () => {
    const error = await refusal(readTable('宽表.csv', wideCsv(300)));
    expect(error).toMatchObject({ code: 'import_too_many_columns', params: { file: '宽表.csv', row: 1 } });
  });

  it('one GBK line in a UTF-8 file is named, never decoded into mojibake', async () => {
    const error = await refusal(readTable('花名册.csv', utf8WithGbkLine(3)));
    expect(error).toMatchObject({
      code: 'import_mixed_encoding',
      params: { file: '花名册.csv', encoding: 'UTF-8', lines: '3', count: 1 },
    });
    expect(english(error)).toContain('lines 3');
  });

  it('one UTF-8 line in a GBK file is named too', async () => {
    const error = await refusal(readTable('花名册.csv', gbkWithUtf8Line(4)));
    expect(error).toMatchObject({
      code: 'import_mixed_encoding',
      params: { encoding: 'GB18030', lines: '4', count: 1 },
    });
  });

  it('a UTF-8 file with a BOM and a GBK line names the line', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8WithGbkLine(2)]);
    const error = await refusal(readTable('花名册.csv', bytes));
    expect(error).toMatchObject({ code: 'import_mixed_encoding', params: { encoding: 'UTF-8', lines: '2' } });
  });

  it('a whole GBK file still reads as GB18030', async () => {
    const table = await readTable('花名册.csv', iconv.encode('工号,姓名\n000001,医嘱无法保存\n', 'gbk'));
    expect(table.encoding).toBe('gb18030');
    expect(table.rows[1]).toEqual(['000001', '医嘱无法保存']);
  });

  it.each(Object.keys(binaries))('%s (binary) is refused as not a table', async (name) => {
    const error = await refusal(readTable(name, binaries[name]!));
    expect(error).toMatchObject({ code: 'import_not_a_table', params: { file: name } });
    expect(english(error)).toContain('not a table');
  });

  it('a truncated workbook is refused as damaged, in the user’s language, without the library’s words', async () => {
    const whole = xlsx(rowXml(1, ['工号', '姓名']) + rowXml(2, ['1', '张伟']));
    const error = await refusal(readTable('花名册.xlsx', whole.subarray(0, whole.length - 40)));
    expect(error).toMatchObject({ code: 'import_damaged', params: { file: '花名册.xlsx' } });
    const zh = errorPayload(error, 'zh-CN').message;
    expect(zh).toContain('花名册.xlsx');
    expect(zh).not.toMatch(/Corrupted|FILE_ENDED|zip/i);
  });
});

function pair(oldText: string | Buffer, newText: string | Buffer, oldName = 'old.csv', newName = 'new.csv') {
  const dir = tempDir();
  const oldFile = join(dir, oldName);
  const newFile = join(dir, newName);
  writeFileSync(oldFile, oldText);
  writeFileSync(newFile, newText);
  return { oldFile, newFile };
}
describe('reconciliation and hostile files', () => {
  const profile = {
    name: '门诊收费',
    columns: [
      { old: 'id', new: 'id', key: true },
      { old: 'note', new: 'note' },
    ],
  };

  it.each([9, 17])('cells of %i MiB are compared right, not read past their block', async (mib) => {
    const big = 'x'.repeat(mib * 1024 * 1024);
    const r = await reconcile({
      profile,
      ...pair(`id,note\n1,${big}\n2,${big}\n3,small\n4,${big}\n`, `id,note\n1,${big}\n2,${big}y\n3,small\n`),
    });
    expect(r.summary).toMatchObject({
      oldRows: 4,
      newRows: 3,
      matched: 3,
      missingInNew: 1,
      missingInOld: 0,
      rowsWithDifferences: 1,
    });
    expect(r.discrepancies.map((d) => [d.kind, d.key[0]])).toEqual([
      ['different', '2'],
      ['missing-in-new', '4'],
    ]);
  });

  it('a zip bomb is refused before exceljs sees it, naming the file', async () => {
    const error = await refusal(
      reconcile({ profile, ...pair(bombXlsx(64, true), 'id,note\n', 'old.xlsx', 'new.csv') }),
    );
    expect(error).toMatchObject({ code: 'reconcile_zip_too_large', params: { file: 'old.xlsx' } });
  });

  it('a GBK line in a UTF-8 export is named, at the start or past the sniffed megabyte', async () => {
    const early = await refusal(reconcile({ profile, ...pair(utf8WithGbkLine(3), 'id,note\n') }));
    expect(early).toMatchObject({
      code: 'reconcile_mixed_encoding',
      params: { file: 'old.csv', lines: '3' },
    });
    const filler = Array.from({ length: 40_000 }, (_, i) => `${i + 10},病区记录第${i}行`).join('\n');
    const late = Buffer.concat([
      Buffer.from(`id,note\n${filler}\n`),
      iconv.encode('99999999,医嘱无法保存\n', 'gbk'),
    ]);
    const error = await refusal(reconcile({ profile, ...pair('id,note\n', late) }));
    expect(error).toMatchObject({
      code: 'reconcile_mixed_encoding',
      params: { file: 'new.csv', encoding: 'UTF-8', lines: '40002' },
    });
  });

  it('a binary file is refused as not a table', async () => {
    const error = await refusal(reconcile({ profile, ...pair(binaries['picture.csv']!, 'id,note\n') }));
    expect(error).toMatchObject({ code: 'reconcile_not_a_table', params: { file: 'old.csv' } });
  });

  it('the workspace names the picked file and its side, and removes the uploads when the job ends', async () => {
    const ctx = freshCtx();
    const ws = createWorkspace(ctx, engine, {
      describeError: (e) => errorPayload(e, 'zh-CN').message,
    });
    const upload = (fileName: string, bytes: Buffer) =>
      ws.upload({ fileId: null, fileName, size: bytes.length, offset: 0, bytes }).fileId;
    const whole = xlsx(rowXml(1, ['id', 'note']) + rowXml(2, ['1', 'a']));
    const oldId = upload('旧系统导出.xlsx', whole.subarray(0, whole.length - 30));
    const newId = upload('新系统导出.csv', Buffer.from('id,note\n1,a\n'));
    const uploads = join(ctx.dataDir, 'reconcile-uploads');
    expect(readdirSync(uploads)).toHaveLength(2);

    const headerError = await ws.headers({ fileId: oldId, encoding: 'auto' }).then(
      () => null,
      (e: unknown) => e as AppError,
    );
    expect(headerError).toMatchObject({ code: 'reconcile_damaged', params: { file: '旧系统导出.xlsx' } });

    const saved = createProfile(ctx, { domain: '门诊收费', name: '门诊收费', columns: profile.columns });
    const { jobId } = ws.start({
      profileId: saved.id,
      businessDate: '2026-11-20',
      oldFileId: oldId,
      newFileId: newId,
    });
    let status = ws.status(jobId);
    for (let i = 0; i < 400 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = ws.status(jobId);
    }
    expect(status.state).toBe('failed');
    expect(status.error).toContain('旧系统文件 旧系统导出.xlsx');
    expect(status.error).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(status.error).not.toMatch(/Corrupted|FILE_ENDED/);
    // The job ended: its uploads are gone.
    expect(readdirSync(uploads)).toEqual([]);
    expect(existsSync(uploads)).toBe(true);
  });
});
