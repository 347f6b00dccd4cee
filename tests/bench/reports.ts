// `npm run bench` (reports, issue #13): the KPI board's figures and the weekly .docx on 100,000 issues
// (BENCH_REPORT_ISSUES to change), targets ≤ 1 s and ≤ 3 s. The peer, measured in the same run on the same
// file: a plain SQL count of the same figures (reported, resolved, open at the end, overdue, on time per
// severity), whose numbers must equal ours.
//
// The issues are bench data written with one INSERT statement (the figures read only the tables; going
// through the write path would time the change log, which tests/bench/issues.ts measures).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { issueCategories, severities, type Period } from '#contract/index.ts';
import { boot } from '#services/core/boot.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { deadlines } from '#services/issues/sla.ts';
import { getSla } from '#services/issues/issues.ts';
import { setupProject } from '#services/reference/project.ts';
import { exportReport } from '#services/reports/export.ts';
import { computeFigures, periodBounds } from '#services/reports/figures.ts';
import { addDowntime } from '#services/reports/logs.ts';
import { localDay } from '#services/sheets/local-days.ts';

const TOTAL = Number(process.env.BENCH_REPORT_ISSUES ?? 100_000);
const DAYS = 120;
const HOUR = 3_600_000;
const dir = mkdtempSync(join(tmpdir(), 'wardside-bench-reports-'));

function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(13);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function fill(ctx: Ctx, now: number) {
  setupProject(ctx, {
    hospital: '市第一人民医院',
    name: 'HIS/EMR 一体化升级',
    newSystem: 'HIS',
    goLiveDate: null,
    pilotDepartments: ['ICU', 'ER', 'CARD', 'RESP', 'PED', 'OPD', 'LAB', 'PHARM'].map((code, i) => ({
      code,
      name: ['重症医学科', '急诊科', '心血管内科', '呼吸科', '儿科', '门诊部', '检验科', '药剂科'][i]!,
      type: 'ward' as const,
    })),
  });
  const departments = (ctx.sqlite.prepare('SELECT id FROM department').all() as { id: string }[]).map(
    (d) => d.id,
  );
  const systems = (ctx.sqlite.prepare('SELECT id FROM system').all() as { id: string }[]).map((s) => s.id);
  const sla = getSla(ctx);
  const insert = ctx.sqlite.prepare(
    `INSERT INTO pilot_issue (id, number, replica_id, seq, title, department_id, system_id, category, severity,
       blocking, status, tags, reported_at, acknowledged_at, resolved_at, response_due_at, resolution_due_at,
       created_at, updated_at)
     VALUES (?, ?, 'bench', ?, ?, ?, ?, ?, ?, 0, ?, '[]', ?, ?, ?, ?, ?, ?, ?)`,
  );
  inTransaction(ctx, () => {
    for (let i = 0; i < TOTAL; i++) {
      // Arrivals decay after go-live (day 0), like a pilot.
      const day = Math.floor(-Math.log(1 - rand() * 0.95) * 30) % DAYS;
      const reported = now - (DAYS - day) * 24 * HOUR + rand() * 24 * HOUR;
      const severity = pick(severities);
      const due = deadlines(new Date(reported).toISOString(), severity, sla);
      const took = (Date.parse(due.resolutionDueAt) - reported) * Math.exp((rand() - 0.6) * 2);
      const resolved = rand() < 0.93 && reported + took < now ? reported + took : null;
      const at = new Date(reported).toISOString();
      insert.run(
        uuidv7(),
        `B-${i}`,
        i + 1,
        `问题 ${i}`,
        pick(departments),
        pick(systems),
        pick(issueCategories),
        severity,
        resolved ? 'resolved' : 'in_progress',
        at,
        new Date(reported + HOUR).toISOString(),
        resolved ? new Date(resolved).toISOString() : null,
        due.responseDueAt,
        due.resolutionDueAt,
        at,
        at,
      );
    }
  });
  addDowntime(ctx, {
    systemId: systems[0]!,
    startAt: new Date(now - 3 * 24 * HOUR).toISOString(),
    endAt: new Date(now - 3 * 24 * HOUR + 20 * 60_000).toISOString(),
    planned: false,
    cause: '数据库故障',
    departmentIds: [],
  });
}

/** The peer: the same counts by plain SQL over the same period. */
function sqlCounts(ctx: Ctx, period: Period, now: Date) {
  const { startAt, endAt } = periodBounds(period);
  const cutoff = now.toISOString() < endAt ? now.toISOString() : endAt;
  return ctx.sqlite
    .prepare(
      `SELECT severity,
         sum(reported_at >= @s AND reported_at < @e) AS reported,
         sum(resolved_at >= @s AND resolved_at < @e) AS resolved,
         sum(reported_at < @e AND (resolved_at IS NULL OR resolved_at >= @e)) AS openAtEnd,
         sum(reported_at < @e AND (resolved_at IS NULL OR resolved_at >= @e) AND resolution_due_at < @c) AS overdue,
         sum(resolved_at >= @s AND resolved_at < @e AND resolved_at <= resolution_due_at) AS onTime
       FROM pilot_issue GROUP BY severity ORDER BY severity`,
    )
    .all({ s: startAt, e: endAt, c: cutoff }) as {
    severity: string;
    reported: number;
    resolved: number;
    openAtEnd: number;
    overdue: number;
    onTime: number;
  }[];
}

async function median(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

async function main() {
  const ctx = boot(join(dir, 'reports.db'));
  const now = ctx.now();
  const t0 = performance.now();
  fill(ctx, now.getTime());
  console.log(
    `reports bench: ${TOTAL} issues over ${DAYS} days in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const today = localDay(now);
  const back = (n: number) => localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - n, 12));
  const board: Period = { from: back(27), to: today };
  const weekly: Period = { from: back(6), to: today };

  // The numbers must agree before the times mean anything.
  for (const period of [board, weekly]) {
    const ours = computeFigures(ctx, period).issues;
    for (const row of sqlCounts(ctx, period, now)) {
      const c = ours.bySeverity[row.severity as 'P1'];
      const same =
        c.reported === row.reported &&
        c.resolved === row.resolved &&
        c.openAtEnd === row.openAtEnd &&
        c.overdue === row.overdue;
      if (!same)
        throw new Error(`figures differ from SQL for ${row.severity}: ${JSON.stringify({ c, row })}`);
    }
  }

  const boardMs = await median(5, () => computeFigures(ctx, board));
  const boardPeer = await median(5, () => sqlCounts(ctx, board, now));
  const docxMs = await median(3, () =>
    exportReport(ctx, { kind: 'weekly', ...weekly, nextSteps: '下一步' }, 'docx'),
  );
  const weeklyPeer = await median(5, () => sqlCounts(ctx, weekly, now));
  const weeklyFigures = await median(3, () => computeFigures(ctx, weekly));
  const rows = [
    {
      case: `KPI board figures, 28 days (${TOTAL} issues)`,
      ms: Math.round(boardMs),
      target: '≤ 1000 ms',
      met: boardMs <= 1000,
      peer: 'plain SQL counts',
      peerMs: Math.round(boardPeer * 10) / 10,
    },
    {
      case: `weekly report .docx (${TOTAL} issues; its figures ${Math.round(weeklyFigures)} ms)`,
      ms: Math.round(docxMs),
      target: '≤ 3000 ms',
      met: docxMs <= 3000,
      peer: 'plain SQL counts',
      peerMs: Math.round(weeklyPeer * 10) / 10,
    },
  ];
  console.table(rows);
  ctx.close();
  if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
}

await main();
