// Saving a reconciliation run: the run row (counts and the engine summary, never the compared rows) and
// the discrepancy items it saw. The same (domain, kind, key, column) as an earlier run continues that item
// — its first-seen date stays, so its age grows — instead of starting a new one; an item marked fixed
// that comes back is reopened. Everything is one transaction: a run is saved with all its items or not at all.
import { basename } from 'node:path';
import { discrepancyItem, reconcileRun } from '#db/schema.ts';
import type { ReconcileRun } from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import {
  getRecord,
  insertRecord,
  insertRecords,
  newStableIds,
  updateRecords,
  type NewRecord,
  type RecordPatch,
} from '#services/core/records.ts';
import type { Discrepancy, Profile, ReconcileResult, ReconcileSummary } from '#contract/reconcile-engine.ts';
import { ensureProfile, getProfile } from './profiles.ts';

type RunRow = typeof reconcileRun.$inferSelect;

export interface SaveRunInput {
  /** The data domain; its profile is created from `profile` the first time it is seen. */
  domain: string;
  /** YYYY-MM-DD, the day the exports describe. */
  businessDate: string;
  profile: Profile;
  result: ReconcileResult;
  /** Paths or names of the two exports; only the file names are stored. */
  oldFile: string;
  newFile: string;
}

/** The identity a later run is matched on. JSON keeps composite keys with separators in them apart. */
export function itemKeyOf(d: Pick<Discrepancy, 'kind' | 'column' | 'key'>): string {
  return JSON.stringify([d.kind, d.column ?? null, d.key]);
}

/** Keys compared and keys that agree in every compared column. */
export function rowCounts(summary: ReconcileSummary): { totalRows: number; consistentRows: number } {
  const totalRows = summary.matched + summary.missingInNew + summary.missingInOld;
  return { totalRows, consistentRows: Math.max(0, summary.matched - summary.rowsWithDifferences) };
}

interface Existing {
  id: string;
  status: string;
  firstSeenDate: string;
  lastSeenDate: string;
  timesSeen: number;
  // The rest of what a carry may write (handed to updateRecords, which then does not read them again).
  oldValue: string | null;
  newValue: string | null;
  oldRow: number | null;
  newRow: number | null;
  lastRunId: string;
}

export interface SaveRunOptions {
  /** Told how many of the run's items are written, of how many, every thousand items and at the end. */
  onProgress?: (done: number, total: number) => void;
}

type Candidate = Pick<Existing, 'id' | 'status' | 'firstSeenDate'> & { createdAt: string };

/** Open before closed, then the first seen, then the first created (then the id, so the choice is fixed). */
function before(a: Candidate, b: Candidate): boolean {
  const openA = a.status === 'open';
  if (openA !== (b.status === 'open')) return openA;
  if (a.firstSeenDate !== b.firstSeenDate) return a.firstSeenDate < b.firstSeenDate;
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt;
  return a.id < b.id;
}

export function saveRun(ctx: Ctx, input: SaveRunInput, options: SaveRunOptions = {}): ReconcileRun {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.businessDate) || Number.isNaN(Date.parse(input.businessDate))) {
    throw new AppError('reconcile_bad_date', { date: input.businessDate });
  }
  return inTransaction(ctx, () => {
    const profile = ensureProfile(ctx, input.domain, input.profile);
    const date = input.businessDate;

    // One item per identity even if two merged laptops each created one: the oldest open one wins (the
    // choice made here rather than by sorting every item of the domain in SQL).
    const existing = new Map<string, Existing & { createdAt: string }>();
    const rows = ctx.sqlite
      .prepare(
        `SELECT id, item_key AS itemKey, status, first_seen_date AS firstSeenDate,
           last_seen_date AS lastSeenDate, times_seen AS timesSeen, created_at AS createdAt,
           old_value AS oldValue, new_value AS newValue, old_row AS oldRow, new_row AS newRow,
           last_run_id AS lastRunId
         FROM discrepancy_item WHERE profile_id = ?`,
      )
      .all(profile.id) as (Existing & { itemKey: string; createdAt: string })[];
    for (const row of rows) {
      const held = existing.get(row.itemKey);
      if (!held || before(row, held)) existing.set(row.itemKey, row);
    }

    // The engine reports each (kind, key, column) once; a repeat in one run is kept once all the same.
    const seen = new Map<string, Discrepancy>();
    for (const d of input.result.discrepancies) {
      const key = itemKeyOf(d);
      if (!seen.has(key)) seen.set(key, d);
    }
    let newItems = 0;
    let carriedItems = 0;
    let reopenedItems = 0;
    for (const key of seen.keys()) {
      const e = existing.get(key);
      if (!e) newItems++;
      else {
        carriedItems++;
        if (e.status === 'fixed') reopenedItems++;
      }
    }

    const { totalRows, consistentRows } = rowCounts(input.result.summary);
    const run = insertRecord(ctx, reconcileRun, {
      profileId: profile.id,
      businessDate: date,
      oldFileName: basename(input.oldFile),
      newFileName: basename(input.newFile),
      profile: JSON.stringify(input.profile),
      summary: JSON.stringify(input.result.summary),
      totalRows,
      consistentRows,
      discrepancyCount: seen.size,
      newItems,
      carriedItems,
      reopenedItems,
      elapsedMs: Math.round(input.result.elapsedMs),
    });

    // New items and continued ones each in one batch (records.ts): the same rows and change log as one
    // write per item, without reading each back (issue #17, item 2).
    const inserts: NewRecord<typeof discrepancyItem>[] = [];
    const updates: RecordPatch<typeof discrepancyItem>[] = [];
    const current = new Map<string, Record<string, unknown>>();
    // Stable per (profile, item key): the same difference found on two laptops is one item once synced.
    const fresh = [...seen.keys()].filter((key) => !existing.has(key));
    const ids = newStableIds(
      ctx,
      discrepancyItem,
      'discrepancy',
      fresh.map((key) => `${profile.id}|${key}`),
      { exact: true },
    );
    let next = 0;
    for (const [key, d] of seen) {
      const e = existing.get(key);
      if (!e) {
        const id = ids[next++]!;
        inserts.push({
          id,
          values: {
            profileId: profile.id,
            itemKey: key,
            kind: d.kind,
            keyValues: JSON.stringify(d.key),
            column: d.column,
            oldValue: d.oldValue,
            newValue: d.newValue,
            oldRow: d.oldRow,
            newRow: d.newRow,
            firstSeenDate: date,
            firstRunId: run.id,
            lastSeenDate: date,
            lastRunId: run.id,
            timesSeen: 1,
            status: 'open',
            cause: null,
            note: null,
            issueId: null,
            triagedAt: null,
            triagedBy: null,
          },
        });
        continue;
      }
      // A run for an earlier day (filled in late) never moves "last seen" backwards.
      const latest = date >= e.lastSeenDate;
      current.set(e.id, e as unknown as Record<string, unknown>);
      updates.push({
        id: e.id,
        patch: {
          ...(latest
            ? {
                oldValue: d.oldValue,
                newValue: d.newValue,
                oldRow: d.oldRow,
                newRow: d.newRow,
                lastSeenDate: date,
                lastRunId: run.id,
              }
            : {}),
          firstSeenDate: date < e.firstSeenDate ? date : e.firstSeenDate,
          // Running the same day again (a corrected export) is not another sighting.
          timesSeen: date === e.lastSeenDate ? e.timesSeen : e.timesSeen + 1,
          // The fix did not hold: the difference is back, so the item is open again.
          ...(e.status === 'fixed' ? { status: 'open' as const } : {}),
        },
      });
    }
    const total = inserts.length + updates.length;
    const onProgress = options.onProgress;
    insertRecords(ctx, discrepancyItem, inserts, {
      onProgress: onProgress && ((done) => onProgress(done, total)),
    });
    updateRecords(ctx, discrepancyItem, updates, {
      onProgress: onProgress && ((done) => onProgress(inserts.length + done, total)),
      current,
    });
    return toRun(run, profile.domain, false);
  });
}

export function toRun(row: RunRow, domain: string, superseded: boolean): ReconcileRun {
  const { profile: _p, summary, ...rest } = row;
  return { ...rest, domain, summary: JSON.parse(summary) as ReconcileSummary, superseded };
}

const SUPERSEDED = `EXISTS (SELECT 1 FROM reconcile_run l WHERE l.profile_id = r.profile_id
  AND l.business_date = r.business_date AND (l.created_at > r.created_at
  OR (l.created_at = r.created_at AND l.id > r.id)))`;

export function getRun(ctx: Ctx, id: string): ReconcileRun {
  const row = getRecord(ctx, reconcileRun, id);
  const { superseded } = ctx.sqlite
    .prepare(`SELECT ${SUPERSEDED} AS superseded FROM reconcile_run r WHERE r.id = ?`)
    .get(id) as { superseded: number };
  return toRun(row, getProfile(ctx, row.profileId).domain, superseded === 1);
}

/** Runs of a domain, newest business date first. */
export function listRuns(ctx: Ctx, profileId: string): ReconcileRun[] {
  const domain = getProfile(ctx, profileId).domain;
  const rows = ctx.sqlite
    .prepare(
      `SELECT r.id, ${SUPERSEDED} AS superseded FROM reconcile_run r WHERE r.profile_id = ?
       ORDER BY r.business_date DESC, r.created_at DESC`,
    )
    .all(profileId) as { id: string; superseded: number }[];
  return rows.map((r) => toRun(getRecord(ctx, reconcileRun, r.id), domain, r.superseded === 1));
}

/** The run that counts for each business date of a domain (the last one saved), oldest date first. */
export function effectiveRuns(ctx: Ctx, profileId: string): RunRow[] {
  const ids = ctx.sqlite
    .prepare(
      `SELECT r.id FROM reconcile_run r WHERE r.profile_id = ? AND NOT ${SUPERSEDED}
       ORDER BY r.business_date`,
    )
    .all(profileId) as { id: string }[];
  return ids.map((r) => getRecord(ctx, reconcileRun, r.id));
}
