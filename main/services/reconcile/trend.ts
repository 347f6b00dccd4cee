// Trend and cutover: the consistency rate per day and domain, consecutive clean days, and the go / no-go
// verdict against the cutover criteria (defaults: ≥ 14 days of dual run, the last 3 days at or above
// 99.9 % of rows consistent, no open discrepancy older than 2 days, no open P1 or blocking pilot issue).
// The criteria are a setting of this laptop (the coordinator's), not replicated.
import {
  defaultCutoverCriteria,
  type CriterionResult,
  type CutoverCriteria,
  type DomainTrend,
  type DomainVerdict,
  type GoNoGo,
  type TrendPoint,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { openStatuses } from '#services/issues/workflow.ts';
import { getLocalSetting, setLocalSetting } from '#services/core/settings.ts';
import { latestRun } from './items.ts';
import { listProfiles } from './profiles.ts';
import { effectiveRuns } from './runs.ts';

// Rates are ratios of integers: compare with a hair of slack so 9990/10000 is exactly 99.9 %.
const EPSILON = 1e-12;

export function getCriteria(ctx: Ctx): CutoverCriteria {
  return {
    ...defaultCutoverCriteria,
    ...getLocalSetting<Partial<CutoverCriteria>>(ctx, 'reconcileCriteria'),
  };
}

export function setCriteria(ctx: Ctx, criteria: CutoverCriteria): CutoverCriteria {
  setLocalSetting(ctx, 'reconcileCriteria', criteria);
  return getCriteria(ctx);
}

export const rateOf = (consistentRows: number, totalRows: number) =>
  totalRows === 0 ? 1 : consistentRows / totalRows;

/** Run days in a row without any discrepancy, counted back from the latest. */
export function cleanStreak(points: Pick<TrendPoint, 'clean'>[]): number {
  let n = 0;
  for (let i = points.length - 1; i >= 0 && points[i]!.clean; i--) n++;
  return n;
}

export function domainTrend(ctx: Ctx, profileId: string, domain: string): DomainTrend {
  const points: TrendPoint[] = effectiveRuns(ctx, profileId).map((r) => ({
    businessDate: r.businessDate,
    runId: r.id,
    totalRows: r.totalRows,
    consistentRows: r.consistentRows,
    rate: rateOf(r.consistentRows, r.totalRows),
    discrepancyCount: r.discrepancyCount,
    clean: r.discrepancyCount === 0,
  }));
  return { profileId, domain, points, cleanStreak: cleanStreak(points) };
}

export function trends(ctx: Ctx): DomainTrend[] {
  return listProfiles(ctx).map((p) => domainTrend(ctx, p.id, p.domain));
}

/** Open items older than the limit, oldest first (age up to the domain's latest business date). */
function openAges(ctx: Ctx, profileId: string): { key: string; column: string | null; age: number }[] {
  const latest = latestRun(ctx, profileId);
  if (!latest.date) return [];
  return (
    ctx.sqlite
      .prepare(
        `SELECT key_values AS key, "column",
           CAST(julianday(max(?, last_seen_date)) - julianday(first_seen_date) AS INTEGER) AS age
         FROM discrepancy_item WHERE profile_id = ? AND status = 'open' ORDER BY age DESC, key_values`,
      )
      .all(latest.date, profileId) as { key: string; column: string | null; age: number }[]
  ).map((r) => ({ ...r, key: (JSON.parse(r.key) as string[]).join(' / ') }));
}

export function blockingIssues(ctx: Ctx): GoNoGo['blockingIssues'] {
  const statuses = openStatuses.map(() => '?').join(', ');
  return ctx.sqlite
    .prepare(
      `SELECT id, number, title FROM pilot_issue
       WHERE status IN (${statuses}) AND (severity = 'P1' OR blocking = 1) ORDER BY reported_at`,
    )
    .all(...openStatuses) as GoNoGo['blockingIssues'];
}

export function domainVerdict(
  trend: DomainTrend,
  ages: ReturnType<typeof openAges>,
  c: CutoverCriteria,
): DomainVerdict {
  const runDays = trend.points.length;
  const recent = trend.points.slice(-c.recentDays);
  const recentOk = recent.length >= c.recentDays && recent.every((p) => p.rate + EPSILON >= c.minRate);
  const tooOld = ages.filter((a) => a.age > c.maxOpenAgeDays);
  const criteria: CriterionResult[] = [
    { key: 'minDays', pass: runDays >= c.minDays, actual: runDays, detail: [] },
    {
      key: 'recentRate',
      pass: recentOk,
      actual: recent.length ? Math.min(...recent.map((p) => p.rate)) : 0,
      detail: recent.filter((p) => p.rate + EPSILON < c.minRate).map((p) => p.businessDate),
    },
    {
      key: 'openAge',
      pass: tooOld.length === 0,
      actual: tooOld.length,
      detail: tooOld.slice(0, 5).map((a) => (a.column ? `${a.key} · ${a.column}` : a.key)),
    },
  ];
  return {
    profileId: trend.profileId,
    domain: trend.domain,
    go: criteria.every((x) => x.pass),
    runDays,
    cleanStreak: trend.cleanStreak,
    recentRates: recent.map((p) => ({ businessDate: p.businessDate, rate: p.rate })),
    oldestOpenAgeDays: ages[0]?.age ?? null,
    criteria,
  };
}

export function goNoGo(ctx: Ctx): GoNoGo {
  const criteria = getCriteria(ctx);
  const domains = trends(ctx).map((t) => domainVerdict(t, openAges(ctx, t.profileId), criteria));
  const blocking = criteria.noBlockingIssues ? blockingIssues(ctx) : [];
  const failing = (key: CriterionResult['key']) =>
    domains.filter((d) => !d.criteria.find((x) => x.key === key)!.pass).map((d) => d.domain);
  const of = (key: CriterionResult['key']) =>
    domains.map((d) => d.criteria.find((x) => x.key === key)!.actual);
  const overall: CriterionResult[] = [
    {
      key: 'minDays',
      pass: domains.length > 0 && failing('minDays').length === 0,
      actual: domains.length ? Math.min(...of('minDays')) : 0,
      detail: failing('minDays'),
    },
    {
      key: 'recentRate',
      pass: domains.length > 0 && failing('recentRate').length === 0,
      actual: domains.length ? Math.min(...of('recentRate')) : 0,
      detail: failing('recentRate'),
    },
    {
      key: 'openAge',
      pass: failing('openAge').length === 0,
      actual: of('openAge').reduce((a, b) => a + b, 0),
      detail: failing('openAge'),
    },
    {
      key: 'blockingIssues',
      pass: blocking.length === 0,
      actual: blocking.length,
      detail: blocking.map((i) => i.number),
    },
  ];
  return { go: overall.every((x) => x.pass), criteria, domains, blockingIssues: blocking, overall };
}
