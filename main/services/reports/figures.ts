// What is measured, defined once (issue #13). Every screen, report, export and the CLI's --json read these
// figures; the UI's help text (i18n reports.help.*) says the same in words.
//
// A period is a run of local calendar days [from 00:00, to + 1 day 00:00) on the wall clock; stored times are
// UTC. For an issue, with its current workflow stamps (a reopened issue has lost its resolvedAt until it is
// resolved again, so it counts as open):
// - reported: reportedAt in the period; resolved: resolvedAt in the period (resolved, won't fix, duplicate);
// - open at the period's end: reported before the end and not resolved before it;
// - overdue: open at the end with its resolution deadline passed before the end (or now, if earlier);
// - 当日解决率 (sameDay): of the issues reported in the period, the share resolved on the local day they were
//   reported; 问题解决及时率 (timeliness): of the issues resolved in the period, the share resolved by their
//   resolution deadline.
// 系统可用率 per system = 1 − unplanned downtime inside the period ÷ time in the period (up to now when the
// period runs past it); the board's availability KPI is the lowest system's. 数据安全事故: incidents that
// occurred in the period. Training and the dual run are their registers' state as of now (readiness) and
// the run days inside the period (consistency = consistent rows ÷ compared rows over those days).
import {
  defaultKpiTargets,
  issueCategories,
  kpiDirections,
  kpiKeys,
  kpiUnits,
  severities,
  type DayPoint,
  type GroupCounts,
  type IssueCategory,
  type IssueStatus,
  type Kpi,
  type KpiKey,
  type KpiStatus,
  type KpiTargetValue,
  type OpenIssueRow,
  type Period,
  type ReportFigures,
  type Severity,
  type SeverityCounts,
  type StaffRole,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { dayBounds, localDay } from '#services/sheets/local-days.ts';
import { getProject } from '#services/reference/project.ts';
import { readinessMatrix } from '#services/training/readiness.ts';
import { goNoGo, trends } from '#services/reconcile/trend.ts';
import { satisfactionFor } from './satisfaction.ts';
import { visitsFor } from './visits.ts';
import { getTargets } from './targets.ts';

const DAY = 86_400_000;

/** The rows the issue figures need: everything reported before the end that was not resolved before the start. */
export interface IssueRow {
  id: string;
  number: string;
  title: string;
  severity: Severity;
  status: IssueStatus;
  category: IssueCategory;
  departmentId: string;
  systemId: string | null;
  reportedAt: string;
  resolvedAt: string | null;
  resolutionDueAt: string;
}

/** Local days from..to (inclusive) as YYYY-MM-DD. */
export function daysOf(period: Period): string[] {
  const out: string[] = [];
  const [y, m, d] = period.from.split('-').map(Number) as [number, number, number];
  for (let i = 0; ; i++) {
    const day = localDay(new Date(y, m - 1, d + i, 12));
    out.push(day);
    if (day >= period.to || i > 3700) break;
  }
  return out;
}

export function periodBounds(period: Period): { startAt: string; endAt: string } {
  return { startAt: dayBounds(period.from).start, endAt: dayBounds(period.to).end };
}

const zeroCounts = (): SeverityCounts => ({ reported: 0, resolved: 0, openAtEnd: 0, overdue: 0 });

/** Stoplight of a value against its target: green at or beyond it, amber within the margin, red past it. */
export function kpiStatus(key: KpiKey, value: number | null, t: KpiTargetValue): KpiStatus {
  if (value === null) return 'none';
  // Rates are ratios of integers: a hair of slack so 19/20 is exactly 95 %.
  const eps = 1e-9;
  if (kpiDirections[key] === 'atLeast') {
    if (value + eps >= t.target) return 'green';
    return value + eps >= t.target - t.amber ? 'amber' : 'red';
  }
  if (value - eps <= t.target) return 'green';
  return value - eps <= t.target + t.amber ? 'amber' : 'red';
}

export function makeKpi(
  key: KpiKey,
  value: number | null,
  targets: Record<KpiKey, KpiTargetValue>,
  numerator: number | null = null,
  denominator: number | null = null,
): Kpi {
  const t = targets[key] ?? defaultKpiTargets[key];
  return {
    key,
    value,
    target: t.target,
    amber: t.amber,
    direction: kpiDirections[key],
    unit: kpiUnits[key],
    status: kpiStatus(key, value, t),
    numerator,
    denominator,
  };
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);

const bySeverityThenAge = (a: OpenIssueRow, b: OpenIssueRow) =>
  a.severity.localeCompare(b.severity) ||
  a.reportedAt.localeCompare(b.reportedAt) ||
  a.number.localeCompare(b.number);
const byName = (a: GroupCounts, b: GroupCounts) =>
  b.reported - a.reported || b.openAtEnd - a.openAtEnd || a.name.localeCompare(b.name, 'zh-CN');

/** The issue figures of a period, from the rows alone (pure; unit-tested on a hand-computed set). */
export function issueFigures(
  rows: IssueRow[],
  period: Period,
  now: Date,
  labels: { departments: Map<string, string>; systems: Map<string, string> },
): ReportFigures['issues'] {
  const { startAt, endAt } = periodBounds(period);
  const cutoff = now.toISOString() < endAt ? now.toISOString() : endAt;
  const days = daysOf(period);
  const dayEnds = days.map((d) => dayBounds(d).end);
  const total = { ...zeroCounts(), sameDayResolved: 0, resolvedOnTime: 0 };
  const bySeverity = Object.fromEntries(severities.map((s) => [s, zeroCounts()])) as Record<
    Severity,
    SeverityCounts
  >;
  const byCategory = Object.fromEntries(issueCategories.map((c) => [c, zeroCounts()])) as Record<
    IssueCategory,
    SeverityCounts
  >;
  const byDepartment = new Map<string, GroupCounts>();
  const bySystem = new Map<string | null, GroupCounts>();
  const perDay: DayPoint[] = days.map((day) => ({
    day,
    reported: 0,
    resolved: 0,
    open: { P1: 0, P2: 0, P3: 0, P4: 0 },
  }));
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const heat = new Map<string, number[]>();
  const open: OpenIssueRow[] = [];
  const newHigh: OpenIssueRow[] = [];

  const toRow = (r: IssueRow, overdue: boolean): OpenIssueRow => ({
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity,
    status: r.status,
    departmentName: labels.departments.get(r.departmentId) ?? '',
    systemName: r.systemId ? (labels.systems.get(r.systemId) ?? null) : null,
    reportedAt: r.reportedAt,
    ageDays: Math.max(0, Math.floor((Date.parse(cutoff) - Date.parse(r.reportedAt)) / DAY)),
    overdue,
  });

  for (const r of rows) {
    const reported = r.reportedAt >= startAt && r.reportedAt < endAt;
    const resolved = r.resolvedAt !== null && r.resolvedAt >= startAt && r.resolvedAt < endAt;
    const openAtEnd = r.reportedAt < endAt && (r.resolvedAt === null || r.resolvedAt >= endAt);
    const overdue = openAtEnd && r.resolutionDueAt < cutoff;
    if (!reported && !resolved && !openAtEnd) continue;
    const dept =
      byDepartment.get(r.departmentId) ??
      byDepartment
        .set(r.departmentId, {
          id: r.departmentId,
          name: labels.departments.get(r.departmentId) ?? '',
          ...zeroCounts(),
        })
        .get(r.departmentId)!;
    const sys =
      bySystem.get(r.systemId) ??
      bySystem
        .set(r.systemId, {
          id: r.systemId,
          name: r.systemId ? (labels.systems.get(r.systemId) ?? '') : '',
          ...zeroCounts(),
        })
        .get(r.systemId)!;
    for (const c of [total, bySeverity[r.severity], byCategory[r.category], dept, sys]) {
      if (reported) c.reported++;
      if (resolved) c.resolved++;
      if (openAtEnd) c.openAtEnd++;
      if (overdue) c.overdue++;
    }
    if (reported) {
      perDay[dayIndex.get(localDay(new Date(r.reportedAt)))!]!.reported++;
      if (r.resolvedAt && localDay(new Date(r.resolvedAt)) === localDay(new Date(r.reportedAt)))
        total.sameDayResolved++;
      const cells =
        heat.get(r.departmentId) ??
        heat
          .set(
            r.departmentId,
            issueCategories.map(() => 0),
          )
          .get(r.departmentId)!;
      cells[issueCategories.indexOf(r.category)]!++;
      if (r.severity === 'P1' || r.severity === 'P2') newHigh.push(toRow(r, overdue));
    }
    if (resolved) {
      perDay[dayIndex.get(localDay(new Date(r.resolvedAt!)))!]!.resolved++;
      if (r.resolvedAt! <= r.resolutionDueAt) total.resolvedOnTime++;
    }
    if (openAtEnd) open.push(toRow(r, overdue));
    // Burn-down: open at the end of each day of the period.
    for (let i = 0; i < dayEnds.length; i++) {
      const end = dayEnds[i]!;
      if (r.reportedAt < end && (r.resolvedAt === null || r.resolvedAt >= end)) perDay[i]!.open[r.severity]++;
    }
  }

  open.sort(bySeverityThenAge);
  newHigh.sort(bySeverityThenAge);
  const heatRows = [...heat.keys()]
    .map((id) => ({ id, name: labels.departments.get(id) ?? '' }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return {
    ...total,
    bySeverity,
    byCategory,
    byDepartment: [...byDepartment.values()].sort(byName),
    bySystem: [...bySystem.values()].sort(byName),
    perDay,
    topOpen: open.slice(0, 10),
    newHigh,
    overdueList: open.filter((o) => o.overdue),
    heatmap: {
      rows: heatRows,
      columns: [...issueCategories],
      series: { issues: heatRows.map((r) => heat.get(r.id)!) },
    },
  };
}

/**
 * Issue rows that can count in the period: reported before its end and not resolved before its start. Two
 * indexed halves (resolved in or after the period; never resolved) instead of a scan of the whole log.
 */
export function loadIssueRows(ctx: Ctx, period: Period): IssueRow[] {
  const { startAt, endAt } = periodBounds(period);
  const columns = `id, number, title, severity, status, category, department_id AS departmentId,
    system_id AS systemId, reported_at AS reportedAt, resolved_at AS resolvedAt,
    resolution_due_at AS resolutionDueAt`;
  return ctx.sqlite
    .prepare(
      `SELECT ${columns} FROM pilot_issue WHERE resolved_at >= @start AND reported_at < @end
       UNION ALL
       SELECT ${columns} FROM pilot_issue WHERE resolved_at IS NULL AND reported_at < @end`,
    )
    .all({ start: startAt, end: endAt }) as IssueRow[];
}

/** Minutes of [a, b) ∩ [start, end). */
function overlapMinutes(a: string, b: string, start: string, end: string): number {
  const from = Math.max(Date.parse(a), Date.parse(start));
  const to = Math.min(Date.parse(b), Date.parse(end));
  return to > from ? (to - from) / 60_000 : 0;
}

export function availabilityFigures(ctx: Ctx, period: Period, now: Date): ReportFigures['availability'] {
  const { startAt, endAt } = periodBounds(period);
  const cutoff = now.toISOString() < endAt ? now.toISOString() : endAt;
  const periodMinutes = Math.max(0, (Date.parse(cutoff) - Date.parse(startAt)) / 60_000);
  const systems = ctx.sqlite
    .prepare('SELECT id, code, name FROM system WHERE archived_at IS NULL ORDER BY code')
    .all() as { id: string; code: string; name: string }[];
  const events = ctx.sqlite
    .prepare(
      `SELECT system_id AS systemId, start_at AS startAt, end_at AS endAt, planned FROM downtime_event
       WHERE archived_at IS NULL AND start_at < ? AND (end_at IS NULL OR end_at > ?)`,
    )
    .all(cutoff, startAt) as { systemId: string; startAt: string; endAt: string | null; planned: number }[];
  return systems.map((s) => {
    let unplanned = 0;
    let planned = 0;
    let count = 0;
    for (const e of events) {
      if (e.systemId !== s.id) continue;
      const minutes = overlapMinutes(e.startAt, e.endAt ?? cutoff, startAt, cutoff);
      if (minutes <= 0) continue;
      count++;
      if (e.planned) planned += minutes;
      else unplanned += minutes;
    }
    return {
      systemId: s.id,
      code: s.code,
      name: s.name,
      unplannedMinutes: Math.round(unplanned * 100) / 100,
      plannedMinutes: Math.round(planned * 100) / 100,
      events: count,
      availability: periodMinutes === 0 ? 1 : Math.max(0, 1 - unplanned / periodMinutes),
    };
  });
}

function securityFigures(ctx: Ctx, period: Period): ReportFigures['security'] {
  const { startAt, endAt } = periodBounds(period);
  const list = ctx.sqlite
    .prepare(
      `SELECT occurred_at AS occurredAt, title, severity FROM security_incident
       WHERE archived_at IS NULL AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at`,
    )
    .all(startAt, endAt) as ReportFigures['security']['list'];
  return { incidents: list.length, list };
}

function efficiencyFigures(ctx: Ctx): ReportFigures['efficiency'] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT id, name, unit, baseline, current, lower_is_better AS lowerIsBetter FROM efficiency_measure
       WHERE archived_at IS NULL ORDER BY name`,
    )
    .all() as {
    id: string;
    name: string;
    unit: string;
    baseline: number;
    current: number;
    lowerIsBetter: number;
  }[];
  return rows.map((r) => ({
    ...r,
    lowerIsBetter: r.lowerIsBetter === 1,
    improvement:
      r.baseline === 0
        ? null
        : r.lowerIsBetter
          ? (r.baseline - r.current) / r.baseline
          : (r.current - r.baseline) / r.baseline,
  }));
}

function trainingFigures(ctx: Ctx): ReportFigures['training'] {
  const m = readinessMatrix(ctx);
  return {
    ...m.total,
    byRole: m.roles.map((role: StaffRole) => ({ role, ...m.byRole[role]! })),
  };
}

function dualRunFigures(ctx: Ctx, period: Period): ReportFigures['dualRun'] {
  const all = trends(ctx);
  if (all.length === 0) return { go: null, domains: [], perDay: [] };
  const verdict = goNoGo(ctx);
  const byDay = new Map<string, { totalRows: number; consistentRows: number }>();
  for (const t of all) {
    for (const p of t.points) {
      if (p.businessDate < period.from || p.businessDate > period.to) continue;
      const d =
        byDay.get(p.businessDate) ??
        byDay.set(p.businessDate, { totalRows: 0, consistentRows: 0 }).get(p.businessDate)!;
      d.totalRows += p.totalRows;
      d.consistentRows += p.consistentRows;
    }
  }
  return {
    go: verdict.go,
    domains: verdict.domains.map((d) => ({
      domain: d.domain,
      runDays: d.runDays,
      cleanStreak: d.cleanStreak,
      latestRate: all.find((t) => t.profileId === d.profileId)?.points.at(-1)?.rate ?? null,
      go: d.go,
    })),
    perDay: [...byDay.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([day, c]) => ({ day, ...c, rate: c.totalRows === 0 ? 1 : c.consistentRows / c.totalRows })),
  };
}

function names(ctx: Ctx) {
  const departments = new Map(
    (ctx.sqlite.prepare('SELECT id, name FROM department').all() as { id: string; name: string }[]).map(
      (d) => [d.id, d.name],
    ),
  );
  const systems = new Map(
    (ctx.sqlite.prepare('SELECT id, name FROM system').all() as { id: string; name: string }[]).map((s) => [
      s.id,
      s.name,
    ]),
  );
  return { departments, systems };
}

/**
 * Ward-round visits beside the heat map's issues: a `visits` series (one count per department row), and a
 * row for every department visited in the period that reported no issue.
 */
function addVisits(
  heatmap: ReportFigures['issues']['heatmap'],
  visits: Map<string, { name: string; visits: number }> | null,
) {
  if (!visits) return;
  const issues = heatmap.series.issues!;
  for (const [id, v] of visits) {
    if (v.visits === 0 || heatmap.rows.some((r) => r.id === id)) continue;
    heatmap.rows.push({ id, name: v.name });
    issues.push(heatmap.columns.map(() => 0));
  }
  const order = heatmap.rows
    .map((row, i) => ({ row, cells: issues[i]! }))
    .sort((a, b) => a.row.name.localeCompare(b.row.name, 'zh-CN'));
  heatmap.rows = order.map((o) => o.row);
  heatmap.series.issues = order.map((o) => o.cells);
  heatmap.series.visits = heatmap.rows.map((r) => [visits.get(r.id)?.visits ?? 0]);
}

/** Every figure and KPI of a period: what the board shows, what reports print and `report --json` prints. */
export function computeFigures(ctx: Ctx, period: Period): ReportFigures {
  const now = ctx.now();
  const { startAt, endAt } = periodBounds(period);
  const project = getProject(ctx);
  const issues = issueFigures(loadIssueRows(ctx, period), period, now, names(ctx));
  addVisits(issues.heatmap, visitsFor(ctx, period));
  const training = trainingFigures(ctx);
  const dualRun = dualRunFigures(ctx, period);
  const availability = availabilityFigures(ctx, period, now);
  const security = securityFigures(ctx, period);
  const satisfaction = satisfactionFor(ctx, { from: period.from, to: period.to });
  const efficiency = efficiencyFigures(ctx);
  const targets = getTargets(ctx);
  const dualTotals = dualRun.perDay.reduce((a, d) => ({ t: a.t + d.totalRows, c: a.c + d.consistentRows }), {
    t: 0,
    c: 0,
  });
  const worst = availability.reduce<number | null>(
    (min, a) => (min === null || a.availability < min ? a.availability : min),
    null,
  );
  const byKey: Record<KpiKey, Kpi> = {
    timeliness: makeKpi(
      'timeliness',
      ratio(issues.resolvedOnTime, issues.resolved),
      targets,
      issues.resolvedOnTime,
      issues.resolved,
    ),
    sameDay: makeKpi(
      'sameDay',
      ratio(issues.sameDayResolved, issues.reported),
      targets,
      issues.sameDayResolved,
      issues.reported,
    ),
    availability: makeKpi('availability', worst, targets),
    securityIncidents: makeKpi('securityIncidents', security.incidents, targets),
    satisfaction: makeKpi(
      'satisfaction',
      satisfaction ? ratio(satisfaction.satisfied, satisfaction.answered) : null,
      targets,
      satisfaction?.satisfied ?? null,
      satisfaction?.answered ?? null,
    ),
    trainingPassed: makeKpi(
      'trainingPassed',
      ratio(training.passed, training.staff),
      targets,
      training.passed,
      training.staff,
    ),
    dualRunConsistency: makeKpi(
      'dualRunConsistency',
      ratio(dualTotals.c, dualTotals.t),
      targets,
      dualTotals.c,
      dualTotals.t,
    ),
  };
  return {
    period: { ...period, days: daysOf(period).length, startAt, endAt },
    project: project ? { hospital: project.hospital, name: project.name } : null,
    generatedAt: now.toISOString(),
    issues,
    training,
    dualRun,
    availability,
    security,
    satisfaction,
    efficiency,
    kpis: kpiKeys.map((k) => byKey[k]),
  };
}
