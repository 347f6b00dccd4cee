// The training register: sessions, their departments, attendance and scores.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
  attendanceStatuses,
  sessionStatuses,
  trainingFormats,
  trainingTiers,
} from '#contract/values/training.ts';
import { timestamps } from './core.ts';
import { department, person } from './reference.ts';

/** A training session (培训场次), planned then recorded. Replicated. */
export const trainingSession = sqliteTable(
  'training_session',
  {
    id: text('id').primaryKey(),
    topic: text('topic').notNull(),
    tier: text('tier', { enum: trainingTiers }).notNull(),
    format: text('format', { enum: trainingFormats }).notNull(),
    trainerId: text('trainer_id').references(() => person.id),
    startsAt: text('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place'),
    materialVersion: text('material_version'),
    passMark: real('pass_mark'),
    status: text('status', { enum: sessionStatuses }).notNull(),
    ...timestamps,
  },
  (t) => [
    index('training_session_starts_idx').on(t.startsAt),
    index('training_session_trainer_idx').on(t.trainerId),
  ],
);

/**
 * The departments a session is for, one row each so that two laptops adding departments merge; removing
 * one archives its row. Several live rows for the same pair (added on two laptops) read as one.
 */
export const trainingSessionDepartment = sqliteTable(
  'training_session_department',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => trainingSession.id),
    departmentId: text('department_id')
      .notNull()
      .references(() => department.id),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('training_session_department_session_idx').on(t.sessionId),
    index('training_session_department_department_idx').on(t.departmentId),
  ],
);

/**
 * Attendance and assessment: one row per (session, person, attempt). Status and score are separate fields
 * so that one laptop marking attendance and another entering scores merge field by field; a retake is a
 * new attempt row (or a later session), never an overwrite of the failed score.
 */
export const trainingAttendance = sqliteTable(
  'training_attendance',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => trainingSession.id),
    personId: text('person_id')
      .notNull()
      .references(() => person.id),
    attempt: integer('attempt').notNull().default(1),
    status: text('status', { enum: attendanceStatuses }).notNull(),
    score: real('score'),
    ...timestamps,
  },
  (t) => [
    index('training_attendance_session_idx').on(t.sessionId, t.personId),
    index('training_attendance_person_idx').on(t.personId),
  ],
);
