// Ward rounds (issue #14): a visit with findings, a finding to a linked pilot issue in one step, follow-ups,
// the rounding plan's "not visited for N working days" flags with a fake clock, visits vs issues per
// department for the KPI board; and the knowledge CLI.
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getIssueDetail } from '#services/issues/issues.ts';
import { visitsVsIssues } from '#services/rounds/board.ts';
import { roundPlan, setRoundPlan, workingDaysBetween } from '#services/rounds/plan.ts';
import { findingToIssue, listVisits, logVisit, setFollowUp } from '#services/rounds/visits.ts';
import { createArticle } from '#services/knowledge/articles.ts';
import { boot } from '#services/core/boot.ts';
import { exitCodes, runCli } from '#main/cli/program.ts';
import { setupProject } from '#services/reference/project.ts';
import { listSystems } from '#services/reference/systems.ts';
import {
  articleInput,
  visitInput,
  wardFindingColumnSchemas,
  wardRoundPlanColumnSchemas,
  wardVisitColumnSchemas,
} from '#contract/index.ts';
import { expectRefusedWithoutWrites, issueWorld, local } from './issues-fixtures.ts';
import { tempDir } from './helpers.ts';

describe('ward visits', () => {
  it('logs a visit with two findings, one made an issue at once, the other in one step later; follow-ups', () => {
    const w = issueWorld();
    const visit = logVisit(
      w.ctx,
      visitInput.parse({
        departmentId: w.icu,
        engineerId: w.engineerA,
        startedAt: local('2026-11-23 09:30'),
        durationMinutes: 25,
        peopleMet: '护士长 张',
        findings: [{ text: '护士站打印腕带空白', toIssue: 'P2' }, { text: '交班报告字段顺序不对' }],
      }),
    );
    expect(visit).toMatchObject({ departmentName: '重症医学科', engineerName: '陈工', durationMinutes: 25 });
    const [first, second] = visit.findings;
    expect(first!.issueNumber).toMatch(/^W3-\d{4}$/);
    const issue = getIssueDetail(w.ctx, first!.issueId!).issue;
    expect(issue).toMatchObject({
      title: '护士站打印腕带空白',
      departmentId: w.icu,
      severity: 'P2',
      assigneeId: w.engineerA,
      tags: ['驻点'],
    });
    expect(issue.description).toContain('科室驻点 2026-11-23 · 陈工');
    expect(second!.issueId).toBeNull();

    const made = findingToIssue(w.ctx, second!.id, 'P3');
    expect(made.issueNumber).toMatch(/^W3-/);
    expectRefusedWithoutWrites(
      w.ctx,
      () => findingToIssue(w.ctx, second!.id, 'P3'),
      'rounds_finding_has_issue',
    );

    w.clock.advance(3_600_000);
    const followed = setFollowUp(w.ctx, {
      findingId: second!.id,
      followUp: '明天复查',
      followUpOn: '2026-11-24',
      done: false,
    });
    expect(followed).toMatchObject({ followUp: '明天复查', followUpOn: '2026-11-24', followedUpAt: null });
    expect(
      setFollowUp(w.ctx, { findingId: second!.id, followUp: '已复查', followUpOn: '2026-11-24', done: true })
        .followedUpAt,
    ).toBe(w.clock.now().toISOString());
    expect(listVisits(w.ctx, { limit: 10 })[0]!.findings.map((f) => f.followUp)).toEqual([null, '已复查']);

    for (const [table, schemas] of [
      ['ward_visit', wardVisitColumnSchemas],
      ['ward_finding', wardFindingColumnSchemas],
    ] as const) {
      for (const row of w.ctx.sqlite.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]) {
        for (const [key, schema] of Object.entries(schemas)) {
          const column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
          expect(
            (schema as { safeParse(v: unknown): { success: boolean } }).safeParse(row[column]).success,
            key,
          ).toBe(true);
        }
      }
    }
  });

  it('refuses a visit to an unknown department without writing', () => {
    const w = issueWorld();
    expectRefusedWithoutWrites(
      w.ctx,
      () =>
        logVisit(
          w.ctx,
          visitInput.parse({
            departmentId: w.ctx.newId(),
            startedAt: local('2026-11-23 09:30'),
            durationMinutes: 5,
            findings: [{ text: 'x', toIssue: 'P3' }],
          }),
        ),
      'not_found',
    );
  });
});

describe('rounding plan', () => {
  it('counts working days (Mon–Fri) and flags departments not visited within the interval', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-23')).toBe(1); // Friday → Monday
    expect(workingDaysBetween('2026-11-23', '2026-11-23')).toBe(0);
    expect(workingDaysBetween('2026-11-23', '2026-11-27')).toBe(4);
    expect(workingDaysBetween('2026-11-23', '2026-11-29')).toBe(4); // the weekend does not count

    const w = issueWorld(local('2026-11-23 10:00')); // Monday
    const visit = (departmentId: string, at: string) =>
      logVisit(w.ctx, visitInput.parse({ departmentId, startedAt: local(at), durationMinutes: 10 }));
    visit(w.icu, '2026-11-20 16:00'); // the Friday before
    let plan = roundPlan(w.ctx);
    expect(plan.intervalDays).toBe(2);
    expect(plan.departments.map((d) => [d.departmentName, d.workingDaysSince, d.overdue])).toEqual([
      ['急诊科', null, true],
      ['重症医学科', 1, false],
    ]);

    visit(w.er, '2026-11-23 09:00');
    w.clock.set(local('2026-11-26 08:00')); // Thursday: ICU 4 working days, ER 3
    plan = roundPlan(w.ctx);
    expect(plan.departments.map((d) => [d.departmentName, d.workingDaysSince, d.overdue])).toEqual([
      ['急诊科', 3, true],
      ['重症医学科', 4, true],
    ]);
    plan = setRoundPlan(w.ctx, 3);
    expect(plan.departments.map((d) => d.overdue)).toEqual([false, true]);
    // Set twice: one record (a stable id, so two laptops setting it merge).
    setRoundPlan(w.ctx, 5);
    const rows = w.ctx.sqlite.prepare('SELECT * FROM ward_round_plan').all() as Record<string, unknown>[];
    expect(rows).toHaveLength(1);
    expect(wardRoundPlanColumnSchemas.intervalDays.safeParse(rows[0]!.interval_days).success).toBe(true);
    expect(roundPlan(w.ctx).departments.every((d) => !d.overdue)).toBe(true);
  });

  it('visits vs issues per department over local days, for the KPI board', () => {
    const w = issueWorld(local('2026-11-23 10:00'));
    logVisit(
      w.ctx,
      visitInput.parse({ departmentId: w.icu, startedAt: local('2026-11-23 00:30'), durationMinutes: 10 }),
    );
    logVisit(
      w.ctx,
      visitInput.parse({ departmentId: w.icu, startedAt: local('2026-11-22 23:30'), durationMinutes: 10 }),
    );
    w.issue();
    w.issue({ departmentId: w.er });
    expect(visitsVsIssues(w.ctx, { from: '2026-11-23', to: '2026-11-23' })).toEqual([
      { departmentId: w.er, departmentName: '急诊科', visits: 0, issues: 1 },
      { departmentId: w.icu, departmentName: '重症医学科', visits: 1, issues: 1 },
    ]);
    expect(visitsVsIssues(w.ctx, { from: '2026-11-22', to: '2026-11-23' })[1]!.visits).toBe(2);
  });
});

const cli = async (...argv: string[]) => {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
};

describe('wardside kb', () => {
  it('lists, searches and exports the FAQ', async () => {
    const dir = tempDir();
    const db = join(dir, 'w.db');
    const ctx = boot(db);
    setupProject(ctx, {
      hospital: '医院',
      name: 'HIS',
      newSystem: 'HIS',
      goLiveDate: null,
      pilotDepartments: [],
    });
    const his = listSystems(ctx).find((s) => s.code === 'HIS')!.id;
    createArticle(
      ctx,
      articleInput.parse({
        title: '医保结算失败',
        symptom: '交易超时',
        solution: '重启接口',
        audience: 'faq',
        systemId: his,
      }),
    );
    createArticle(
      ctx,
      articleInput.parse({ title: 'Printer offline', symptom: 'offline', solution: 'reinstall' }),
    );
    ctx.close();
    const all = await cli('kb', 'list', '--db', db, '--json');
    expect((JSON.parse(all.out) as unknown[]).length).toBe(2);
    const found = await cli('kb', 'list', '--db', db, '--text', '医保', '--json');
    expect((JSON.parse(found.out) as { title: string }[]).map((a) => a.title)).toEqual(['医保结算失败']);
    expect((await cli('kb', 'list', '--db', db, '--text', 'printer')).out).toContain('Printer offline');
    const out = join(dir, 'faq.docx');
    const exported = await cli('kb', 'export', '--db', db, '--out', out, '--system', 'HIS');
    expect(exported.code).toBe(exitCodes.ok);
    expect(existsSync(out)).toBe(true);
    expect((await cli('kb', 'export', '--db', db, '--out', join(dir, 'faq.xlsx'))).code).toBe(exitCodes.ok);
    expect((await cli('kb', 'export', '--db', db, '--out', join(dir, 'faq.pdf'))).code).toBe(exitCodes.usage);
    expect((await cli('kb', 'export', '--db', db, '--out', out, '--system', 'NOPE')).code).toBe(
      exitCodes.input,
    );
  });
});
