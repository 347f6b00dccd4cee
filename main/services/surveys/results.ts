// Survey results: the satisfaction rate (satisfied ÷ answered) per department, role and round, and the
// comments. A response imported on two laptops from the same file (same fingerprint) counts once.
// satisfactionRate() is what the KPI board reads.
// The .xlsx export is in export.ts, so that reading the rate (start-up wires it into the KPI board) does
// not load the spreadsheet library.
import type { RateCount, SurveyResults } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { dayBounds } from '#services/sheets/local-days.ts';

interface ResponseRow {
  roundId: string;
  roundName: string;
  departmentId: string | null;
  departmentName: string | null;
  role: string | null;
  answer: string | null;
  satisfied: number | null;
  comment: string | null;
  at: string;
}

/** Live responses, one per fingerprint, optionally of one round and within [from, to). */
function responses(ctx: Ctx, filter: { roundId?: string | null; from?: string; to?: string }): ResponseRow[] {
  const where = ['r.archived_at IS NULL', 'o.archived_at IS NULL'];
  const params: unknown[] = [];
  if (filter.roundId) {
    where.push('r.round_id = ?');
    params.push(filter.roundId);
  }
  if (filter.from) {
    where.push('coalesce(r.submitted_at, r.created_at) >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    where.push('coalesce(r.submitted_at, r.created_at) < ?');
    params.push(filter.to);
  }
  return ctx.sqlite
    .prepare(
      `SELECT r.round_id AS roundId, o.name AS roundName, r.department_id AS departmentId,
         coalesce(d.name, r.department_name) AS departmentName, r.role, r.answer, r.satisfied, r.comment,
         coalesce(r.submitted_at, r.created_at) AS at
       FROM survey_response r JOIN survey_round o ON o.id = r.round_id
       LEFT JOIN department d ON d.id = r.department_id
       WHERE ${where.join(' AND ')}
         AND (r.import_key IS NULL OR r.id = (SELECT min(x.id) FROM survey_response x
              WHERE x.import_key = r.import_key AND x.archived_at IS NULL))
       ORDER BY at, r.id`,
    )
    .all(...params) as ResponseRow[];
}

const rate = (satisfied: number, answered: number) => (answered ? satisfied / answered : null);

function count(rows: ResponseRow[]): RateCount {
  const answered = rows.filter((r) => r.satisfied !== null).length;
  const satisfied = rows.filter((r) => r.satisfied === 1).length;
  return { responses: rows.length, answered, satisfied, satisfactionRate: rate(satisfied, answered) };
}

function groupBy<K>(rows: ResponseRow[], key: (r: ResponseRow) => K): Map<K, ResponseRow[]> {
  const out = new Map<K, ResponseRow[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}

export function surveyResults(ctx: Ctx, input: { roundId?: string | null } = {}): SurveyResults {
  const rows = responses(ctx, { roundId: input.roundId });
  const byDepartment = [...groupBy(rows, (r) => r.departmentName ?? '')].map(([name, list]) => ({
    name,
    departmentId: list[0]!.departmentId,
    ...count(list),
  }));
  byDepartment.sort((a, b) =>
    a.name === '' ? 1 : b.name === '' ? -1 : a.name.localeCompare(b.name, 'zh-CN'),
  );
  const byRole = [...groupBy(rows, (r) => r.role ?? '')]
    .map(([role, list]) => ({ role, ...count(list) }))
    .sort((a, b) => b.responses - a.responses || a.role.localeCompare(b.role, 'zh-CN'));
  const byRound = [...groupBy(rows, (r) => r.roundId)].map(([roundId, list]) => ({
    roundId,
    name: list[0]!.roundName,
    ...count(list),
  }));
  const comments = rows
    .filter((r) => r.comment)
    .map((r) => ({
      department: r.departmentName ?? '',
      role: r.role,
      comment: r.comment!,
      answer: r.answer,
    }));
  return { total: count(rows), byDepartment, byRole, byRound, comments };
}

/**
 * For the KPI board: satisfied and answered responses submitted in the local days [from, to] (YYYY-MM-DD),
 * of one round or all; null when nothing was answered.
 */
export function satisfactionRate(
  ctx: Ctx,
  input: { from: string; to: string; roundId?: string },
): { satisfied: number; answered: number } | null {
  const rows = responses(ctx, {
    roundId: input.roundId,
    from: dayBounds(input.from).start,
    to: dayBounds(input.to).end,
  });
  const c = count(rows);
  return c.answered ? { satisfied: c.satisfied, answered: c.answered } : null;
}
