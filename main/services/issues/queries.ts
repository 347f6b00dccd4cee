// Reads of the issue log that must stay fast at 100,000 issues: the filtered, sorted, paged list; text
// search; duplicate suggestions while typing; the daily summary. Hand-written parameterised SQL over the
// indexes of db/schema.ts (drizzle's builder adds nothing here but allocation on the hot path).
import { dayBounds, localDay } from '#services/sheets/local-days.ts';
import type {
  DailySummary,
  DuplicateCandidate,
  IssueFilter,
  IssueListRow,
  IssueSortKey,
} from '#contract/index.ts';
import { statement, type Ctx } from '#services/core/context.ts';
import { overdueKind } from './sla.ts';
import { SEARCH_MATCH_ROWIDS } from './search-index.ts';
import { matchExpression } from './search-text.ts';
import { openStatuses } from './workflow.ts';

const OPEN = `('${openStatuses.join("','")}')`;

/** Workflow order of statuses; the same expression is indexed (db/schema.ts, pilot_issue_status_rank_idx). */
export const STATUS_RANK = `(CASE status WHEN 'new' THEN 0 WHEN 'reopened' THEN 1 WHEN 'acknowledged' THEN 2 WHEN 'in_progress' THEN 3 WHEN 'resolved' THEN 4 WHEN 'verified' THEN 5 WHEN 'closed' THEN 6 WHEN 'wont_fix' THEN 7 ELSE 8 END)`;

// Every term of an ORDER BY runs in the requested direction and ends with the report time and the rowid,
// so SQLite walks an index (see db/schema.ts) and stops after one page instead of sorting 100,000 rows.
// Department order walks departments by name and each one's issues by time (CROSS JOIN fixes that loop
// order). Assignee order still sorts: it is rare, and people are a LEFT JOIN.
const sortColumns: Record<IssueSortKey, string[]> = {
  number: ['i.replica_id', 'i.seq'],
  title: ['i.title', 'i.reported_at'],
  department: ['d.name', 'd.id', 'i.reported_at'],
  severity: ['i.severity', 'i.reported_at'],
  status: [STATUS_RANK.replace('CASE status', 'CASE i.status'), 'i.reported_at'],
  assignee: ['a.name', 'i.reported_at'],
  reportedAt: ['i.reported_at'],
  resolutionDueAt: ['i.resolution_due_at'],
};

interface Where {
  sql: string;
  params: unknown[];
}

export function whereClause(filter: IssueFilter, now: Date): Where {
  const parts: string[] = [];
  const params: unknown[] = [];
  const list = (column: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    parts.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  list('i.department_id', filter.departmentIds);
  list('i.system_id', filter.systemIds);
  list('i.status', filter.statuses);
  list('i.severity', filter.severities);
  list('i.assignee_id', filter.assigneeIds);
  if (filter.onlyOpen) parts.push(`i.status IN ${OPEN}`);
  if (filter.blocking) parts.push('i.blocking = 1');
  if (filter.overdue) {
    const t = now.toISOString();
    parts.push(
      `i.status IN ${OPEN} AND (i.resolution_due_at < ? OR (i.acknowledged_at IS NULL AND i.response_due_at < ?))`,
    );
    params.push(t, t);
  }
  if (filter.reportedFrom) {
    parts.push('i.reported_at >= ?');
    params.push(dayBounds(filter.reportedFrom).start);
  }
  if (filter.reportedTo) {
    parts.push('i.reported_at < ?');
    params.push(dayBounds(filter.reportedTo).end);
  }
  if (filter.text?.trim()) {
    const match = matchExpression(filter.text);
    if (match) {
      parts.push(`i.rowid IN (${SEARCH_MATCH_ROWIDS})`);
      params.push(match);
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const JOINS = `
  LEFT JOIN system s ON s.id = i.system_id
  LEFT JOIN system_module m ON m.id = i.module_id
  LEFT JOIN person a ON a.id = i.assignee_id
  LEFT JOIN person r ON r.id = i.reporter_id`;

const FROM = `FROM pilot_issue i JOIN department d ON d.id = i.department_id ${JOINS}`;

const COLUMNS = `i.id, i.number, i.title, i.department_id AS departmentId, d.name AS departmentName,
  s.code AS systemCode, m.name AS moduleName, i.category, i.severity, i.blocking, i.status,
  i.assignee_id AS assigneeId, a.name AS assigneeName, r.name AS reporterName, i.reported_at AS reportedAt,
  i.acknowledged_at AS acknowledgedAt, i.resolved_at AS resolvedAt, i.response_due_at AS responseDueAt,
  i.resolution_due_at AS resolutionDueAt`;

type RawRow = Omit<IssueListRow, 'blocking' | 'overdue'> & {
  blocking: number;
  acknowledgedAt: string | null;
  responseDueAt: string;
};

function toListRow(raw: RawRow, now: Date): IssueListRow {
  const { acknowledgedAt: _a, responseDueAt: _r, ...rest } = raw;
  return { ...rest, blocking: raw.blocking === 1, overdue: overdueKind(raw, now) };
}

export interface ListInput {
  filter: IssueFilter;
  sort: { key: IssueSortKey; dir: 'asc' | 'desc' };
  offset: number;
  limit: number;
}

export function listIssues(
  ctx: Ctx,
  input: ListInput,
  walkThreshold = WALK_THRESHOLD,
): { total: number; rows: IssueListRow[] } {
  const now = ctx.now();
  const where = whereClause(input.filter, now);
  const dir = input.sort.dir === 'asc' ? 'ASC' : 'DESC';
  const key = input.sort.key;
  const columns = key === 'assignee' ? ['(a.name IS NULL)', 'a.name', 'i.reported_at'] : sortColumns[key];
  const order = [...columns, 'i.rowid'].map((column) => `${column} ${dir}`).join(', ');

  // Broad filters walk the sort order's index and stop after one page; narrow ones (and text searches,
  // whose matches come from the FTS index) collect their matching rowids in order once, which gives the
  // total and the page in one pass. The counts of broad filters are cheap (covering indexes).
  const text = input.filter.text ? matchExpression(input.filter.text) : null;
  const textOnly =
    text !== null && Object.entries(input.filter).every(([k, v]) => k === 'text' || isEmpty(v));
  if (textOnly && key === 'reportedAt') {
    // A text search shown newest first (the list's default order): the FTS index counts its matches
    // itself, and a common word (医保 in one issue of eight) is paged by walking the report-time index and
    // keeping the matching rowids — no lookup of every match's row. A rare word sorts its few matches.
    const total = (
      statement(ctx, `SELECT count(*) AS n FROM pilot_issue_search WHERE pilot_issue_search MATCH ?`).get(
        text,
      ) as { n: number }
    ).n;
    if (total > walkThreshold / 10) {
      const rows = pageOf(
        ctx,
        `SELECT i.rowid AS rid FROM pilot_issue i INDEXED BY pilot_issue_reported_idx ${where.sql}
         ORDER BY ${order} LIMIT ? OFFSET ?`,
        order,
        [...where.params, input.limit, input.offset],
      );
      return { total, rows: rows.map((r) => toListRow(r, now)) };
    }
  }
  const counted = text
    ? null
    : (
        statement(ctx, `SELECT count(*) AS n FROM pilot_issue i ${where.sql}`).get(...where.params) as {
          n: number;
        }
      ).n;
  if (counted !== null && counted > walkThreshold) {
    if (key === 'assignee') {
      const rows = pageByAssignee(ctx, where, dir, input.offset, input.limit);
      return { total: counted, rows: rows.map((r) => toListRow(r, now)) };
    }
    const from =
      key === 'department'
        ? 'FROM department d CROSS JOIN pilot_issue i ON i.department_id = d.id'
        : 'FROM pilot_issue i';
    const rows = pageOf(
      ctx,
      `SELECT i.rowid AS rid ${from} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      order,
      [...where.params, input.limit, input.offset],
    );
    return { total: counted, rows: rows.map((r) => toListRow(r, now)) };
  }

  // The unary + keeps SQLite from walking a sort index past thousands of non-matching rows (its classic
  // misplan for a narrow filter); it uses the filter's index and sorts the few matches instead.
  const from =
    key === 'department'
      ? 'FROM pilot_issue i JOIN department d ON d.id = i.department_id'
      : key === 'assignee'
        ? 'FROM pilot_issue i LEFT JOIN person a ON a.id = i.assignee_id'
        : 'FROM pilot_issue i';
  const sortedOrder = [...columns, 'i.rowid'].map((column) => `+${column} ${dir}`).join(', ');
  const matches = statement(ctx, `SELECT i.rowid AS rid ${from} ${where.sql} ORDER BY ${sortedOrder}`)
    .pluck()
    .all(...where.params) as number[];
  const page = matches.slice(input.offset, input.offset + input.limit);
  const rows = statement(
    ctx,
    `SELECT ${COLUMNS} FROM json_each(?) p CROSS JOIN pilot_issue i ON i.rowid = p.value
     JOIN department d ON d.id = i.department_id ${JOINS} ORDER BY p.key`,
  ).all(JSON.stringify(page)) as RawRow[];
  return { total: matches.length, rows: rows.map((r) => toListRow(r, now)) };
}

const isEmpty = (v: unknown) =>
  v === undefined || v === false || (Array.isArray(v) && v.length === 0) || v === '';

/** Above this many matches the list walks the sort order's index; below it, it sorts the matches. */
const WALK_THRESHOLD = 20_000;

/**
 * Two phases: the inner query picks one page of rowids using only the tables the filter and the order need
 * (an index walk, or a sort of bare rowids); the outer query joins names for those rows only.
 */
function pageOf(ctx: Ctx, inner: string, order: string, params: unknown[]): RawRow[] {
  return statement(
    ctx,
    // CROSS JOIN keeps the page as the outer loop: SQLite must not plan from the big table inwards.
    `SELECT ${COLUMNS} FROM (${inner}) p CROSS JOIN pilot_issue i ON i.rowid = p.rid
     JOIN department d ON d.id = i.department_id ${JOINS} ORDER BY ${order}`,
  ).all(...params) as RawRow[];
}

/**
 * Assignee order: issues with an assignee walk people by name (index) and each person's issues by time;
 * unassigned issues come after them (ascending) or before them (descending). Two indexed queries instead
 * of sorting every issue by a joined name.
 */
function pageByAssignee(
  ctx: Ctx,
  where: Where,
  dir: 'ASC' | 'DESC',
  offset: number,
  limit: number,
): RawRow[] {
  const and = (condition: string) => (where.sql ? `${where.sql} AND ${condition}` : `WHERE ${condition}`);
  const byName = `a.name ${dir}, a.id ${dir}, i.reported_at ${dir}, i.rowid ${dir}`;
  const byTime = `i.reported_at ${dir}, i.rowid ${dir}`;
  const assigned = (o: number, l: number) =>
    pageOf(
      ctx,
      `SELECT i.rowid AS rid FROM person a CROSS JOIN pilot_issue i ON i.assignee_id = a.id
       ${and('i.assignee_id IS NOT NULL')} ORDER BY ${byName} LIMIT ? OFFSET ?`,
      byName,
      [...where.params, l, o],
    );
  const unassigned = (o: number, l: number) =>
    pageOf(
      ctx,
      `SELECT i.rowid AS rid FROM pilot_issue i ${and('i.assignee_id IS NULL')} ORDER BY ${byTime} LIMIT ? OFFSET ?`,
      byTime,
      [...where.params, l, o],
    );
  const countOf = (condition: string) =>
    (
      statement(ctx, `SELECT count(*) AS n FROM pilot_issue i ${and(condition)}`).get(...where.params) as {
        n: number;
      }
    ).n;
  const [first, second, firstCount] =
    dir === 'ASC'
      ? [assigned, unassigned, countOf('i.assignee_id IS NOT NULL')]
      : [unassigned, assigned, countOf('i.assignee_id IS NULL')];
  const rows = offset < firstCount ? first(offset, limit) : [];
  if (rows.length < limit) rows.push(...second(Math.max(0, offset - firstCount), limit - rows.length));
  return rows;
}

/** Every id matching a filter (bulk actions on "all filtered"), capped. */
export function listIssueIds(ctx: Ctx, filter: IssueFilter, cap = 5000): string[] {
  const where = whereClause(filter, ctx.now());
  return (
    ctx.sqlite.prepare(`SELECT i.id FROM pilot_issue i ${where.sql} LIMIT ?`).all(...where.params, cap) as {
      id: string;
    }[]
  ).map((r) => r.id);
}

/**
 * Likely duplicates of a title being typed: open issues (in the department, when given) sharing words or
 * bigrams with it, best match first.
 */
export function findDuplicates(
  ctx: Ctx,
  input: { title: string; departmentId?: string | null; excludeId?: string | null },
): DuplicateCandidate[] {
  const match = matchExpression(input.title, { anyTerm: true });
  if (!match || input.title.trim().length < 2) return [];
  // Each bigram is a term on its own here: "any shared bigram" ranks by how many are shared (bm25).
  const terms = match.replace(/"([^"]*)"/g, (_m, phrase: string) =>
    phrase
      .split(' ')
      .map((t) => `"${t}"`)
      .join(' OR '),
  );
  const params: unknown[] = [terms];
  let extra = '';
  if (input.departmentId) {
    extra += ' AND i.department_id = ?';
    params.push(input.departmentId);
  }
  if (input.excludeId) {
    extra += ' AND i.id <> ?';
    params.push(input.excludeId);
  }
  return ctx.sqlite
    .prepare(
      `SELECT i.id, i.number, i.title, i.status, i.reported_at AS reportedAt
       FROM pilot_issue_search f JOIN pilot_issue i ON i.rowid = f.rowid
       WHERE pilot_issue_search MATCH ? AND i.status IN ${OPEN} ${extra}
       ORDER BY bm25(pilot_issue_search) LIMIT 5`,
    )
    .all(...params) as DuplicateCandidate[];
}

export const SAME_DAY_TARGET = 0.95;

/**
 * The coordinator's day: per department, issues reported, resolved, still open and overdue; the same-day
 * resolution rate (当日解决率: issues reported that day and resolved by their resolution deadline ÷ issues
 * reported that day whose deadline has passed or that are resolved); open P1 and blocking issues on top.
 */
export function dailySummary(ctx: Ctx, day?: string): DailySummary {
  const now = ctx.now();
  const theDay = day ?? localDay(now);
  const { start, end } = dayBounds(theDay);
  // "Open" and "overdue" are judged at one instant: the last millisecond of that day, or now for today.
  // Whatever is stamped at or before it has happened (so an issue resolved a moment ago is not open); a
  // deadline before it has passed, exactly as overdueKind() and the list filter judge "now".
  const lastInstant = new Date(Date.parse(end) - 1).toISOString();
  const at = lastInstant < now.toISOString() ? lastInstant : now.toISOString();
  // A done issue without a resolution time (imported so, issue #12) is not open.
  const openAt = `i.reported_at <= @at AND (i.resolved_at > @at OR (i.resolved_at IS NULL AND i.status IN ${OPEN}))`;
  const departments = ctx.sqlite
    .prepare(
      `SELECT d.id AS departmentId, d.name AS departmentName,
         count(*) FILTER (WHERE i.reported_at >= @start AND i.reported_at < @end) AS reported,
         count(*) FILTER (WHERE i.resolved_at >= @start AND i.resolved_at < @end) AS resolved,
         count(*) FILTER (WHERE ${openAt}) AS open,
         count(*) FILTER (WHERE ${openAt} AND (i.resolution_due_at < @at
           OR (i.response_due_at < @at AND (i.acknowledged_at IS NULL OR i.acknowledged_at > @at)))) AS overdue
       FROM pilot_issue i JOIN department d ON d.id = i.department_id
       WHERE i.reported_at < @end AND (i.resolved_at IS NULL OR i.resolved_at >= @start)
          OR (i.reported_at >= @start AND i.reported_at < @end)
       GROUP BY d.id ORDER BY overdue DESC, open DESC, d.name`,
    )
    .all({ start, end, at }) as DailySummary['departments'];

  const rate = ctx.sqlite
    .prepare(
      `SELECT count(*) FILTER (WHERE resolution_due_at < @at OR resolved_at IS NOT NULL) AS due,
         count(*) FILTER (WHERE resolved_at <= resolution_due_at) AS met,
         count(*) FILTER (WHERE resolved_at IS NULL
           AND (resolution_due_at IS NULL OR resolution_due_at >= @at)) AS pending
       FROM pilot_issue
       WHERE reported_at >= @start AND reported_at < @end
         -- A done issue without a resolution time (imported so, issue #12) neither met nor missed a deadline.
         AND (resolved_at IS NOT NULL OR status IN ${OPEN})`,
    )
    .get({ start, end, at }) as { due: number; met: number; pending: number };

  const urgent = ctx.sqlite
    .prepare(
      `SELECT ${COLUMNS} ${FROM}
       WHERE i.status IN ${OPEN} AND (i.severity = 'P1' OR i.blocking = 1) AND i.reported_at < ?
       ORDER BY i.severity, i.reported_at LIMIT 50`,
    )
    .all(end) as RawRow[];

  const sum = (k: 'reported' | 'resolved' | 'open' | 'overdue') => departments.reduce((n, d) => n + d[k], 0);
  return {
    day: theDay,
    reported: sum('reported'),
    resolved: sum('resolved'),
    open: sum('open'),
    overdue: sum('overdue'),
    sameDayRate: rate.due > 0 ? rate.met / rate.due : null,
    sameDayMet: rate.met,
    sameDayCounted: rate.due,
    sameDayPending: rate.pending,
    target: SAME_DAY_TARGET,
    departments: departments.filter((d) => d.reported || d.resolved || d.open),
    urgent: urgent.map((r) => toListRow(r, now)),
  };
}

// ---------------------------------------------------------------- saved views (replica-local)
