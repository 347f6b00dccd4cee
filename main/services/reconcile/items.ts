// Discrepancy items under triage: the filtered, paged list behind the virtualised table, triage one by one
// or in bulk (open → explained / fixed / accepted, with a cause and a note), and pilot issues created
// from an item (the item keeps the issue id; the issue's description names where it came from).
// Ages and "not reproduced" are derived from the domain's latest run when read, so nothing is written
// to an item merely because a day passed (sync only carries real changes).
import { discrepancyItem } from '#db/schema.ts';
import type {
  DiscrepancyCause,
  DiscrepancyItem,
  IssueOrigin,
  ItemFilter,
  ItemSortKey,
  ItemStatus,
  PilotIssue,
  TriageResult,
} from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { createIssue } from '#services/issues/issues.ts';
import { getRecord, updateRecord } from '#services/core/records.ts';
import { getLocale, operatorName } from '#services/core/settings.ts';
import type { DiscrepancyKind } from '#contract/reconcile-engine.ts';
import { getProfile } from './profiles.ts';

export interface Latest {
  runId: string | null;
  date: string | null;
}

/** The run that counts for the domain's latest business date. */
export function latestRun(ctx: Ctx, profileId: string): Latest {
  const row = ctx.sqlite
    .prepare(
      `SELECT id, business_date AS date FROM reconcile_run WHERE profile_id = ?
       ORDER BY business_date DESC, created_at DESC, id DESC LIMIT 1`,
    )
    .get(profileId) as { id: string; date: string } | undefined;
  return { runId: row?.id ?? null, date: row?.date ?? null };
}

// Open items age up to the domain's latest business date (days of dual run, not wall-clock days);
// closed ones stop at the last day they were seen.
const AGE = `CAST(julianday(CASE WHEN i.status = 'open' THEN max(:latestDate, i.last_seen_date)
  ELSE i.last_seen_date END) - julianday(i.first_seen_date) AS INTEGER)`;
const NOT_REPRODUCED = `(i.last_run_id <> :latestRunId)`;

interface Query {
  where: string;
  params: Record<string, unknown>;
}

function whereOf(filter: ItemFilter, latest: Latest): Query {
  const parts = ['i.profile_id = :profileId'];
  const params: Record<string, unknown> = {
    profileId: filter.profileId,
    latestDate: latest.date ?? '0000-00-00',
    latestRunId: latest.runId ?? '',
  };
  const list = (name: string, column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    const names = values.map((v, n) => {
      params[`${name}${n}`] = v;
      return `:${name}${n}`;
    });
    parts.push(`${column} IN (${names.join(', ')})`);
  };
  list('status', 'i.status', filter.statuses);
  list('kind', 'i.kind', filter.kinds);
  list('column', 'i."column"', filter.columns);
  list('cause', 'i.cause', filter.causes);
  if (filter.seenOn) {
    parts.push('i.first_seen_date <= :seenOn AND i.last_seen_date >= :seenOn');
    params.seenOn = filter.seenOn;
  }
  if (filter.seen === 'current') parts.push(`NOT ${NOT_REPRODUCED}`);
  if (filter.seen === 'not_reproduced') parts.push(NOT_REPRODUCED);
  if (filter.text?.trim()) {
    parts.push(
      `(i.key_values LIKE :text ESCAPE '\\' OR i.old_value LIKE :text ESCAPE '\\' OR i.new_value LIKE :text ESCAPE '\\')`,
    );
    params.text = `%${filter.text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  if (filter.minAgeDays !== undefined) {
    parts.push(`${AGE} >= :minAge`);
    params.minAge = filter.minAgeDays;
  }
  return { where: parts.join(' AND '), params };
}

const ORDER: Record<ItemSortKey, string> = {
  key: 'i.key_values',
  column: `coalesce(i."column", '')`,
  age: 'ageDays',
  status: "CASE i.status WHEN 'open' THEN 0 WHEN 'explained' THEN 1 WHEN 'accepted' THEN 2 ELSE 3 END",
  firstSeen: 'i.first_seen_date',
};

interface ItemRow {
  id: string;
  profile_id: string;
  kind: DiscrepancyKind;
  key_values: string;
  column: string | null;
  old_value: string | null;
  new_value: string | null;
  old_row: number | null;
  new_row: number | null;
  first_seen_date: string;
  last_seen_date: string;
  last_run_id: string;
  times_seen: number;
  status: ItemStatus;
  cause: DiscrepancyCause | null;
  note: string | null;
  issue_id: string | null;
  issueNumber: string | null;
  ageDays: number;
  notReproduced: number;
  updated_at: string;
}

function toItem(r: ItemRow): DiscrepancyItem {
  return {
    id: r.id,
    profileId: r.profile_id,
    kind: r.kind,
    key: JSON.parse(r.key_values) as string[],
    column: r.column,
    oldValue: r.old_value,
    newValue: r.new_value,
    oldRow: r.old_row,
    newRow: r.new_row,
    firstSeenDate: r.first_seen_date,
    lastSeenDate: r.last_seen_date,
    lastRunId: r.last_run_id,
    timesSeen: r.times_seen,
    status: r.status,
    cause: r.cause,
    note: r.note,
    issueId: r.issue_id,
    issueNumber: r.issueNumber,
    ageDays: r.ageDays,
    notReproduced: r.notReproduced === 1,
    updatedAt: r.updated_at,
  };
}

const SELECT = `SELECT i.*, p.number AS issueNumber, ${AGE} AS ageDays, ${NOT_REPRODUCED} AS notReproduced
  FROM discrepancy_item i LEFT JOIN pilot_issue p ON p.id = i.issue_id`;

export interface ItemListInput {
  filter: ItemFilter;
  sort?: { key: ItemSortKey; dir: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

export function listItems(ctx: Ctx, input: ItemListInput): { total: number; rows: DiscrepancyItem[] } {
  const latest = latestRun(ctx, input.filter.profileId);
  const { where, params } = whereOf(input.filter, latest);
  const { total } = ctx.sqlite
    .prepare(`SELECT count(*) AS total FROM discrepancy_item i WHERE ${where}`)
    .get(params) as { total: number };
  const sort = input.sort ?? { key: 'age', dir: 'desc' };
  const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
  const rows = ctx.sqlite
    .prepare(
      `${SELECT} WHERE ${where} ORDER BY ${ORDER[sort.key]} ${dir}, i.key_values, i."column", i.id
       LIMIT :limit OFFSET :offset`,
    )
    .all({ ...params, limit: input.limit ?? 100, offset: input.offset ?? 0 }) as ItemRow[];
  return { total, rows: rows.map(toItem) };
}

export function getItem(ctx: Ctx, id: string): DiscrepancyItem {
  const item = getRecord(ctx, discrepancyItem, id);
  const latest = latestRun(ctx, item.profileId);
  const row = ctx.sqlite
    .prepare(`${SELECT} WHERE i.id = :id`)
    .get({ id, latestDate: latest.date ?? '0000-00-00', latestRunId: latest.runId ?? '' }) as ItemRow;
  return toItem(row);
}

/** Every id matching the filter (bulk triage of "all filtered"), capped like the issue list's. */
export function listItemIds(ctx: Ctx, filter: ItemFilter, cap = 50_000): string[] {
  const { where, params } = whereOf(filter, latestRun(ctx, filter.profileId));
  return (
    ctx.sqlite
      .prepare(`SELECT i.id FROM discrepancy_item i WHERE ${where} ORDER BY i.key_values LIMIT :cap`)
      .all({ ...params, cap }) as { id: string }[]
  ).map((r) => r.id);
}

/** Columns that have differences in a domain, for the column filter. */
export function itemColumns(ctx: Ctx, profileId: string): string[] {
  return (
    ctx.sqlite
      .prepare(
        `SELECT DISTINCT "column" FROM discrepancy_item WHERE profile_id = ? AND "column" IS NOT NULL
         ORDER BY "column"`,
      )
      .all(profileId) as { column: string }[]
  ).map((r) => r.column);
}

// ---------------------------------------------------------------- triage

export interface TriageInput {
  ids: string[];
  status: ItemStatus;
  /** undefined: keep; null: clear. */
  cause?: DiscrepancyCause | null;
  /** null/undefined: keep the note. */
  note?: string | null;
}

/** Explaining or accepting a difference says why; fixed and open need no cause. */
const needsCause = (status: ItemStatus) => status === 'explained' || status === 'accepted';

export const itemLabel = (key: string, column: string | null) => (column ? `${key} · ${column}` : key);

/**
 * Sets the status (and cause / note) of every item it can, in one transaction, and lists the ones it
 * refused with the reason, like the issue list's bulk change.
 */
export function triageItems(
  ctx: Ctx,
  input: TriageInput,
  message: (error: AppError) => string = (e) => e.code,
): TriageResult {
  const who = operatorName(ctx);
  return inTransaction(ctx, () => {
    const refused: TriageResult['refused'] = [];
    let updated = 0;
    const now = ctx.now().toISOString();
    for (const id of new Set(input.ids)) {
      const item = getRecord(ctx, discrepancyItem, id);
      const cause = input.cause === undefined ? item.cause : input.cause;
      if (needsCause(input.status) && !cause) {
        const key = itemLabel((JSON.parse(item.keyValues) as string[]).join(' / '), item.column);
        refused.push({
          id,
          message: message(new AppError('reconcile_cause_required', { key, status: input.status })),
        });
        continue;
      }
      const patch = {
        status: input.status,
        cause,
        note: input.note ?? item.note,
      };
      const changed = patch.status !== item.status || patch.cause !== item.cause || patch.note !== item.note;
      if (!changed) continue;
      updateRecord(ctx, discrepancyItem, id, { ...patch, triagedAt: now, triagedBy: who });
      updated++;
    }
    return { updated, refused };
  });
}

// ---------------------------------------------------------------- pilot issues

export interface IssueFromItem {
  itemId: string;
  title: string;
  departmentId: string;
  severity: PilotIssue['severity'];
  category: PilotIssue['category'];
  blocking: boolean;
  systemId?: string | null;
}

/** What the issue's description says about where it came from (in the UI language of this laptop). */
export function originText(ctx: Ctx, item: DiscrepancyItem): string {
  const t = translator(getLocale(ctx));
  const profile = getProfile(ctx, item.profileId);
  const lines = [
    t('dualRun.origin.title', { domain: profile.domain, date: item.lastSeenDate }),
    `${t('dualRun.item.key')}: ${item.key.join(' / ')}`,
    `${t('dualRun.item.kind')}: ${t(`dualRun.kinds.${item.kind}`)}${item.column ? ` · ${item.column}` : ''}`,
  ];
  if (item.kind === 'different') {
    lines.push(`${t('dualRun.item.oldValue')}: ${item.oldValue ?? ''}`);
    lines.push(`${t('dualRun.item.newValue')}: ${item.newValue ?? ''}`);
  }
  lines.push(t('dualRun.origin.since', { date: item.firstSeenDate }));
  return lines.join('\n');
}

/** Creates a pilot issue for an item and links the two, in one transaction. */
export function createIssueFromItem(
  ctx: Ctx,
  input: IssueFromItem,
): { issue: PilotIssue; item: DiscrepancyItem } {
  return inTransaction(ctx, () => {
    const item = getItem(ctx, input.itemId);
    if (item.issueId)
      throw new AppError('reconcile_already_linked', { number: item.issueNumber ?? item.issueId });
    const issue = createIssue(ctx, {
      title: input.title,
      departmentId: input.departmentId,
      severity: input.severity,
      category: input.category,
      blocking: input.blocking,
      systemId: input.systemId ?? null,
      description: originText(ctx, item),
      tags: [],
    });
    updateRecord(ctx, discrepancyItem, item.id, { issueId: issue.id });
    return { issue, item: getItem(ctx, item.id) };
  });
}

/** The discrepancy items an issue was raised from (the issue detail's "from reconciliation" box). */
export function itemsForIssue(ctx: Ctx, issueId: string): IssueOrigin[] {
  const rows = ctx.sqlite
    .prepare(
      `SELECT i.id AS itemId, i.profile_id AS profileId, p.domain, i.key_values AS keyValues, i.kind,
         i."column", i.status, i.first_seen_date AS firstSeenDate, i.last_seen_date AS lastSeenDate
       FROM discrepancy_item i JOIN reconcile_profile p ON p.id = i.profile_id
       WHERE i.issue_id = ? ORDER BY i.first_seen_date`,
    )
    .all(issueId) as (Omit<IssueOrigin, 'key'> & { keyValues: string })[];
  return rows.map(({ keyValues, ...r }) => ({ ...r, key: JSON.parse(keyValues) as string[] }));
}
