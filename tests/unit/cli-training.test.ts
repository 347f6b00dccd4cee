// `wardside staff import` and `wardside training readiness` against a temporary database file: the roster
// report (added, changed, left), dry run writing nothing, refused files with exit code 4, and the
// readiness matrix as a table and as JSON.
process.env.TZ = 'Asia/Shanghai';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exitCodes, runCli } from '#main/cli/program.ts';
import { boot } from '#services/core/boot.ts';
import { createDepartment } from '#services/reference/departments.ts';
import { listPeople } from '#services/reference/people.ts';
import { createSession, markAttendance } from '#services/training/sessions.ts';
import type { ReadinessMatrix } from '#contract/index.ts';
import { dumpReplicated, tempDir } from './helpers.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

function withDb<T>(path: string, fn: (ctx: ReturnType<typeof boot>) => T): T {
  const ctx = boot(path);
  try {
    return fn(ctx);
  } finally {
    ctx.close();
  }
}

let dir: string;
let db: string;
const file = (name: string, text: string, encoding = 'utf8') => {
  const path = join(dir, name);
  writeFileSync(path, encoding === 'gb18030' ? iconv.encode(text, 'gb18030') : Buffer.from(text, 'utf8'));
  return path;
};

beforeEach(() => {
  vi.stubEnv('WARDSIDE_LANG', 'zh-CN');
  dir = tempDir();
  db = join(dir, 'wardside.db');
  withDb(db, (ctx) => {
    createDepartment(ctx, { code: 'NK1', name: '心内科', type: 'ward', pilotPhase: 1 });
    createDepartment(ctx, { code: 'JZ', name: '急诊科', type: 'clinic', pilotPhase: null });
  });
});

const roster1 = [
  '工号,姓名,科室,岗位',
  '00101,张晓梅,NK1,护士长',
  '00102,李建国,NK1,主治医师',
  '00103,王芳,JZ,护师',
].join('\r\n');
const roster2 = [
  '工号,姓名,科室,岗位',
  '00101,张晓梅,NK1,护士长',
  '00102,李建国,JZ,主治医师',
  '00104,孙新人,JZ,护士',
].join('\r\n');

describe('wardside staff import', () => {
  it('imports a GB18030 roster, then reports who was added, changed and left on re-import', async () => {
    const first = await cli('staff', 'import', file('roster.csv', roster1, 'gb18030'), '--db', db);
    expect(first).toMatchObject({ code: exitCodes.ok, err: '' });
    expect(first.out).toContain('（GB18030）');
    expect(first.out).toContain('新增： 张晓梅(00101)、李建国(00102)、王芳(00103)');
    expect(first.out).toContain('新增 3 人，变更 0 人，离职/调出（已归档）0 人，未变 0 人，跳过 0 行');

    const dry = await cli('staff', 'import', file('roster2.csv', roster2), '--db', db, '--dry-run');
    expect(dry.code).toBe(exitCodes.ok);
    expect(dry.out).toContain('将归档（名册中没有）： 王芳(00103)');
    const before = withDb(db, dumpReplicated);

    const second = await cli('staff', 'import', join(dir, 'roster2.csv'), '--db', db);
    expect(second.code).toBe(exitCodes.ok);
    expect(second.out).toContain('新增： 孙新人(00104)');
    expect(second.out).toContain('  李建国(00102): 科室');
    expect(second.out).toContain('离职/调出（已归档）： 王芳(00103)');
    const people = withDb(db, (ctx) => listPeople(ctx, { includeArchived: true }));
    expect(people.find((p) => p.name === '王芳')!.archivedAt).not.toBeNull();
    expect(people).toHaveLength(4);
    expect(before.person).toHaveLength(3);
  });

  it('--keep-missing archives nobody; --json prints the result', async () => {
    await cli('staff', 'import', file('roster.csv', roster1), '--db', db);
    const partial = file('partial.csv', '工号,姓名,科室,岗位\n00101,张晓梅,NK1,护士长\n');
    const result = await cli('staff', 'import', partial, '--db', db, '--keep-missing', '--json');
    expect(result.code).toBe(exitCodes.ok);
    expect(JSON.parse(result.out)).toMatchObject({
      unchanged: 1,
      roster: { added: [], changed: [], left: [] },
    });
  });

  it('exits 4 for a file without a name column or without an importable row, writing nothing', async () => {
    const before = withDb(db, dumpReplicated);
    const noName = await cli('staff', 'import', file('x.csv', '工号,科室\n00101,NK1\n'), '--db', db);
    expect(noName.code).toBe(exitCodes.input);
    expect(noName.err).toContain('缺少必需的列：姓名');
    const dup = await cli(
      'staff',
      'import',
      file('dup.csv', '工号,姓名\n00101,张晓梅\n00101,张小梅\n'),
      '--db',
      db,
    );
    expect(dup.code).toBe(exitCodes.input);
    expect(dup.out).toContain('第 2 行：工号 00101 在文件中出现多次（第 2、3 行），这些行都未导入');
    expect(withDb(db, dumpReplicated)).toEqual(before);
    expect((await cli('staff', 'import', join(dir, 'missing.csv'), '--db', db)).code).toBe(exitCodes.input);
  });
});

describe('wardside training readiness', () => {
  it('prints the matrix with percentages, totals and trainers; --json has the figures and names', async () => {
    expect((await cli('training', 'readiness', '--db', db)).out).toContain('还没有院方人员');
    await cli('staff', 'import', file('roster.csv', roster1), '--db', db);
    withDb(db, (ctx) => {
      const people = Object.fromEntries(listPeople(ctx).map((p) => [p.name, p]));
      const s = createSession(ctx, {
        topic: '护理工作站',
        tier: 'nursing',
        format: 'drill',
        trainerId: people['李建国']!.id,
        startsAt: '2026-11-10T01:00:00.000Z',
        durationMinutes: 60,
        place: null,
        materialVersion: null,
        passMark: 80,
        departmentIds: [],
      });
      markAttendance(ctx, { sessionId: s.id, personId: people['张晓梅']!.id, status: 'present', score: 90 });
      markAttendance(ctx, { sessionId: s.id, personId: people['王芳']!.id, status: 'present', score: 60 });
    });
    const table = await cli('training', 'readiness', '--db', db);
    expect(table.code).toBe(exitCodes.ok);
    const lines = table.out.split('\n');
    expect(lines[1]).toMatch(/^科室\s+医生\s+护士\s+合计$/);
    expect(lines.find((l) => l.startsWith('心内科'))).toMatch(
      /0%\/0% \(1\)\s+100%\/100% \(1\)\s+50%\/50% \(2\)/,
    );
    expect(lines.find((l) => l.startsWith('急诊科'))).toMatch(/100%\/0% \(1\)\s+100%\/0% \(1\)$/);
    expect(table.out).toContain('合计：3 人，已培训 2（67%），已合格 1（33%），未达标 2 人');
    expect(table.out).toContain('李建国：1 场，培训 2 人，合格率 50%');

    const json = await cli('training', 'readiness', '--db', db, '--json');
    const parsed = JSON.parse(json.out) as { matrix: ReadinessMatrix; notReady: { name: string }[] };
    expect(parsed.matrix.total).toEqual({ staff: 3, trained: 2, passed: 1 });
    expect(parsed.notReady.map((p) => p.name).sort()).toEqual(['李建国', '王芳']);
  });
});
