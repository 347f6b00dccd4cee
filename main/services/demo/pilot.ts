// `wardside demo --days N`: an N-day pilot ending today, deterministic for a seed (issue #13). Go-live is the
// first day; issue arrivals peak in the first days and decay; each issue is answered and resolved around its
// severity's targets (some late, a few reopened, won't fix or duplicates), at working hours in local time;
// role-tiered training with attendance and scores in the first days; a dual run from day 3 whose
// consistency improves; a few downtime events; efficiency measures with a baseline. Every write happens at
// its simulated time (the context's clock), in time order, so stamps, history and change clocks agree.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { tierRoles, type IssueCategory, type IssueStatus, type Severity } from '#contract/index.ts';
import type { Discrepancy, Profile } from '#contract/reconcile-engine.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { stableId } from '#services/core/records.ts';
import { labelReplica } from '#services/core/settings.ts';
import { createIssue, getSla, transitionIssue } from '#services/issues/issues.ts';
import { deadlines } from '#services/issues/sla.ts';
import { saveRun } from '#services/reconcile/runs.ts';
import { listDepartments } from '#services/reference/departments.ts';
import { classifyRole, createPerson, listPeople } from '#services/reference/people.ts';
import { listSystems } from '#services/reference/systems.ts';
import { addDowntime, addEfficiency, listEfficiency } from '#services/reports/logs.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { createSession, markAttendance } from '#services/training/sessions.ts';
import { ensureReferenceData, PROBLEMS } from './demo.ts';

type Rng = ReturnType<typeof xoroshiro128plus>;

export interface PilotOptions {
  replica: string;
  seed: number;
  days: number;
}

export interface PilotResult {
  replica: string;
  days: number;
  from: string;
  to: string;
  issues: number;
  sessions: number;
  runs: number;
  downtimes: number;
}

const HOUR = 3_600_000;
const rand = (rng: Rng) => uniformInt(rng, 0, 1_000_000) / 1_000_000;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[uniformInt(rng, 0, items.length - 1)]!;
function weighted<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((a, [, w]) => a + w, 0);
  let r = rand(rng) * total;
  for (const [item, w] of items) if ((r -= w) <= 0) return item;
  return items.at(-1)![0];
}
/** About standard normal (Irwin–Hall of four uniforms). */
const normal = (rng: Rng) => (rand(rng) + rand(rng) + rand(rng) + rand(rng) - 2) * Math.sqrt(3);
/** A share of a deadline's window, log-normal around `median`: most well inside, a few past it. */
const share = (rng: Rng, median: number) => Math.exp(normal(rng) * 0.6) * median;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '超',
  '明',
  '霞',
  '平',
  '刚',
];
const TITLES = [
  '护士',
  '护士',
  '护士',
  '主治医师',
  '住院医师',
  '护士长',
  '检验技师',
  '药师',
  '收费员',
  '科主任',
];

/** A local time on a pilot day: mostly working hours, some evenings and nights. */
function workingTime(rng: Rng, day: Date): Date {
  const hour = weighted(rng, [
    [8, 10],
    [9, 14],
    [10, 14],
    [11, 10],
    [13, 8],
    [14, 12],
    [15, 12],
    [16, 9],
    [17, 5],
    [20, 3],
    [2, 1],
  ] as const);
  const t = new Date(day);
  t.setHours(hour, uniformInt(rng, 0, 59), uniformInt(rng, 0, 59), 0);
  return t;
}

interface Event {
  at: number;
  order: number;
  run: (ctx: Ctx) => void;
}

export function runPilotDemo(ctx: Ctx, options: PilotOptions): PilotResult {
  labelReplica(ctx, options.replica);
  const rng = xoroshiro128plus(options.seed);
  const now = ctx.now();
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const dayStart = (d: number) =>
    new Date(today.getFullYear(), today.getMonth(), today.getDate() - (options.days - 1) + d);
  let clock = dayStart(0).getTime();
  const sim: Ctx = { ...ctx, now: () => new Date(clock) };
  const events: Event[] = [];
  let order = 0;
  const at = (time: number, run: (c: Ctx) => void) => {
    if (time <= now.getTime()) events.push({ at: time, order: order++, run });
  };

  return inTransaction(ctx, () => {
    ensureReferenceData(sim, { replica: options.replica, seed: options.seed, issues: 0, edits: 0 });
    const departments = listDepartments(ctx);
    const systems = listSystems(ctx);
    // A ward roster: 60 hospital staff across the pilot departments (stable ids: a second run adds none).
    const known = new Set(listPeople(ctx, { includeArchived: true }).map((p) => p.id));
    for (let i = 0; i < 60; i++) {
      const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i >= 20 ? GIVEN[(i * 3) % GIVEN.length] : ''}`;
      const id = stableId('person', `pilot-${i}`);
      if (known.has(id)) continue;
      const title = TITLES[i % TITLES.length]!;
      createPerson(
        sim,
        {
          name,
          organisation: 'hospital',
          role: classifyRole(title),
          title,
          phone: null,
          departmentId: departments[i % departments.length]!.id,
          employeeNo: String(10_000 + i),
        },
        { id },
      );
    }
    const people = listPeople(ctx);
    const reporters = people.filter((p) => p.organisation === 'hospital');
    const engineers = people.filter((p) => p.organisation === 'vendor');
    const sla = getSla(ctx);

    // ---------------------------------------------------------------- issues
    const severityWeights = [
      ['P1', 4],
      ['P2', 16],
      ['P3', 50],
      ['P4', 30],
    ] as const;
    const categoryWeights: (readonly [IssueCategory, number])[] = [
      ['defect', 35],
      ['usability', 18],
      ['training', 17],
      ['data_interface', 14],
      ['change_request', 10],
      ['hardware_network', 6],
    ];
    const created: string[] = [];
    for (let d = 0; d < options.days; d++) {
      const expected = 6 + 30 * Math.exp(-d / 3.5);
      const count = Math.max(0, Math.round(expected * (0.75 + rand(rng) * 0.5)));
      for (let k = 0; k < count; k++) {
        const reported = workingTime(rng, dayStart(d)).getTime();
        if (reported > now.getTime()) continue;
        const severity = weighted(rng, severityWeights) as Severity;
        const category = weighted(rng, categoryWeights);
        const system = pick(rng, systems);
        const module = system.modules.length ? pick(rng, system.modules) : null;
        const [word, detail] = pick(rng, PROBLEMS);
        const department = pick(rng, departments);
        const due = deadlines(new Date(reported).toISOString(), severity, sla);
        const responseWindow = Date.parse(due.responseDueAt) - reported;
        const resolutionWindow = Date.parse(due.resolutionDueAt) - reported;
        const respond = reported + Math.max(60_000, responseWindow * share(rng, 0.35));
        // Most issues in a pilot are answered within hours (how-to, settings); the rest take a share of their
        // window, some past it. Resolution always comes after the first response.
        const took = rand(rng) < 0.65 ? (0.3 + rand(rng) * 4.5) * HOUR : resolutionWindow * share(rng, 0.5);
        const resolve = Math.max(respond + 0.2 * HOUR, reported + took);
        const resolveHours = resolutionWindow / HOUR;
        const fate = weighted(rng, [
          ['normal', 86],
          ['reopen', 6],
          ['wont_fix', 3],
          ['duplicate', 3],
          ['stuck', 2],
        ] as const);
        const slot = { id: '' };
        const input = {
          title: `${module?.name ?? system.name}${word}异常`,
          description: `${department.name}反馈：${detail}。`,
          departmentId: department.id,
          systemId: system.id,
          moduleId: module?.id ?? null,
          severity,
          category,
          blocking: severity === 'P1' && rand(rng) < 0.5,
          reporterId: pick(rng, reporters).id,
          assigneeId: pick(rng, engineers).id,
          tags: d === 0 ? ['上线当天'] : [],
        };
        at(reported, (c) => {
          slot.id = createIssue(c, input).id;
          created.push(slot.id);
        });
        const move = (
          time: number,
          to: IssueStatus,
          extra: { resolution?: string; duplicateOfId?: string } = {},
        ) => at(time, (c) => transitionIssue(c, { id: slot.id, to, ...extra }));
        move(respond, 'acknowledged');
        if (fate === 'stuck') {
          move(respond + 0.5 * HOUR, 'in_progress');
          continue;
        }
        move(respond + (resolve - respond) * 0.3, 'in_progress');
        if (fate === 'wont_fix') {
          move(resolve, 'wont_fix', { resolution: '属于需求变更，纳入二期评估' });
          continue;
        }
        if (fate === 'duplicate') {
          // The original is an earlier issue, chosen when the duplicate is recognised.
          at(resolve, (c) => {
            const earlier = created.filter((id) => id !== slot.id);
            if (earlier.length === 0)
              transitionIssue(c, { id: slot.id, to: 'resolved', resolution: '已修复并验证' });
            else transitionIssue(c, { id: slot.id, to: 'duplicate', duplicateOfId: pick(rng, earlier) });
          });
          continue;
        }
        move(resolve, 'resolved', { resolution: '已修复并验证' });
        if (fate === 'reopen') {
          const again = resolve + (4 + rand(rng) * 20) * HOUR;
          move(again, 'reopened');
          move(again + Math.min(resolveHours, 24) * share(rng, 0.4) * HOUR, 'resolved', {
            resolution: '二次修复，已验证',
          });
        } else {
          const verified = resolve + (2 + rand(rng) * 20) * HOUR;
          move(verified, 'verified');
          if (rand(rng) < 0.6) move(verified + (12 + rand(rng) * 48) * HOUR, 'closed');
        }
      }
    }

    // ---------------------------------------------------------------- training (first ten days)
    const tiers = [
      ['nursing', '护理'],
      ['clinician', '医生站'],
      ['medtech', '医技'],
      ['support', '收费挂号与药房'],
      ['management', '管理层'],
    ] as const;
    let sessions = 0;
    tiers.forEach(([tier, label], i) => {
      for (let round = 0; round < 2; round++) {
        const d = Math.min(options.days - 1, i + round * 4);
        const startsAt = new Date(dayStart(d));
        startsAt.setHours(round === 0 ? 14 : 16, 0, 0, 0);
        if (startsAt.getTime() > now.getTime()) continue;
        sessions++;
        const session = { id: '' };
        at(startsAt.getTime() - HOUR * 24, (c) => {
          session.id = createSession(c, {
            topic: `新系统${label}操作培训${round === 0 ? '' : '（补训）'}`,
            tier,
            format: round === 0 ? 'classroom' : 'drill',
            trainerId: pick(rng, engineers).id,
            startsAt: startsAt.toISOString(),
            durationMinutes: 90,
            place: '培训教室',
            materialVersion: 'v1.2',
            passMark: 80,
            departmentIds: [],
          }).id;
        });
        const audience = reporters.filter((p) => tierRoles[tier].includes(p.role ?? 'other'));
        at(startsAt.getTime() + 2 * HOUR, (c) => {
          for (const p of audience) {
            const roll = rand(rng);
            if (roll < (round === 0 ? 0.12 : 0.5)) continue;
            const status = roll < 0.2 ? 'late' : 'present';
            const score = Math.min(100, Math.round(72 + rand(rng) * 22 + rand(rng) * 8));
            markAttendance(c, { sessionId: session.id, personId: p.id, status, score });
          }
        });
      }
    });

    // ---------------------------------------------------------------- dual run (from day 3)
    const profile: Profile = {
      name: '门诊收费明细',
      columns: [
        { old: '就诊号', new: 'visit_no', key: true },
        { old: '金额', new: 'amount', compare: 'number', tolerance: 0.005 },
        { old: '收费项目', new: 'item' },
      ],
    };
    let runs = 0;
    for (let d = 3; d < options.days; d++) {
      const runAt = new Date(dayStart(d));
      runAt.setHours(21, 0, 0, 0);
      if (runAt.getTime() > now.getTime()) continue;
      runs++;
      const rows = 4000 + uniformInt(rng, 0, 1500);
      const diffs = Math.round(40 * Math.exp(-(d - 3) / 3) * rand(rng) * 2);
      const discrepancies: Discrepancy[] = Array.from({ length: diffs }, (_, n) => ({
        key: [`MZ${localDay(runAt).replaceAll('-', '')}${String(n).padStart(4, '0')}`],
        kind: n % 5 === 0 ? 'missing-in-new' : 'different',
        column: n % 5 === 0 ? null : 'amount',
        oldValue: '128.50',
        newValue: n % 5 === 0 ? null : '128.00',
        oldRow: n + 2,
        newRow: n % 5 === 0 ? null : n + 2,
      }));
      const missing = discrepancies.filter((x) => x.kind === 'missing-in-new').length;
      const businessDate = localDay(new Date(runAt.getTime() - 24 * HOUR));
      at(runAt.getTime(), (c) =>
        saveRun(c, {
          domain: profile.name,
          businessDate,
          profile,
          oldFile: `old-${businessDate}.csv`,
          newFile: `new-${businessDate}.csv`,
          result: {
            summary: {
              oldRows: rows,
              newRows: rows - missing,
              matched: rows - missing,
              missingInNew: missing,
              missingInOld: 0,
              rowsWithDifferences: diffs - missing,
              duplicateKeysOld: 0,
              duplicateKeysNew: 0,
              fieldDifferences: { amount: diffs - missing },
              controlTotals: { old: { rows, sums: {} }, new: { rows: rows - missing, sums: {} } },
            },
            discrepancies,
            elapsedMs: 120,
          },
        }),
      );
    }

    // ---------------------------------------------------------------- downtime and efficiency
    const bySystem = (code: string) => systems.find((s) => s.code === code) ?? systems[0]!;
    const outages = [
      { day: 1, hour: 10, minutes: 25, code: 'HIS', planned: false, cause: '数据库连接池耗尽，重启应用服务' },
      { day: 6, hour: 23, minutes: 120, code: 'EMR', planned: true, cause: '版本升级（计划停机）' },
      { day: 12, hour: 15, minutes: 9, code: 'LIS', planned: false, cause: '接口服务异常，切换备用节点' },
      { day: 20, hour: 2, minutes: 40, code: 'PACS', planned: true, cause: '存储扩容（计划停机）' },
    ];
    let downtimes = 0;
    for (const o of outages) {
      if (o.day >= options.days) continue;
      const start = new Date(dayStart(o.day));
      start.setHours(o.hour, 0, 0, 0);
      const end = start.getTime() + o.minutes * 60_000;
      if (end > now.getTime()) continue;
      downtimes++;
      at(end + HOUR, (c) =>
        addDowntime(c, {
          systemId: bySystem(o.code).id,
          startAt: start.toISOString(),
          endAt: new Date(end).toISOString(),
          planned: o.planned,
          cause: o.cause,
          departmentIds: o.planned ? [] : [pick(rng, departments).id],
        }),
      );
    }
    const measures = new Set(listEfficiency(ctx).map((m) => m.name));
    at(dayStart(0).getTime() + 9 * HOUR, (c) => {
      const add = (name: string, unit: string, baseline: number, current: number, lowerIsBetter = true) => {
        if (!measures.has(name)) addEfficiency(c, { name, unit, baseline, current, lowerIsBetter });
      };
      add('病历录入时间', '分钟/份', 18, 12.5);
      add('门诊挂号平均等待', '分钟', 9, 6.2);
      add('检验报告回传时间', '分钟', 95, 60);
    });

    events.sort((a, b) => a.at - b.at || a.order - b.order);
    for (const e of events) {
      clock = e.at;
      e.run(sim);
    }
    return {
      replica: options.replica,
      days: options.days,
      from: localDay(dayStart(0)),
      to: localDay(today),
      issues: created.length,
      sessions,
      runs,
      downtimes,
    };
  });
}
