// Issue #12: a fresh database imports a hospital's department list, GB18030 roster and issue sheet
// (tests/fixtures/hospital/, names the project does not know yet) by the command line, each whole and
// each only once; then lists departments and people.
process.env.TZ ??= 'Asia/Shanghai';

import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Department, IssueImportResult, Person } from '#contract/index.ts';
import { runCli } from '#main/cli/program.ts';
import { fixturesDir, tempDir } from './helpers.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const hospital = (name: string) => join(fixturesDir, 'hospital', name);

beforeEach(() => {
  vi.stubEnv('WARDSIDE_LANG', 'zh-CN');
});

describe('a newcomer’s first imports by the command line', () => {
  it('department list, roster and issue sheet each come in whole, and only once', async () => {
    const db = join(tempDir(), 'wardside.db');

    const departments = await cli('departments', 'import', hospital('科室字典.csv'), '--db', db);
    expect(departments).toMatchObject({ code: 0, err: '' });
    expect(departments.out).toContain('导入完成：新增 8，更新 0，未变 0，跳过 0');

    const roster = await cli('staff', 'import', hospital('花名册-GB18030.csv'), '--db', db);
    expect(roster).toMatchObject({ code: 0, err: '' });
    expect(roster.out).toContain('（GB18030）');
    expect(roster.out).toContain('已新建科室：重症医学科（重症医学科）、体检中心（体检中心）');
    expect(roster.out).toContain('已归入已有科室：心内科 → 心血管内科、骨科1病区 → 骨科一病区');
    expect(roster.out).toContain('新增 12 人，变更 0 人，离职/调出（已归档）0 人，未变 0 人，跳过 0 行');

    const issues = await cli('issues', 'import', hospital('试运行问题登记表.xlsx'), '--db', db, '--json');
    expect(issues).toMatchObject({ code: 0, err: '' });
    const result = JSON.parse(issues.out) as IssueImportResult;
    expect(result.created).toHaveLength(10);
    expect(result.skipped).toEqual([]);
    expect(result.departments.filter((d) => d.action === 'create').map((d) => d.target)).toEqual(['药剂科']);
    expect(result.resolvedWithoutTime).toEqual([4, 6, 10, 12]);

    // Each only once.
    const again = [
      await cli('departments', 'import', hospital('科室字典.csv'), '--db', db),
      await cli('staff', 'import', hospital('花名册-GB18030.csv'), '--db', db),
    ];
    expect(again[0]!.out).toContain('导入完成：新增 0，更新 0，未变 8，跳过 0');
    expect(again[1]!.out).toContain('新增 0 人，变更 0 人，离职/调出（已归档）0 人，未变 12 人，跳过 0 行');
    const issuesAgain = await cli('issues', 'import', hospital('试运行问题登记表.xlsx'), '--db', db);
    expect(issuesAgain.out).toContain('没有新增的问题（10 行已在问题清单中）。');
    expect(issuesAgain.out).not.toContain('已新建');

    const listed = JSON.parse((await cli('departments', 'list', '--db', db, '--json')).out) as Department[];
    expect(listed.map((d) => d.name).sort()).toEqual(
      [
        '心血管内科',
        '骨科一病区',
        '骨科二病区',
        '呼吸与危重症医学科',
        '急诊科',
        '检验科',
        '医学影像科',
        '信息科',
        '重症医学科',
        '体检中心',
        '药剂科',
      ].sort(),
    );
    const types = Object.fromEntries(listed.map((d) => [d.name, d.type]));
    expect(types).toMatchObject({
      医学影像科: 'medtech',
      信息科: 'admin',
      体检中心: 'ward',
      急诊科: 'clinic',
    });
    const table = await cli('departments', 'list', '--db', db);
    expect(table.out).toMatch(/0101\s+心血管内科\s+病区\s+1/);
    expect(table.out).toContain('11 个科室');

    const people = JSON.parse((await cli('people', 'list', '--db', db, '--json')).out) as Person[];
    // 12 on the roster, and the three vendor engineers the issue sheet names as handlers.
    expect(people).toHaveLength(15);
    const peopleTable = await cli('people', 'list', '--db', db);
    expect(peopleTable.out).toMatch(/010231\s+陈雪梅\s+心血管内科\s+护士长\s+院方/);
  });

  it('the issue sheet alone, on a database with no departments, creates them all', async () => {
    const db = join(tempDir(), 'wardside.db');
    const issues = await cli('issues', 'import', hospital('试运行问题登记表.xlsx'), '--db', db);
    expect(issues.code).toBe(0);
    expect(issues.out).toContain('导入完成：新增 10');
    expect(issues.out).toMatch(/已新建科室：.*心内科/);
    const refused = await cli(
      'issues',
      'import',
      hospital('试运行问题登记表.xlsx'),
      '--db',
      join(tempDir(), 'other.db'),
      '--no-create-departments',
    );
    expect(refused.code).toBe(4);
    expect(refused.out).toContain('第 4 行：找不到科室“心内科”');
  });
});
