// Ward rounds (科室驻点): visits to departments, their findings (one step to a pilot issue) and follow-ups,
// and the rounding plan.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamps } from './core.ts';
import { pilotIssue } from './issues.ts';
import { department, person } from './reference.ts';

/** A visit to a department: who, when, how long, whom they met. */
export const wardVisit = sqliteTable(
  'ward_visit',
  {
    id: text('id').primaryKey(),
    departmentId: text('department_id')
      .notNull()
      .references(() => department.id),
    engineerId: text('engineer_id').references(() => person.id),
    startedAt: text('started_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    peopleMet: text('people_met'),
    notes: text('notes'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('ward_visit_department_idx').on(t.departmentId, t.startedAt),
    index('ward_visit_started_idx').on(t.startedAt),
  ],
);

/** What was seen on a visit; may become a pilot issue (linked) and carry a follow-up. */
export const wardFinding = sqliteTable(
  'ward_finding',
  {
    id: text('id').primaryKey(),
    visitId: text('visit_id')
      .notNull()
      .references(() => wardVisit.id),
    text: text('text').notNull(),
    issueId: text('issue_id').references(() => pilotIssue.id),
    followUp: text('follow_up'),
    followUpOn: text('follow_up_on'),
    followedUpAt: text('followed_up_at'),
    ...timestamps,
  },
  (t) => [index('ward_finding_visit_idx').on(t.visitId), index('ward_finding_issue_idx').on(t.issueId)],
);

/** The rounding plan: every pilot department visited every `intervalDays` working days. One record (stable id). */
export const wardRoundPlan = sqliteTable('ward_round_plan', {
  id: text('id').primaryKey(),
  intervalDays: integer('interval_days').notNull(),
  ...timestamps,
});
