// `wardside reconcile` end to end: the printed summary, REPORT.json with exactly the documented summary
// fields, the discrepancy CSV, --save into a workspace database (a second day carries items over), and
// the exit codes of the issue: 0 ran, 1 with --fail-on-diff when something differs, 2 bad input.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runCli } from '#main/cli/program.ts';
import { n as grouped, reportJson } from '#main/cli/reconcile.ts';
import type { ReconcileResult } from '#contract/reconcile-engine.ts';
import { boot } from '#services/core/boot.ts';
import { findProfileByDomain } from '#services/reconcile/profiles.ts';
import { listRuns } from '#services/reconcile/runs.ts';
import { tempDir } from './helpers.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const profileJson = {
  name: '门诊收费明细',
  columns: [
    { old: '就诊号', new: 'visit_no', key: true },
    { old: '明细序号', new: 'line_no', key: true },
    { old: '金额', new: 'amount', compare: 'number', tolerance: 0.005 },
    { old: '收费时间', new: 'charged_at', compare: 'datetime' },
    { old: '状态', new: 'status' },
  ],
};

function setup(
  newRows = [
    '0001,1,1234.5,2026-11-20T08:05:03,已收',
    '0001,2,=SUM(A1),2026-11-20 08:05,已收',
    '0003,1,1,2026-11-20,已收',
  ],
) {
  const dir = tempDir();
  const path = (name: string) => join(dir, name);
  writeFileSync(path('P.json'), JSON.stringify(profileJson));
  writeFileSync(
    path('old.csv'),
    iconv.encode(
      '就诊号,明细序号,金额,收费时间,状态\r\n0001,1,"1,234.50",2026/11/20 08:05:03,已收\r\n0001,2,12.5,2026/11/20 08:05,已收\r\n0002,1,3,2026-11-20,已收\r\n',
      'gb18030',
    ),
  );
  writeFileSync(path('new.csv'), ['visit_no,line_no,amount,charged_at,status', ...newRows].join('\n') + '\n');
  const args = ['reconcile', '--profile', path('P.json'), '--old', path('old.csv'), '--new', path('new.csv')];
  return { path, args };
}

describe('wardside reconcile', () => {
  it('prints a summary and writes REPORT.json and DIFFS.csv; exit 0 although things differ', async () => {
    const { path, args } = setup();
    const r = await cli(...args, '--json', path('r.json'), '--csv', path('d.csv'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('对账“门诊收费明细”');
    expect(r.out).toMatch(/新系统缺少\s+1/);
    const report = JSON.parse(readFileSync(path('r.json'), 'utf8'));
    expect(Object.keys(report.summary).sort()).toEqual(
      [
        'oldRows',
        'newRows',
        'matched',
        'missingInNew',
        'missingInOld',
        'rowsWithDifferences',
        'duplicateKeysOld',
        'duplicateKeysNew',
        'fieldDifferences',
        'controlTotals',
      ].sort(),
    );
    expect(report.summary).toMatchObject({
      oldRows: 3,
      newRows: 3,
      matched: 2,
      missingInNew: 1,
      missingInOld: 1,
      rowsWithDifferences: 1,
      fieldDifferences: { amount: 1, charged_at: 0, status: 0 },
      controlTotals: { old: { rows: 3, sums: { 金额: 1250 } }, new: { rows: 3, sums: { amount: 1235.5 } } },
    });
    const csv = readFileSync(path('d.csv'), 'utf8');
    expect(csv.startsWith('\uFEFF主键,类型,列,旧值,新值')).toBe(true);
    // A cell Excel would run as a formula is neutralised.
    expect(csv).toContain("0001 / 2,不一致,amount,12.5,'=SUM(A1),3,3");
  });

  it('--fail-on-diff exits 1 when anything differs and 0 when both agree', async () => {
    expect((await cli(...setup().args, '--fail-on-diff')).code).toBe(1);
    const same = setup([
      '0001,1,1234.5,2026-11-20T08:05:03,已收',
      '0001,2,12.50,2026-11-20 08:05:00,已收',
      '0002,1,3,2026-11-20,已收',
    ]);
    const r = await cli(...same.args, '--fail-on-diff');
    expect(r.code).toBe(0);
    expect(r.out).toContain('没有差异');
  });

  it('exits 2 on bad input, naming the file, row or column', async () => {
    const { path, args } = setup();
    writeFileSync(path('bad.json'), '{"name": "x", "columns": []}');
    const badProfile = await cli(...args.slice(0, 1), '--profile', path('bad.json'), ...args.slice(3));
    expect(badProfile.code).toBe(2);
    expect(badProfile.err).toContain('对账配置 bad.json 有误');
    writeFileSync(path('ragged.csv'), 'visit_no,line_no,amount,charged_at,status\n1,1,1\n');
    const ragged = await cli(...args.slice(0, 5), '--new', path('ragged.csv'));
    expect(ragged).toMatchObject({ code: 2, err: '文件 ragged.csv 第 2 行有 3 列，而表头有 5 列。\n' });
    process.env.WARDSIDE_LANG = 'en';
    try {
      const missing = await cli(...args.slice(0, 5), '--new', path('P.json'));
      expect(missing.code).toBe(2);
      expect(missing.err).toContain('P.json: the header row has no column “visit_no” named in the profile');
    } finally {
      delete process.env.WARDSIDE_LANG;
    }
    expect((await cli(...args, '--save')).code).toBe(2);
    expect((await cli(...args, '--encoding-old', 'latin9')).code).toBe(2);
  });

  it('--encoding-old gbk reads the GB18030 export like detection does', async () => {
    const r = await cli(...setup().args, '--encoding-old', 'gbk');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/两边都有的主键\s+2/);
  });

  it('--save stores the run in the workspace; the next day carries the open items over', async () => {
    const db = join(tempDir(), 'wardside.db');
    const { args } = setup();
    const first = await cli(...args, '--save', '--domain', '门诊收费', '--date', '2026-11-20', '--db', db);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('已保存为“门诊收费”2026-11-20 的对账：新增 3 项');
    const second = await cli(...args, '--save', '--domain', '门诊收费', '--date', '2026-11-21', '--db', db);
    expect(second.out).toContain('新增 0 项，延续 3 项');
    const badDate = await cli(...args, '--save', '--domain', '门诊收费', '--date', '2026-13-40', '--db', db);
    expect(badDate.code).toBe(2);

    const ctx = boot(db);
    try {
      const profile = findProfileByDomain(ctx, '门诊收费')!;
      const runs = listRuns(ctx, profile.id);
      expect(runs.map((run) => run.businessDate).sort()).toEqual(['2026-11-20', '2026-11-21']);
      expect(runs[0]!.summary.missingInNew).toBe(1);
    } finally {
      ctx.close();
    }
  });
});

/** A run's result with `discrepancies`. */
const resultWith = (discrepancies: ReconcileResult['discrepancies']): ReconcileResult => ({
  summary: {
    oldRows: 3,
    newRows: 3,
    matched: 2,
    missingInNew: 1,
    missingInOld: 1,
    rowsWithDifferences: 1,
    duplicateKeysOld: 0,
    duplicateKeysNew: 0,
    fieldDifferences: { 金额: 1 },
    controlTotals: { old: { rows: 3, sums: { 金额: 10.5 } }, new: { rows: 3, sums: { 金额: 11 } } },
  },
  discrepancies,
  truncated: false,
  elapsedMs: 12,
});

describe('the --json report', () => {
  const run = { profile: '门诊"收费"', oldFile: 'C:\\导出\\旧.csv', newFile: 'new.csv' };
  it('is the same JSON value as the whole report, one discrepancy per line', () => {
    const list: ReconcileResult['discrepancies'] = [
      {
        key: ['A,1', '"x"'],
        kind: 'different',
        column: '金额',
        oldValue: '1',
        newValue: '2',
        oldRow: 2,
        newRow: 3,
      },
      {
        key: ['B\n2'],
        kind: 'missing-in-new',
        column: null,
        oldValue: null,
        newValue: null,
        oldRow: 4,
        newRow: null,
      },
    ];
    for (const discrepancies of [list, []]) {
      const text = reportJson(run, resultWith(discrepancies));
      expect(JSON.parse(text)).toEqual({ ...run, ...resultWith(discrepancies) });
      const lines = text.split('\n');
      for (const d of discrepancies)
        expect(lines).toContain(`    ${JSON.stringify(d)}${d === list[0] ? ',' : ''}`);
      expect(text.endsWith('}\n')).toBe(true);
    }
  });
});

describe('numbers in the summary', () => {
  it('group thousands and keep every decimal of a control total', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [999, '999'],
      [1000, '1,000'],
      [1234567, '1,234,567'],
      [-1234567.5, '-1,234,567.5'],
      [4162.46, '4,162.46'],
      [1234.56789, '1,234.56789'],
      [0.0001, '0.0001'],
      [1e21, '1e+21'],
    ];
    for (const [value, text] of cases) expect(grouped(value)).toBe(text);
  });
});
