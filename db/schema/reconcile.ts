// Dual-run reconciliation: profiles per data domain, runs per business date, discrepancy items.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  discrepancyCauses,
  discrepancyKinds,
  encodingChoices,
  itemStatuses,
} from '#contract/values/reconcile.ts';
import { timestamps } from './core.ts';
import { pilotIssue } from './issues.ts';

/**
 * A reconciliation profile (双轨对账配置): one per data domain (门诊收费, 住院医嘱…), the column mapping
 * old → new with keys and compare kinds as JSON (ProfileColumn[]), which is also the CLI's profile file.
 * The domain is unique per replica by service check, not by index (two laptops may both create it).
 */
export const reconcileProfile = sqliteTable(
  'reconcile_profile',
  {
    id: text('id').primaryKey(),
    domain: text('domain').notNull(),
    name: text('name').notNull(),
    columns: text('columns').notNull(),
    encodingOld: text('encoding_old', { enum: encodingChoices }).notNull().default('auto'),
    encodingNew: text('encoding_new', { enum: encodingChoices }).notNull().default('auto'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('reconcile_profile_domain_idx').on(sql`${t.domain} collate nocase`)],
);

/**
 * One comparison of a domain's two exports for a business date: counts and the engine summary (JSON),
 * never the rows themselves. A later run of the same domain and date supersedes an earlier one.
 */
export const reconcileRun = sqliteTable(
  'reconcile_run',
  {
    id: text('id').primaryKey(),
    profileId: text('profile_id')
      .notNull()
      .references(() => reconcileProfile.id),
    businessDate: text('business_date').notNull(),
    oldFileName: text('old_file_name').notNull(),
    newFileName: text('new_file_name').notNull(),
    /** The profile's columns as compared (JSON), so a later edit of the profile does not rewrite history. */
    profile: text('profile').notNull(),
    /** ReconcileSummary as JSON. */
    summary: text('summary').notNull(),
    totalRows: integer('total_rows').notNull(),
    consistentRows: integer('consistent_rows').notNull(),
    discrepancyCount: integer('discrepancy_count').notNull(),
    newItems: integer('new_items').notNull(),
    carriedItems: integer('carried_items').notNull(),
    reopenedItems: integer('reopened_items').notNull(),
    elapsedMs: integer('elapsed_ms').notNull(),
    ...timestamps,
  },
  (t) => [index('reconcile_run_profile_date_idx').on(t.profileId, t.businessDate, t.createdAt)],
);

/**
 * A discrepancy under triage: one row per (domain, kind, key, column) for as long as it keeps appearing,
 * so the same difference on the next day continues the same item (its age grows) instead of a new one.
 * Holds the latest values only; per-run counts live on the run.
 */
export const discrepancyItem = sqliteTable(
  'discrepancy_item',
  {
    id: text('id').primaryKey(),
    profileId: text('profile_id')
      .notNull()
      .references(() => reconcileProfile.id),
    /** kind, column and key joined: the identity a later run is matched on. */
    itemKey: text('item_key').notNull(),
    kind: text('kind', { enum: discrepancyKinds }).notNull(),
    /** Key column values as a JSON array of strings (leading zeros kept). */
    keyValues: text('key_values').notNull(),
    column: text('column'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    oldRow: integer('old_row'),
    newRow: integer('new_row'),
    firstSeenDate: text('first_seen_date').notNull(),
    firstRunId: text('first_run_id').notNull(),
    lastSeenDate: text('last_seen_date').notNull(),
    lastRunId: text('last_run_id').notNull(),
    timesSeen: integer('times_seen').notNull().default(1),
    status: text('status', { enum: itemStatuses }).notNull().default('open'),
    cause: text('cause', { enum: discrepancyCauses }),
    note: text('note'),
    issueId: text('issue_id').references(() => pilotIssue.id),
    triagedAt: text('triaged_at'),
    triagedBy: text('triaged_by'),
    ...timestamps,
  },
  (t) => [
    index('discrepancy_item_key_idx').on(t.profileId, t.itemKey),
    index('discrepancy_item_profile_status_idx').on(t.profileId, t.status, t.firstSeenDate),
    // No index on last_run_id: no query can use one (items are read by profile; "not reproduced" is an
    // inequality), and every saved run rewrites it on each item it carries (issue #17, item 2).
    index('discrepancy_item_issue_idx')
      .on(t.issueId)
      .where(sql`issue_id is not null`),
  ],
);
