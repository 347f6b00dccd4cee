// `wardside issues list | import | export` end to end against a temporary database file: filters by the
// codes and words people use, table and JSON output, per-row import problems, idempotent re-import, the
// .xlsx export, documented exit codes (0 ok, 2 usage, 4 input refused). One test runs the real bin.
process.env.TZ = 'Asia/Shanghai';

import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exitCodes, runCli } from '#main/cli/program.ts';
import { boot } from '#services/core/boot.ts';
import { createIssue, transitionIssue } from '#services/issues/issues.ts';
import { setLocale } from '#services/core/settings.ts';
import type { IssueImportResult, IssueListRow } from '#contract/index.ts';
import { gb18030Csv, messyWorkbook, noDepartmentCsv, seedProject } from '../fixtures/issues/sheets.ts';
import { dumpReplicated, repoRoot, tempDir } from './helpers.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** A database file with the seed project and five issues; closed again so the CLI opens it like a user would. */
function seededDb(): string {
  const path = join(tempDir(), 'wardside.db');
  const ctx = boot(path);
  try {
    const seed = seedProject(ctx);
    const make = (title: string, fields: Partial<Parameters<typeof createIssue>[1]> = {}) =>
      createIssue(ctx, {
        title,
        departmentId: seed.cardiology.id,
        severity: 'P3',
        category: 'defect',
        blocking: false,
        tags: [],
        reportedAt: '2026-11-03T01:30:00.000Z',
        ...fields,
      });
    const a = make('长期医嘱无法停止', { severity: 'P1', blocking: true, assigneeId: seed.engineer.id });
    transitionIssue(ctx, { id: a.id, to: 'in_progress' });
    const b = make('检验结果回传延迟', { departmentId: seed.lab.id, reportedAt: '2026-11-04T00:05:00.000Z' });
    transitionIssue(ctx, { id: b.id, to: 'resolved', resolution: '已调整接口轮询间隔' });
    make('=HYPERLINK("http://evil.example","点击")', { severity: 'P2' });
    make('体温单不显示', {
      departmentId: seed.icu.id,
      severity: 'P2',
      reportedAt: '2026-11-05T02:00:00.000Z',
    });
    make('皮疹记录模板缺失', {
      departmentId: seed.icu.id,
      severity: 'P4',
      reportedAt: '2026-11-06T02:00:00.000Z',
    });
  } finally {
    ctx.close();
  }
  return path;
}

/** Every replicated row in the file, to show that a command wrote nothing. */
function contents(path: string) {
  const ctx = boot(path);
  try {
    return dumpReplicated(ctx);
  } finally {
    ctx.close();
  }
}

const titles = (out: string) => (JSON.parse(out) as { rows: IssueListRow[] }).rows.map((r) => r.title);

beforeEach(() => {
  vi.stubEnv('WARDSIDE_LANG', 'zh-CN');
});

async function sheetFile(name: string, bytes: Buffer | string) {
  const path = join(tempDir(), name);
  writeFileSync(path, bytes);
  return path;
}

async function readSheet(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook.worksheets[0]!;
}

describe('wardside issues list', () => {
  it('--json prints { total, rows }, newest first by default', async () => {
    const db = seededDb();
    const { code, out, err } = await cli('issues', 'list', '--db', db, '--json');
    expect({ code, err }).toEqual({ code: 0, err: '' });
    const result = JSON.parse(out) as { total: number; rows: IssueListRow[] };
    expect(result.total).toBe(5);
    expect(result.rows[0]).toMatchObject({
      title: '皮疹记录模板缺失',
      departmentName: '重症医学科',
      severity: 'P4',
    });
    expect(result.rows.at(-1)!.reportedAt <= result.rows[0]!.reportedAt).toBe(true);
  });

  it.each([
    [
      ['--department', 'ICU'],
      ['皮疹记录模板缺失', '体温单不显示'],
    ],
    [
      ['--department', '0012,检验科'],
      ['检验结果回传延迟', '长期医嘱无法停止', '=HYPERLINK("http://evil.example","点击")'],
    ],
    [
      ['--department', 'ICU', 'JYK'],
      ['皮疹记录模板缺失', '体温单不显示', '检验结果回传延迟'],
    ],
    [['--status', '处理中'], ['长期医嘱无法停止']],
    [
      ['--status', 'resolved', 'in_progress'],
      ['检验结果回传延迟', '长期医嘱无法停止'],
    ],
    [
      ['--severity', 'P1', '高'],
      ['体温单不显示', '长期医嘱无法停止', '=HYPERLINK("http://evil.example","点击")'],
    ],
    [['--blocking'], ['长期医嘱无法停止']],
    [['--assignee', '李工'], ['长期医嘱无法停止']],
    [
      ['--from', '2026-11-04', '--to', '2026/11/5'],
      ['体温单不显示', '检验结果回传延迟'],
    ],
    [['--text', '皮疹'], ['皮疹记录模板缺失']],
    [['--system', 'HIS'], []],
  ])('filter %j', async (args, expected) => {
    const db = seededDb();
    const { code, out } = await cli('issues', 'list', '--db', db, '--json', ...args);
    expect(code).toBe(0);
    expect(titles(out).sort()).toEqual([...expected].sort());
  });

  it('--open and --overdue use the clock: early-November issues are overdue, one reported now is not', async () => {
    const db = seededDb();
    const ctx = boot(db);
    const icu = ctx.sqlite.prepare("SELECT id FROM department WHERE code = 'ICU'").get() as { id: string };
    createIssue(ctx, {
      title: '刚刚提出的问题',
      departmentId: icu.id,
      severity: 'P4',
      category: 'defect',
      blocking: false,
      tags: [],
    });
    ctx.close();
    const open = await cli('issues', 'list', '--db', db, '--json', '--open');
    expect(titles(open.out)).toHaveLength(5);
    expect(titles(open.out)).not.toContain('检验结果回传延迟');
    const overdue = await cli('issues', 'list', '--db', db, '--json', '--overdue');
    expect(titles(overdue.out).sort()).toEqual(
      titles(open.out)
        .filter((t) => t !== '刚刚提出的问题')
        .sort(),
    );
  });

  it('prints an aligned table with Chinese headers and a footer; --limit caps the rows', async () => {
    const db = seededDb();
    const { code, out } = await cli('issues', 'list', '--db', db, '--limit', '2');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^编号\s+严重程度\s+状态\s+阻断上线\s+科室\s+问题标题\s+处理人\s+提出时间\s+是否超时$/,
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('皮疹记录模板缺失');
    expect(lines[1]).toContain('2026-11-06 10:00'); // local time
    expect(lines.at(-1)).toBe('显示 2 条，共 5 条');

    vi.stubEnv('WARDSIDE_LANG', 'en');
    const en = await cli('issues', 'list', '--db', db, '--status', 'resolved');
    expect(en.out).toMatch(/^No\.\s+Severity\s+Status/);
    expect(en.out).toContain('Resolved');
    expect(en.out.trimEnd().split('\n').at(-1)).toBe('Showing 1 of 1');
    const none = await cli('issues', 'list', '--db', db, '--text', 'nothing-like-this');
    expect(none.out).toBe('No issues match.\n');
  });

  it.each([
    [['--department', 'XYZ'], '--department', 'XYZ'],
    [['--status', '差不多了'], '--status', '差不多了'],
    [['--severity', 'P9'], '--severity', 'P9'],
    [['--from', '上周'], '--from', '上周'],
    [['--assignee', '无名氏'], '--assignee', '无名氏'],
    [['--limit', '0'], '--limit', '0'],
  ])('%j is refused with 4 and a message naming the option and value', async (args, option, value) => {
    const db = seededDb();
    const { code, out, err } = await cli('issues', 'list', '--db', db, ...args);
    expect(code).toBe(exitCodes.input);
    expect(out).toBe('');
    expect(err).toContain(option);
    expect(err).toContain(value);
  });

  it.each([
    [['issues', 'list', '--sort', 'colour']],
    [['issues', 'list', '--frobnicate']],
    [['issues', 'frobnicate']],
    [['issues', 'export']],
    [['issues', 'import']],
  ])('%j is a usage error (2)', async (argv) => {
    const { code, err } = await cli(...argv, '--db', join(tempDir(), 'x.db'));
    expect(code).toBe(exitCodes.usage);
    expect(err).toMatch(/error/i);
  });

  it.each([
    [['issues', '--help']],
    [['issues', 'list', '--help']],
    [['issues', 'import', '--help']],
    [['issues', 'export', '--help']],
  ])('%j prints help with the exit codes', async (argv) => {
    const { code, out } = await cli(...argv);
    expect(code).toBe(0);
    expect(out).toContain('Exit codes:');
    expect(out).toMatch(/Usage: wardside issues/);
  });

  it('list help documents every filter and --db', async () => {
    const { out } = await cli('issues', 'list', '--help');
    for (const option of [
      '--db',
      '--department',
      '--status',
      '--severity',
      '--open',
      '--overdue',
      '--blocking',
      '--from',
      '--to',
      '--text',
      '--json',
      '--limit',
    ]) {
      expect(out).toContain(option);
    }
  });
});

describe('wardside issues import', () => {
  it('--dry-run prints the mapping and per-row problems with Excel row numbers, and writes nothing', async () => {
    const db = seededDb();
    const file = await sheetFile('问题清单.xlsx', await messyWorkbook());
    const before = contents(db);
    const { code, out, err } = await cli(
      'issues',
      'import',
      file,
      '--db',
      db,
      '--dry-run',
      '--no-create-departments',
    );
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out).toContain('表头在第 4 行，共 7 行数据');
    expect(out).toContain('问题标题 ← 第 5 列“问题标题”');
    expect(out).toContain('未使用的列：序号、备注');
    expect(out).toContain('第 9 行：找不到科室“外星科”');
    expect(out).toContain('第 11 行：问题标题不能为空');
    expect(out).toMatch(/第 12 行：.*非常非常急/);
    expect(out).toContain('将新建人员：王护士长（院方）、张医生（院方）、赵工（厂商）、检验科刘老师（院方）');
    expect(out).toContain('试运行（--dry-run）：将新增 4，已导入过 0，跳过 3。没有写入任何数据。');
    expect(contents(db)).toEqual(before);
  });

  it('imports, creating the department it does not know and saying so; a second run adds nothing and exits 0', async () => {
    const db = seededDb();
    const file = await sheetFile('问题清单.xlsx', await messyWorkbook());
    const first = await cli('issues', 'import', file, '--db', db);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/导入完成：新增 5（.+），已导入过 0，跳过 2。/);
    expect(first.out).toContain('以下 2 行已跳过：');
    expect(first.out).toContain('已新建科室：外星科（外星科）');

    const listed = await cli('issues', 'list', '--db', db, '--json', '--limit', '100');
    expect(JSON.parse(listed.out).total).toBe(10);

    const second = await cli('issues', 'import', file, '--db', db, '--json');
    expect(second.code).toBe(0);
    const result = JSON.parse(second.out) as IssueImportResult;
    expect(result.created).toEqual([]);
    expect(result.departments).toEqual([]);
    expect(result.alreadyImported.map((r) => r.row)).toEqual([5, 7, 8, 9, 10]);

    const third = await cli('issues', 'import', file, '--db', db);
    expect(third.out).toContain('5 行已在问题清单中，不会重复导入');
    expect(third.out).toContain('没有新增的问题（5 行已在问题清单中）。');
    expect(JSON.parse((await cli('issues', 'list', '--db', db, '--json')).out).total).toBe(10);
  });

  it('--no-create-departments keeps refusing rows of departments the project lacks', async () => {
    const db = seededDb();
    const file = await sheetFile('问题清单.xlsx', await messyWorkbook());
    const first = await cli('issues', 'import', file, '--db', db, '--no-create-departments');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/导入完成：新增 4（.+），已导入过 0，跳过 3。/);
    expect(first.out).toContain('第 9 行：找不到科室“外星科”');
    expect(first.out).not.toContain('已新建科室');
  });

  it('imports a GB18030 CSV', async () => {
    const db = seededDb();
    const file = await sheetFile('登记表.csv', gb18030Csv());
    const { code, out } = await cli('issues', 'import', file, '--db', db);
    expect(code).toBe(0);
    expect(out).toContain('（GB18030）');
    expect(out).toMatch(/新增 2/);
  });

  it('refuses a sheet without a required column with 4, naming the column, writing nothing', async () => {
    const db = seededDb();
    const file = await sheetFile('no-dept.csv', noDepartmentCsv);
    const before = contents(db);
    const { code, err } = await cli('issues', 'import', file, '--db', db);
    expect(code).toBe(exitCodes.input);
    expect(err).toContain('缺少必需的列：科室');
    expect((await cli('issues', 'import', file, '--db', db, '--dry-run')).code).toBe(exitCodes.input);
    expect(contents(db)).toEqual(before);
  });

  it('exits 4 when no row is importable, and when the file cannot be read', async () => {
    const db = seededDb();
    const file = await sheetFile('bad.csv', '问题标题,科室\n甲,外星科\n乙,火星科\n');
    const bad = await cli('issues', 'import', file, '--db', db, '--no-create-departments');
    expect(bad.code).toBe(exitCodes.input);
    expect(bad.out).toContain('第 3 行：找不到科室“火星科”');
    expect(bad.err).toContain('没有可导入的行');

    vi.stubEnv('WARDSIDE_LANG', 'en');
    const missing = await cli('issues', 'import', join(tempDir(), 'nope.xlsx'), '--db', db);
    expect(missing.code).toBe(exitCodes.input);
    expect(missing.err).toMatch(/Cannot read .*nope\.xlsx/);
    const broken = await cli('issues', 'import', await sheetFile('x.xlsx', 'not a workbook'), '--db', db);
    expect(broken.code).toBe(exitCodes.input);
  });
});

describe('wardside issues export', () => {
  it('writes the filtered list as .xlsx, oldest first, and it imports back into a fresh database', async () => {
    const db = seededDb();
    const out = join(tempDir(), '心内科问题.xlsx');
    const { code, out: printed } = await cli(
      'issues',
      'export',
      '--db',
      db,
      '--out',
      out,
      '--department',
      '0012',
      '--open',
    );
    expect(code).toBe(0);
    expect(printed).toBe(`已导出 2 个问题到 ${out}\n`);
    const ws = await readSheet(out);
    expect(ws.getCell('A2').value).toBe('序号');
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(3).getCell(9).value).toBe('长期医嘱无法停止');
    expect(ws.getRow(4).getCell(9).value).toBe(`'=HYPERLINK("http://evil.example","点击")`);

    const fresh = join(tempDir(), 'fresh.db');
    const ctx = boot(fresh);
    seedProject(ctx);
    ctx.close();
    const imported = await cli('issues', 'import', out, '--db', fresh, '--json');
    expect(imported.code).toBe(0);
    expect((JSON.parse(imported.out) as IssueImportResult).created).toHaveLength(2);
    const back = await cli('issues', 'list', '--db', fresh, '--json', '--sort', 'title', '--order', 'asc');
    expect(titles(back.out).sort()).toEqual(
      ['=HYPERLINK("http://evil.example","点击")', '长期医嘱无法停止'].sort(),
    );
  });

  it('writes the sheet in the app’s UI language unless --lang says otherwise', async () => {
    const db = seededDb();
    const ctx = boot(db);
    setLocale(ctx, 'en');
    ctx.close();
    const out = join(tempDir(), 'a.xlsx');
    expect((await cli('issues', 'export', '--db', db, '--out', out)).code).toBe(0);
    expect((await readSheet(out)).getCell('B2').value).toBe('Issue no.');
    expect((await cli('issues', 'export', '--db', db, '--out', out, '--lang', 'zh-CN')).code).toBe(0);
    expect((await readSheet(out)).getCell('B2').value).toBe('问题编号');
  });

  it('refuses a non-.xlsx name and an unwritable path with 4', async () => {
    const db = seededDb();
    const csv = await cli('issues', 'export', '--db', db, '--out', join(tempDir(), 'a.csv'));
    expect(csv.code).toBe(exitCodes.input);
    expect(csv.err).toContain('.xlsx');
    const path = join(tempDir(), 'no', 'such', 'folder', 'a.xlsx');
    const unwritable = await cli('issues', 'export', '--db', db, '--out', path);
    expect(unwritable.code).toBe(exitCodes.input);
    expect(unwritable.err).toContain('无法写入');
    expect(existsSync(path)).toBe(false);
  });
});

it('the bin runs under plain Node: `node main/cli/wardside.ts issues list --json`', () => {
  const db = seededDb();
  const run = spawnSync(
    process.execPath,
    [join('main', 'cli', 'wardside.ts'), 'issues', 'list', '--json', '--db', db],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, WARDSIDE_LANG: 'en' },
    },
  );
  expect(run.stderr.replace(/^.*ExperimentalWarning.*$\n?/gm, '')).toBe('');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout)).toMatchObject({ total: 5 });

  const bad = spawnSync(
    process.execPath,
    [join('main', 'cli', 'wardside.ts'), 'issues', 'list', '--db', db, '--status', 'nope'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, WARDSIDE_LANG: 'en' },
    },
  );
  expect(bad.status).toBe(exitCodes.input);
  expect(bad.stderr).toContain('Invalid value “nope” for --status');
}, 30_000);
