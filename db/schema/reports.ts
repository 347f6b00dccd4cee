// Reports and KPIs (issue #13): the availability log (downtime), security incidents, efficiency measures,
// KPI targets and saved reports. All replicated: the coordinator's laptop merges every engineer's entries.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { incidentSeverities, kpiKeys, reportKinds } from '#contract/values/reports.ts';
import { timestamps } from './core.ts';
import { department, system } from './reference.ts';

/** A period a system was down (停机), planned or not. `endAt` null = still down. */
export const downtimeEvent = sqliteTable(
  'downtime_event',
  {
    id: text('id').primaryKey(),
    systemId: text('system_id')
      .notNull()
      .references(() => system.id),
    startAt: text('start_at').notNull(),
    endAt: text('end_at'),
    planned: integer('planned', { mode: 'boolean' }).notNull().default(false),
    cause: text('cause').notNull(),
    /** JSON array of department ids affected (empty = the whole hospital). */
    departmentIds: text('department_ids').notNull().default('[]'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('downtime_event_start_idx').on(t.startAt), index('downtime_event_system_idx').on(t.systemId)],
);

/** A data security incident (数据安全事故). */
export const securityIncident = sqliteTable(
  'security_incident',
  {
    id: text('id').primaryKey(),
    occurredAt: text('occurred_at').notNull(),
    title: text('title').notNull(),
    severity: text('severity', { enum: incidentSeverities }).notNull(),
    description: text('description'),
    departmentId: text('department_id').references(() => department.id),
    resolvedAt: text('resolved_at'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('security_incident_occurred_idx').on(t.occurredAt)],
);

/** An efficiency measure (e.g. 病历录入时间): its unit, the baseline before go-live and the current value. */
export const efficiencyMeasure = sqliteTable('efficiency_measure', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  unit: text('unit').notNull(),
  baseline: real('baseline').notNull(),
  current: real('current').notNull(),
  /** true when a smaller value is the improvement (minutes per record), false for throughput. */
  lowerIsBetter: integer('lower_is_better', { mode: 'boolean' }).notNull().default(true),
  archivedAt: text('archived_at'),
  ...timestamps,
});

/** A KPI's target and amber margin; one row per KPI key with a stable id, so laptops share one target. */
export const kpiTarget = sqliteTable('kpi_target', {
  id: text('id').primaryKey(),
  key: text('key', { enum: kpiKeys }).notNull(),
  target: real('target').notNull(),
  amber: real('amber').notNull(),
  ...timestamps,
});

/** A saved report: its kind, period and the coordinator's next steps; figures are recomputed on opening. */
export const savedReport = sqliteTable(
  'saved_report',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: reportKinds }).notNull(),
    title: text('title').notNull(),
    fromDay: text('from_day').notNull(),
    toDay: text('to_day').notNull(),
    nextSteps: text('next_steps').notNull().default(''),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('saved_report_to_idx').on(t.toDay)],
);
