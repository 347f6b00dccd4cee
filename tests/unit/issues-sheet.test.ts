// Issue sheets in and out (main/services/issues/sheet-*.ts): lenient values, messy hospital sheets
// (merged title rows, blank rows, unknown columns, GB18030, dates as Excel serials and as text), per-row
// problems with Excel row numbers, idempotent re-import, the 试运行问题清单 export with formula
// neutralisation, and export → import round trips. Runs in Asia/Shanghai so "local time" is not UTC.
process.env.TZ = 'Asia/Shanghai';

import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '#main/ipc/handlers.ts';
import { AppError } from '#services/core/errors.ts';
import { createIssue, getIssueDetail, transitionIssue } from '#services/issues/issues.ts';
import { exportIssuesXlsx } from '#services/issues/sheet-export.ts';
import { commitIssueImport, issueFingerprint, previewIssueImport } from '#services/issues/sheet-import.ts';
import {
  fromExcelSerial,
  parseCategory,
  parseFlag,
  parseSeverity,
  parseSheetDate,
  parseStatus,
  parseTags,
} from '#services/issues/sheet-values.ts';
import { neutraliseFormula, restoreNeutralised } from '#services/sheets/formula.ts';
import { listPeople } from '#services/reference/people.ts';
import { setLocale, setLocalSetting } from '#services/core/settings.ts';
import { listSystems } from '#services/reference/systems.ts';
import { wallClockText } from '#services/sheets/tabular.ts';
import { contract, type IssueFilter, type PilotIssue } from '#contract/index.ts';
import {
  base64,
  englishCsv,
  excelWallClock,
  gb18030Csv,
  messyWorkbook,
  noDepartmentCsv,
  seedProject,
} from '../fixtures/issues/sheets.ts';
import { dumpReplicated, freshCtx, rowCount, testClock, type TestCtx } from './helpers.ts';

const local = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) =>
  new Date(y, m - 1, d, h, mi, s).toISOString();

const sheet = (fileName: string, bytes: Buffer | string) => ({ fileName, bytes: Buffer.from(bytes) });
/** As before issue #12: departments and systems the project lacks refuse their rows instead of being created. */
const strict = (file: { fileName: string; bytes: Buffer }) => ({ ...file, createMissing: false });

function issuesByTitle(ctx: TestCtx): Map<string, PilotIssue> {
  const ids = ctx.sqlite.prepare('SELECT id FROM pilot_issue').all() as { id: string }[];
  return new Map(
    ids.map(({ id }) => {
      const { issue } = getIssueDetail(ctx, id);
      return [issue.title, issue];
    }),
  );
}

async function rejects(promise: Promise<unknown>, code: AppError['code']): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('sheet values', () => {
  it('runs in a zone that is not UTC, so local-time bugs show', () => {
    expect(new Date(2026, 10, 3).getTimezoneOffset()).toBe(-480);
  });

  it.each([
    ['2026-11-03', local(2026, 11, 3)],
    ['2026/11/3 9:30', local(2026, 11, 3, 9, 30)],
    ['2026年11月3日', local(2026, 11, 3)],
    ['2026年11月3日 9时30分', local(2026, 11, 3, 9, 30)],
    ['2026年11月3日9时30分', local(2026, 11, 3, 9, 30)],
    ['2026年11月3日 下午3:30', local(2026, 11, 3, 15, 30)],
    ['11/3/2026', local(2026, 11, 3)],
    ['11/3/2026 9:30', local(2026, 11, 3, 9, 30)],
    ['25/3/2026', local(2026, 3, 25)],
    ['2026.11.03', local(2026, 11, 3)],
    ['20261103', local(2026, 11, 3)],
    ['2026-11-03 09:30:15', local(2026, 11, 3, 9, 30, 15)],
    ['2026-11-03T09:30', local(2026, 11, 3, 9, 30)],
    ['2026/11/3 3:30 PM', local(2026, 11, 3, 15, 30)],
    ['２０２６－１１－０３', local(2026, 11, 3)],
    ['46329', local(2026, 11, 3)],
    ['46329.395833333', local(2026, 11, 3, 9, 30)],
    ['2026-11-03T01:30:00Z', '2026-11-03T01:30:00.000Z'],
    ['2026-11-03T09:30:00+08:00', '2026-11-03T01:30:00.000Z'],
  ])('date %j → %s', (text, iso) => {
    expect(parseSheetDate(text)?.toISOString()).toBe(iso);
  });

  it.each(['', '上周三', '2026-02-30', '2026-13-01', '3', '123456789', '2026-11-039:30', '25:00'])(
    'date %j is refused',
    (text) => {
      expect(parseSheetDate(text)).toBeUndefined();
    },
  );

  it('Excel serials cover plausible report dates only', () => {
    expect(fromExcelSerial(1)).toBeUndefined();
    expect(fromExcelSerial(46329.999999)?.toISOString()).toBe(local(2026, 11, 4));
  });

  it('exceljs date cells read back as wall-clock text, rounded to the second', () => {
    expect(wallClockText(excelWallClock(2026, 11, 3))).toBe('2026-11-03');
    expect(wallClockText(excelWallClock(2026, 11, 3, 9, 30))).toBe('2026-11-03 09:30');
    expect(wallClockText(new Date(Date.UTC(2026, 10, 3, 9, 29, 59, 999)))).toBe('2026-11-03 09:30');
    expect(wallClockText(new Date(Date.UTC(2026, 10, 3, 23, 59, 59, 700)))).toBe('2026-11-04');
    expect(wallClockText(new Date(Date.UTC(2026, 10, 3, 9, 30, 15)))).toBe('2026-11-03 09:30:15');
  });

  it.each([
    ['P1', 'P1'],
    ['p2', 'P2'],
    ['Ｐ３', 'P3'],
    ['紧急', 'P1'],
    ['高', 'P2'],
    ['中', 'P3'],
    ['低', 'P4'],
    ['1', 'P1'],
    ['4', 'P4'],
    ['P1 影响患者诊疗', 'P1'],
    ['P4 cosmetic', 'P4'],
    ['Critical', 'P1'],
    ['minor', 'P4'],
    ['5', undefined],
    ['P12', undefined],
    ['急急急', undefined],
  ])('severity %j → %s', (text, severity) => {
    expect(parseSeverity(text)).toBe(severity);
  });

  it.each([
    ['已解决', 'resolved'],
    ['处理中', 'in_progress'],
    ['已关闭', 'closed'],
    ['新提出', 'new'],
    ['待处理', 'new'],
    ['科室已确认', 'verified'],
    ['不予处理', 'wont_fix'],
    ['In progress', 'in_progress'],
    ["Won't fix", 'wont_fix'],
    ['CLOSED', 'closed'],
    ['in_progress', 'in_progress'],
    ['差不多了', undefined],
  ])('status %j → %s', (text, status) => {
    expect(parseStatus(text)).toBe(status);
  });

  it('flags, categories and tags', () => {
    expect(['是', 'Y', 'yes', '√', 'TRUE', '1'].map(parseFlag)).toEqual(Array(6).fill(true));
    expect(['否', 'N', 'no', '×', '', '0'].map(parseFlag)).toEqual(Array(6).fill(false));
    expect(parseFlag('也许')).toBeUndefined();
    expect(parseCategory('培训/操作咨询')).toBe('training');
    expect(parseCategory('Hardware or network')).toBe('hardware_network');
    expect(parseCategory('流程问题')).toBeUndefined();
    expect(parseTags('医保, 接口、医保；LIS\n打印')).toEqual(['医保', '接口', 'LIS', '打印']);
  });

  it('neutralises text Excel could evaluate, and restores it exactly', () => {
    for (const risky of ['=1+2', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx', "'=x"]) {
      expect(neutraliseFormula(risky)).toBe(`'${risky}`);
    }
    expect(neutraliseFormula('医嘱 = 停止')).toBe('医嘱 = 停止');
    expect(neutraliseFormula("'quoted")).toBe("'quoted");
    fc.assert(
      fc.property(fc.string(), (s) => {
        const out = neutraliseFormula(s);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
        expect(restoreNeutralised(out)).toBe(s);
      }),
    );
  });

  it('the fingerprint ignores spacing and time below the minute, not content', () => {
    const base = { title: '医嘱 无法停止', departmentCode: 'icu', reportedAt: local(2026, 11, 3, 9, 30) };
    const key = issueFingerprint({ ...base, description: 'a\r\nb' });
    expect(
      issueFingerprint({
        title: ' 医嘱  无法停止 ',
        departmentCode: 'ICU',
        reportedAt: local(2026, 11, 3, 9, 30, 42),
        description: 'a\nb',
      }),
    ).toBe(key);
    expect(issueFingerprint({ ...base, description: 'a b c' })).not.toBe(key);
    expect(
      issueFingerprint({ ...base, reportedAt: local(2026, 11, 3, 9, 31), description: 'a\nb' }),
    ).not.toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the fingerprint of known rows never changes: a new value would import every earlier sheet again', async () => {
    expect(
      issueFingerprint({
        title: '长期医嘱无法停止',
        departmentCode: '0012',
        reportedAt: local(2026, 11, 3, 9, 30),
        description: '护士站点击停止无反应',
      }),
    ).toBe('a62d820b2346197db81433427b4c3df86710faee14ae470536041094b503157a');
    expect(
      issueFingerprint({ title: '体温单不显示', departmentCode: 'icu', reportedAt: null, description: null }),
    ).toBe('63ac290e0827eb9a316b6cc79dfe1f88b46025ac9b1ac2f3b987ed0a73a5b043');

    // And the keys an import stores, row by row: title from the description, Excel serial and text dates.
    const ctx = freshCtx();
    seedProject(ctx);
    await commitIssueImport(ctx, strict(sheet('messy.xlsx', await messyWorkbook())));
    const stored = ctx.sqlite
      .prepare('SELECT title, import_key AS importKey FROM pilot_issue ORDER BY title')
      .all() as { title: string; importKey: string }[];
    expect(Object.fromEntries(stored.map((r) => [r.title, r.importKey]))).toEqual({
      // The sheet writes the department's name (心内科一病区): since #12 the key is of what the sheet
      // writes, not of the code it resolves to; keys stored before are still found (see below).
      长期医嘱无法停止: '5b61764f4bc1f56be9917022a0b6b5f773f620ed4f00876e5c8d24351d71669f',
      体温单不显示: 'b6646bc33c6017efc7d0f624339d4678486f77d451a7ff50856e450a0f925064',
      检验结果回传延迟: '69ff45feb11fb8fa81e4019178529cccf9f192502501c5a52f690ca1b488ad7e',
      腕带打印机卡纸: 'fd91aab65ce72dc59eff6e49ee81012700283d5bdde86dcd28f0bebbc6c91062',
    });
  });
});

describe('issue sheet import', () => {
  it('previews a messy workbook: header below merged title rows, mapping, per-row problems, counts', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    const before = dumpReplicated(ctx);
    const preview = await previewIssueImport(ctx, strict(sheet('问题清单.xlsx', await messyWorkbook())));
    expect(dumpReplicated(ctx)).toEqual(before);

    expect(preview).toMatchObject({
      kind: 'issues',
      format: 'xlsx',
      sheetName: '11月问题',
      headerRow: 4,
      totalRows: 7,
      validRows: 4,
      skippedRows: 3,
      missingRequired: [],
      alreadyImported: [],
    });
    const column = (key: string) => preview.columns[preview.mapping[key]!];
    expect({
      title: column('title'),
      description: column('description'),
      department: column('department'),
      severity: column('severity'),
      status: column('status'),
      reporter: column('reporter'),
      assignee: column('assignee'),
      reportedAt: column('reportedAt'),
      resolvedAt: column('resolvedAt'),
      resolution: column('resolution'),
      tags: column('tags'),
      system: column('system'),
      module: column('module'),
    }).toEqual({
      title: '问题标题',
      description: '问题描述',
      department: '科室',
      severity: '优先级',
      status: '处理状态',
      reporter: '提出人',
      assignee: '负责人',
      reportedAt: '发现时间',
      resolvedAt: '解决时间',
      resolution: '处理情况',
      tags: '标签',
      system: '系统',
      module: '模块',
    });
    // 序号 and 备注 are nobody's column; the mapping leaves them alone.
    const used = new Set(Object.values(preview.mapping));
    expect(preview.columns.filter((_c, i) => !used.has(i))).toEqual(['序号', '备注']);
    expect(preview.fields.find((f) => f.key === 'title')).toEqual({
      key: 'title',
      required: false, // a description column can stand in for it
      label: '问题标题',
    });
    expect(preview.fields.find((f) => f.key === 'department')).toMatchObject({
      required: true,
      label: '科室',
    });

    expect(preview.problems.map((p) => p.row)).toEqual([9, 11, 12]);
    expect(preview.problems[0]!.message).toContain('外星科');
    expect(preview.problems[1]!.message).toBe('问题标题不能为空');
    expect(preview.problems[2]!.message).toContain('非常非常急');
    expect(preview.problems[2]!.message).toContain('上周三');
    expect(preview.newPeople).toEqual([
      { name: '王护士长', organisation: 'hospital' },
      { name: '张医生', organisation: 'hospital' },
      { name: '赵工', organisation: 'vendor' },
      { name: '检验科刘老师', organisation: 'hospital' },
    ]);
    expect(preview.newModules).toEqual([{ systemCode: 'HIS', name: '护理记录' }]);
    expect(preview.sample[0]).toContain('长期医嘱无法停止');
    expect(preview.sample[0]).toContain('2026-11-03 09:30');
  });

  it('imports the valid rows in one go, values read leniently, the rest reported', async () => {
    const ctx = freshCtx({ now: testClock('2026-11-06T02:00:00.000Z').now });
    const seed = seedProject(ctx);
    setLocalSetting(ctx, 'lastCapture', {
      departmentId: seed.lab.id,
      systemId: null,
      moduleId: null,
      reporterId: null,
    });
    const result = await commitIssueImport(ctx, strict(sheet('问题清单.xlsx', await messyWorkbook())));

    expect(result.created.map((c) => c.row)).toEqual([5, 7, 8, 10]);
    expect(result.created.every((c) => /^[A-Z0-9]+-\d{4}$/.test(c.number))).toBe(true);
    expect(result.skipped.map((s) => s.row)).toEqual([9, 11, 12]);
    expect(result.alreadyImported).toEqual([]);
    expect(rowCount(ctx, 'pilot_issue')).toBe(4);

    const issues = issuesByTitle(ctx);
    const people = listPeople(ctx);
    const personId = (name: string) => people.find((p) => p.name === name)!.id;
    const lis = listSystems(ctx).find((s) => s.code === 'LIS')!;
    const nursing = listSystems(ctx)
      .find((s) => s.code === 'HIS')!
      .modules.find((m) => m.name === '护理记录')!;

    expect(issues.get('长期医嘱无法停止')).toMatchObject({
      // 备注 is a column no field reads: kept under the description, not dropped (issue #12).
      description: '护士站点击停止无反应\n\n备注：电话反馈',
      departmentId: seed.cardiology.id,
      systemId: seed.his.id,
      moduleId: seed.orders.id,
      severity: 'P2',
      status: 'in_progress',
      category: 'defect',
      blocking: false,
      reporterId: personId('王护士长'),
      assigneeId: seed.engineer.id,
      reportedAt: local(2026, 11, 3, 9, 30),
      acknowledgedAt: local(2026, 11, 3, 9, 30),
      resolvedAt: null,
    });
    expect(issues.get('体温单不显示')).toMatchObject({
      departmentId: seed.icu.id,
      moduleId: nursing.id,
      severity: 'P1',
      status: 'new',
      reportedAt: local(2026, 11, 3, 15, 0),
      reporterId: personId('张医生'),
      assigneeId: personId('赵工'),
    });
    expect(issues.get('检验结果回传延迟')).toMatchObject({
      systemId: lis.id,
      moduleId: null,
      severity: 'P3',
      status: 'resolved',
      resolution: '已调整接口轮询间隔',
      tags: ['接口', 'LIS'],
      reportedAt: local(2026, 11, 4, 8, 5),
      resolvedAt: local(2026, 11, 4, 10, 15),
    });
    expect(issues.get('腕带打印机卡纸')).toMatchObject({
      description: '腕带打印机卡纸\n换纸后恢复',
      severity: 'P4',
      reportedAt: local(2026, 11, 5, 9, 30),
    });

    // New reporters are hospital staff of the row's department; new assignees vendor staff.
    expect(people.find((p) => p.name === '张医生')).toMatchObject({
      organisation: 'hospital',
      departmentId: seed.icu.id,
    });
    expect(people.find((p) => p.name === '赵工')).toMatchObject({
      organisation: 'vendor',
      departmentId: null,
    });
    expect(people.filter((p) => p.name === '李工')).toHaveLength(1);

    // History is written like any capture; the quick-entry defaults are the user's own, untouched.
    const detail = getIssueDetail(ctx, issues.get('长期医嘱无法停止')!.id);
    expect(detail.history.map((h) => h.field)).toContain('title');
    const defaults = ctx.sqlite
      .prepare("SELECT value FROM local_setting WHERE key = 'lastCapture'")
      .get() as {
      value: string;
    };
    expect(JSON.parse(defaults.value)).toMatchObject({ departmentId: seed.lab.id });
  });

  it('a second import of the same sheet creates nothing and reports every row as already imported', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    const file = strict(sheet('问题清单.xlsx', await messyWorkbook()));
    const first = await commitIssueImport(ctx, file);
    const before = dumpReplicated(ctx);

    const preview = await previewIssueImport(ctx, file);
    expect(preview.validRows).toBe(0);
    expect(preview.newPeople).toEqual([]);
    expect(preview.newModules).toEqual([]);
    expect(preview.alreadyImported).toEqual(first.created);

    const second = await commitIssueImport(ctx, file);
    expect(second.created).toEqual([]);
    expect(second.alreadyImported).toEqual(first.created);
    expect(second.skipped.map((s) => s.row)).toEqual([9, 11, 12]);
    expect(dumpReplicated(ctx)).toEqual(before);

    // Every imported issue carries its row's fingerprint.
    const keys = ctx.sqlite.prepare('SELECT import_key AS k FROM pilot_issue').all() as { k: string }[];
    expect(new Set(keys.map((k) => k.k)).size).toBe(4);
    expect(keys.every((k) => /^[0-9a-f]{64}$/.test(k.k))).toBe(true);
  });

  it('reads a GB18030 CSV with a title line, quoted commas and line breaks, and text dates', async () => {
    const ctx = freshCtx();
    const seed = seedProject(ctx);
    const file = sheet('问题登记.csv', gb18030Csv());
    const preview = await previewIssueImport(ctx, file);
    expect(preview).toMatchObject({ encoding: 'gb18030', headerRow: 2, totalRows: 2, validRows: 2 });
    expect(preview.problems).toEqual([]);

    await commitIssueImport(ctx, file);
    const issues = issuesByTitle(ctx);
    expect(issues.get('医保结算报错,提示超时')).toMatchObject({
      departmentId: seed.cardiology.id,
      severity: 'P2',
      status: 'in_progress',
      reportedAt: local(2026, 11, 3, 10, 0),
    });
    // A line break inside the title cell becomes a space: titles are one line.
    expect(issues.get('出院小结模板缺少 诊断字段')).toMatchObject({
      severity: 'P3',
      status: 'new',
      reportedAt: local(2026, 11, 3, 11, 30),
    });
  });

  it('reads English headers and values; a category named inside a longer value sets the category', async () => {
    const ctx = freshCtx();
    const seed = seedProject(ctx);
    const result = await commitIssueImport(ctx, strict(sheet('issues.csv', englishCsv)));
    expect(result.created).toHaveLength(2);
    expect(result.newPeople).toEqual([{ name: 'Dr. Smith', organisation: 'hospital' }]);
    const issues = issuesByTitle(ctx);
    expect(issues.get('Lab orders lost on save')).toMatchObject({
      severity: 'P2',
      status: 'in_progress',
      blocking: true,
      category: 'data_interface',
      assigneeId: seed.engineer.id,
      reportedAt: local(2026, 11, 3, 9, 30),
      tags: [],
    });
    expect(issues.get('Printer offline')).toMatchObject({
      severity: 'P4',
      status: 'closed',
      blocking: false,
      // "printer" names hardware (issue #12: a category value sets the category, not a tag).
      category: 'hardware_network',
      tags: [],
      reportedAt: local(2026, 11, 4),
    });
  });

  it('refuses a sheet without a department column with a message naming it, and writes nothing', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    const before = dumpReplicated(ctx);
    const file = sheet('no-dept.csv', noDepartmentCsv);
    const preview = await previewIssueImport(ctx, file);
    expect(preview.missingRequired).toEqual(['department']);
    expect(preview.validRows).toBe(0);

    const error = await rejects(commitIssueImport(ctx, file), 'import_missing_column');
    expect(error.params).toMatchObject({ file: 'no-dept.csv', column: '科室' });
    setLocale(ctx, 'en');
    const en = await rejects(commitIssueImport(ctx, file), 'import_missing_column');
    expect(en.params.column).toBe('Department');
    expect(dumpReplicated(ctx)).toEqual(before);
  });

  it('needs a title or a description column', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    const file = sheet('x.csv', '科室,严重程度\n0012,P1\n');
    const preview = await previewIssueImport(ctx, file);
    expect(preview.missingRequired).toEqual(['title']);
    const error = await rejects(commitIssueImport(ctx, file), 'import_missing_column');
    expect(error.params.column).toBe('问题标题');
  });

  it('takes a mapping chosen by the user, and refuses one pointing past the last column', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    const csv = '事项,病区代码,级别说明\n血糖仪数据不回传,ICU,紧急\n';
    const auto = await previewIssueImport(ctx, sheet('x.csv', csv));
    expect(auto.missingRequired).toEqual(['title', 'department']);

    const mapping = { title: 0, department: 1, severity: 2 };
    const chosen = await previewIssueImport(ctx, { ...sheet('x.csv', csv), mapping });
    expect(chosen).toMatchObject({ missingRequired: [], validRows: 1 });
    const result = await commitIssueImport(ctx, { ...sheet('x.csv', csv), mapping });
    expect(result.created).toHaveLength(1);
    expect([...issuesByTitle(ctx).values()][0]).toMatchObject({ severity: 'P1' });

    await rejects(
      previewIssueImport(ctx, { ...sheet('x.csv', csv), mapping: { title: 7 } }),
      'import_bad_column',
    );
    await rejects(
      previewIssueImport(ctx, { ...sheet('x.csv', csv), mapping: { nonsense: 0 } }),
      'import_bad_column',
    );
  });

  it('imports the same row twice in one sheet once', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    const csv =
      '问题标题,科室,提出时间\n医嘱无法保存,ICU,2026-11-03 09:00\n医嘱无法保存,ICU,2026-11-03 09:00\n';
    const result = await commitIssueImport(ctx, sheet('x.csv', csv));
    expect(result.created.map((c) => c.row)).toEqual([2]);
    expect(result.skipped).toEqual([{ row: 3, message: '与第 2 行内容相同，只导入一次' }]);
  });

  it('refuses unknown systems, bad flags, dates out of order and over-long values, per row', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    const csv = [
      '问题标题,科室,系统,模块,是否阻断上线,提出时间,解决时间,状态',
      'a,ICU,XYZ,,否,2026-11-03,,',
      'b,ICU,,无主模块,否,2026-11-03,,',
      'c,ICU,,,也许,2026-11-03,,',
      'd,ICU,,,是,2026-11-03,2026-11-02,已解决',
      `${'长'.repeat(250)},ICU,,,是,2026-11-03,,`,
      'f,ICU,,医嘱,是,2026-11-03,,',
    ].join('\n');
    const preview = await previewIssueImport(ctx, strict(sheet('x.csv', csv)));
    expect(preview.problems).toEqual([
      { row: 2, message: '找不到系统“XYZ”（请先在“系统与模块”中添加，或填写已有系统的代码）' },
      { row: 3, message: '模块“无主模块”属于哪个系统不明确，请同时填写系统' },
      { row: 4, message: '阻断上线的值“也许”无法识别（应为 是 或 否）' },
      { row: 5, message: '解决时间早于提出时间' },
    ]);
    // An over-long title is shortened and kept whole in the description; 医嘱 is HIS's only such module.
    const result = await commitIssueImport(ctx, strict(sheet('x.csv', csv)));
    const issues = [...issuesByTitle(ctx).values()];
    expect(result.created.map((c) => c.row)).toEqual([6, 7]);
    const long = issues.find((i) => i.title.startsWith('长长'))!;
    expect([...long.title]).toHaveLength(200);
    expect(long.description).toBe('长'.repeat(250));
    expect(issues.find((i) => i.title === 'f')!.moduleId).not.toBeNull();
  });

  it('problem messages follow the UI language', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    setLocale(ctx, 'en');
    const preview = await previewIssueImport(ctx, strict(sheet('x.csv', 'Title,Department\nx,Mars\n')));
    expect(preview.problems[0]!.message).toMatch(/No department “Mars”/);
    expect(preview.fields.find((f) => f.key === 'title')!.label).toBe('Title');
  });

  it('refuses empty, oversized and unreadable files before anything else', async () => {
    const ctx = freshCtx();
    seedProject(ctx);
    await rejects(previewIssueImport(ctx, sheet('empty.csv', ',,\n\n')), 'import_empty');
    await rejects(previewIssueImport(ctx, sheet('bad.xlsx', 'not a zip')), 'import_not_a_table');
    await rejects(
      previewIssueImport(ctx, sheet('big.csv', Buffer.alloc(21 * 1024 * 1024, 0x41))),
      'import_too_large',
    );
  });
});

// ---------------------------------------------------------------- export

async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

function seedIssues(ctx: TestCtx) {
  const seed = seedProject(ctx);
  const clock = { at: '2026-11-03T01:30:00.000Z' };
  const make = (fields: Partial<Parameters<typeof createIssue>[1]> & { title: string }) =>
    createIssue(ctx, {
      departmentId: seed.cardiology.id,
      severity: 'P3',
      category: 'defect',
      blocking: false,
      tags: [],
      reportedAt: clock.at,
      ...fields,
    });
  const a = make({
    title: '长期医嘱无法停止',
    description: '护士站点击停止无反应\n第二步：刷新后仍然存在',
    systemId: seed.his.id,
    moduleId: seed.orders.id,
    severity: 'P1',
    blocking: true,
    assigneeId: seed.engineer.id,
    workaround: '由医生在医生站停止',
    tags: ['医嘱', '紧急'],
  });
  transitionIssue(ctx, { id: a.id, to: 'in_progress' });
  const b = make({
    title: '检验结果回传延迟',
    departmentId: seed.lab.id,
    reportedAt: '2026-11-04T00:05:00.000Z',
  });
  transitionIssue(ctx, { id: b.id, to: 'resolved', resolution: '已调整接口轮询间隔' });
  make({ title: '=HYPERLINK("http://evil.example","点击")', description: '+1 呼叫', category: 'usability' });
  make({ title: '-- 打印机卡纸', description: '@SUM(A1)', workaround: '\t换纸', severity: 'P4' });
  make({ title: '体温单不显示', departmentId: seed.icu.id, severity: 'P2' });
  return seed;
}

const expectedHeaders = [
  '序号',
  '问题编号',
  '科室',
  '系统',
  '模块',
  '问题类别',
  '严重程度',
  '是否阻断上线',
  '问题标题',
  '问题描述',
  '提出人',
  '提出时间',
  '处理人',
  '状态',
  '响应时间',
  '解决时间',
  '是否超时',
  '临时解决办法',
  '处理结果',
  '标签',
];

/** An issue by its content and names, not ids: comparable across databases. */
function comparable(ctx: TestCtx, issue: PilotIssue) {
  const name = (id: string | null) =>
    id ? (ctx.sqlite.prepare('SELECT name FROM person WHERE id = ?').get(id) as { name: string }).name : null;
  const code = (table: string, id: string | null, column = 'code') =>
    id
      ? (ctx.sqlite.prepare(`SELECT ${column} AS v FROM ${table} WHERE id = ?`).get(id) as { v: string }).v
      : null;
  return {
    title: issue.title,
    description: issue.description,
    department: code('department', issue.departmentId),
    system: code('system', issue.systemId),
    module: code('system_module', issue.moduleId, 'name'),
    category: issue.category,
    severity: issue.severity,
    blocking: issue.blocking,
    status: issue.status,
    reporter: name(issue.reporterId),
    assignee: name(issue.assigneeId),
    workaround: issue.workaround,
    resolution: issue.resolution,
    tags: issue.tags,
    reportedAt: issue.reportedAt,
    acknowledgedAt: issue.acknowledgedAt?.slice(0, 16) ?? null,
    resolvedAt: issue.resolvedAt?.slice(0, 16) ?? null,
  };
}

const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);

describe('issue sheet export', () => {
  it('writes the 试运行问题清单 layout: title row, header, frozen, filtered, wrapped, local dates', async () => {
    const ctx = freshCtx({ now: testClock('2026-11-22T08:00:00.000Z').now });
    seedIssues(ctx);
    const file = await exportIssuesXlsx(ctx, { filter: {} });
    expect(file.fileName).toBe('试运行问题清单-20261122-1600.xlsx');
    expect(file.count).toBe(5);

    const ws = await readBack(file.bytes);
    expect(ws.name).toBe('试运行问题清单');
    expect(ws.getCell('A1').value).toBe('XX市人民医院 新HIS上线 试运行问题清单（导出日期：2026-11-22）');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('T1').master.address).toBe('A1');
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(expectedHeaders);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBe('A2:T7');
    expect(ws.getColumn(10).width).toBeGreaterThanOrEqual(40);
    expect(ws.rowCount).toBe(7);

    // Sorted by report time, oldest first: 序号 1 is the first reported.
    const row3 = ws.getRow(3);
    expect(row3.getCell(1).value).toBe(1);
    expect(row3.getCell(3).value).toBe('心内科一病区');
    expect(row3.getCell(4).value).toBe('HIS');
    expect(row3.getCell(5).value).toBe('医嘱');
    expect(row3.getCell(7).value).toBe('P1 影响患者诊疗');
    expect(row3.getCell(8).value).toBe('是');
    expect(row3.getCell(10).value).toBe('护士站点击停止无反应\n第二步：刷新后仍然存在');
    expect(row3.getCell(10).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(row3.getCell(13).value).toBe('李工');
    expect(row3.getCell(14).value).toBe('处理中');
    expect(row3.getCell(17).value).toBe('解决超时');
    expect(row3.getCell(20).value).toBe('医嘱、紧急');
    // 2026-11-03T01:30Z is 09:30 in Shanghai: the cell shows local wall-clock time.
    expect(row3.getCell(12).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(row3.getCell(12).value).toEqual(excelWallClock(2026, 11, 3, 9, 30));

    const resolved = [4, 5, 6, 7]
      .map((r) => ws.getRow(r))
      .find((r) => r.getCell(9).value === '检验结果回传延迟')!;
    expect(resolved.getCell(14).value).toBe('已解决');
    expect(resolved.getCell(19).value).toBe('已调整接口轮询间隔');
    expect(resolved.getCell(16).value).toBeInstanceOf(Date);
  });

  it('neutralises every cell Excel could take for a formula; nothing reads back as a formula', async () => {
    const ctx = freshCtx();
    seedIssues(ctx);
    ctx.sqlite.prepare("UPDATE project SET hospital = '=cmd|'' /C calc''!A0'").run();
    const ws = await readBack((await exportIssuesXlsx(ctx, { filter: {} })).bytes);

    const texts: string[] = [];
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
        expect(cell.formula).toBeUndefined();
        expect(typeof cell.value === 'object' && cell.value !== null && 'formula' in cell.value).toBe(false);
        if (typeof cell.value === 'string') texts.push(cell.value);
      }),
    );
    for (const text of texts) expect(text).not.toMatch(/^[=+\-@\t\r]/);
    expect(texts).toEqual(
      expect.arrayContaining([
        `'=HYPERLINK("http://evil.example","点击")`,
        "'+1 呼叫",
        "'-- 打印机卡纸",
        "'@SUM(A1)",
        "'\t换纸",
      ]),
    );
    expect(ws.getCell('A1').value).toMatch(/^'=cmd/);
  });

  it('exports only the filtered list, in the requested order, with labels in the UI language', async () => {
    const ctx = freshCtx();
    const seed = seedIssues(ctx);
    setLocale(ctx, 'en');
    const filter: IssueFilter = { departmentIds: [seed.cardiology.id], onlyOpen: true };
    const file = await exportIssuesXlsx(ctx, { filter, sort: { key: 'severity', dir: 'desc' } });
    expect(file.fileName).toMatch(/^pilot-issues-\d{8}-\d{4}\.xlsx$/);
    const ws = await readBack(file.bytes);
    expect(ws.getCell('B2').value).toBe('Issue no.');
    expect(ws.getCell('Q2').value).toBe('Overdue');
    const titles = [3, 4, 5].map((r) => ws.getRow(r).getCell(9).value);
    expect(titles).toEqual([
      `'-- 打印机卡纸`,
      `'=HYPERLINK("http://evil.example","点击")`,
      '长期医嘱无法停止',
    ]);
    expect(ws.getRow(5).getCell(7).value).toBe('P1 blocks patient care');
    expect(ws.getRow(5).getCell(14).value).toBe('In progress');
    expect(ws.rowCount).toBe(5);
    // An empty list is still a sheet with its header.
    const none = await exportIssuesXlsx(ctx, { filter: { text: '不存在的词语' } });
    expect(none.count).toBe(0);
    expect((await readBack(none.bytes)).getCell('A2').value).toBe('No.');
  });

  it('round trip: a filtered export imports into another database as the same issues', async () => {
    const source = freshCtx();
    const seed = seedIssues(source);
    const file = await exportIssuesXlsx(source, { filter: { departmentIds: [seed.cardiology.id] } });
    expect(file.count).toBe(3);

    const target = freshCtx();
    seedProject(target);
    const result = await commitIssueImport(target, {
      fileName: file.fileName,
      bytes: file.bytes,
    });
    expect(result.skipped).toEqual([]);
    expect(result.created).toHaveLength(3);

    const sourceIssues = [...issuesByTitle(source).values()]
      .filter((i) => i.departmentId === seed.cardiology.id)
      .map((i) => comparable(source, i));
    const targetIssues = [...issuesByTitle(target).values()].map((i) => comparable(target, i));
    expect(targetIssues.sort(byTitle)).toEqual(sourceIssues.sort(byTitle));

    // Back into the database it came from: every row is recognised, nothing is added.
    const before = rowCount(source, 'pilot_issue');
    const again = await commitIssueImport(source, {
      fileName: file.fileName,
      bytes: file.bytes,
    });
    expect(again.created).toEqual([]);
    expect(again.alreadyImported).toHaveLength(3);
    expect(rowCount(source, 'pilot_issue')).toBe(before);
  });
});

describe('contract', () => {
  it('declares issues.importPreview, issues.importCommit and issues.exportXlsx with their inputs', async () => {
    const file = { fileName: 'a.csv', contentBase64: base64('问题标题,科室\nx,ICU\n') };
    expect(contract['issues.importPreview'].input.parse(file)).toEqual({ ...file, createMissing: true });
    expect(contract['issues.importCommit'].input.parse({ ...file, mapping: { title: 0 } })).toMatchObject({
      mapping: { title: 0 },
    });
    expect(() => contract['issues.importCommit'].input.parse({ ...file, contentBase64: '***' })).toThrow();
    expect(contract['issues.exportXlsx'].input.parse({})).toEqual({ filter: {} });
    expect(() =>
      contract['issues.exportXlsx'].input.parse({ filter: {}, sort: { key: 'nope', dir: 'asc' } }),
    ).toThrow();

    const ctx = freshCtx();
    seedProject(ctx);
    const handlers = createHandlers(ctx);
    const preview = await handlers['issues.importPreview'](
      contract['issues.importPreview'].input.parse(file),
    );
    expect(preview.validRows).toBe(1);
    const result = await handlers['issues.importCommit'](contract['issues.importCommit'].input.parse(file));
    expect(result.created).toHaveLength(1);
    const exported = await handlers['issues.exportXlsx'](contract['issues.exportXlsx'].input.parse({}));
    expect(exported.count).toBe(1);
  });
});
