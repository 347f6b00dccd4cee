// The cutover plan (上线切换) and the emergency procedure (应急预案, issue #15).
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { emergencyEventKinds, goNoGoDecisions, stepStatuses } from '#contract/values/cutover.ts';
import { timestamps } from './core.ts';
import { department } from './reference.ts';

/** A runbook step. `dependsOn` is a JSON array of step ids. */
export const cutoverStep = sqliteTable(
  'cutover_step',
  {
    id: text('id').primaryKey(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    owner: text('owner'),
    plannedStart: text('planned_start'),
    plannedEnd: text('planned_end'),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    status: text('status', { enum: stepStatuses }).notNull(),
    dependsOn: text('depends_on').notNull().default('[]'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('cutover_step_seq_idx').on(t.seq)],
);

/**
 * A go/no-go meeting. `snapshot` is JSON frozen when the meeting is recorded (dual-run criteria, open P1 and
 * blocking issues, training readiness): later data never changes it. `attendees` is a JSON array of names.
 */
export const goNoGoMeeting = sqliteTable('go_no_go_meeting', {
  id: text('id').primaryKey(),
  heldAt: text('held_at').notNull(),
  decision: text('decision', { enum: goNoGoDecisions }).notNull(),
  attendees: text('attendees').notNull().default('[]'),
  notes: text('notes'),
  snapshot: text('snapshot').notNull(),
  ...timestamps,
});

/** A rollback trigger: the condition under which the cutover is rolled back. */
export const rollbackTrigger = sqliteTable('rollback_trigger', {
  id: text('id').primaryKey(),
  condition: text('condition').notNull(),
  action: text('action'),
  archivedAt: text('archived_at'),
  ...timestamps,
});

/**
 * The emergency log (启动应急预案): timestamped events of one emergency (`emergencyId` = the id of its
 * `activated` event): pausing the cutover, departments on manual fallback, who was told, resuming.
 */
export const emergencyEvent = sqliteTable(
  'emergency_event',
  {
    id: text('id').primaryKey(),
    emergencyId: text('emergency_id').notNull(),
    kind: text('kind', { enum: emergencyEventKinds }).notNull(),
    at: text('at').notNull(),
    departmentId: text('department_id').references(() => department.id),
    actor: text('actor'),
    note: text('note'),
    ...timestamps,
  },
  (t) => [index('emergency_event_emergency_idx').on(t.emergencyId, t.at)],
);
