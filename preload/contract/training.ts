// Training register (培训): role-tiered sessions, attendance with assessment attempts, and the go-live
// readiness gate. Value sets, record shapes and the input schemas of the training.* methods.
import { z } from 'zod';
import { column, timestampColumns, type ColumnSchemas } from './columns.ts';
import { staffRoles, type StaffRole } from './reference.ts';
import { empty, id, optionalId, optionalText, returns, text } from './schemas.ts';
import {
  trainingTiers,
  trainingFormats,
  sessionStatuses,
  attendanceStatuses,
  type TrainingTier,
  type TrainingFormat,
  type SessionStatus,
  type AttendanceStatus,
} from './values/training.ts';
export * from './values/training.ts';

/** Which roles a tier trains: a session's audience is these roles in its departments (all if none). */
export const tierRoles: Record<TrainingTier, readonly StaffRole[]> = {
  management: ['manager'],
  clinician: ['doctor'],
  nursing: ['nurse'],
  medtech: ['technician'],
  support: ['cashier', 'pharmacist', 'other'],
  it: ['it'],
};

/** Statuses that count as having attended (trained). */
export const attendedStatuses: readonly AttendanceStatus[] = ['present', 'late'];

/**
 * Scores and pass marks are points from 0 to 100 (issue #12: 150 counted as passed, 「8a」 was saved as 8).
 * Sessions have no scale of their own yet; this is the maximum of every session.
 */
export const maxScore = 100;

export interface TrainingSession {
  id: string;
  topic: string;
  tier: TrainingTier;
  format: TrainingFormat;
  trainerId: string | null;
  /** UTC ISO instant. */
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  materialVersion: string | null;
  /** null = no assessment at this session (attending trains, but nobody can pass here). */
  passMark: number | null;
  status: SessionStatus;
  /** Empty = every department. */
  departmentIds: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SessionListRow extends TrainingSession {
  trainerName: string | null;
  trainerChampion: boolean;
  /** Staff in the planned audience (tier roles in the session's departments). */
  audience: number;
  /** People marked present or late. */
  attended: number;
  /** People with a score at or above the pass mark. */
  passed: number;
}

/** One attendance/assessment attempt: a row per (session, person, attempt); a retake is a new attempt. */
export interface Attempt {
  id: string;
  attempt: number;
  status: AttendanceStatus;
  score: number | null;
  passed: boolean;
  updatedAt: string;
}

export interface SessionRosterRow {
  personId: string;
  name: string;
  employeeNo: string | null;
  departmentName: string | null;
  role: StaffRole | null;
  /** In the planned audience; others were added as walk-ins. */
  inAudience: boolean;
  attempts: Attempt[];
}

export interface SessionDetail {
  session: SessionListRow;
  departmentNames: string[];
  roster: SessionRosterRow[];
}

export interface ReadinessCount {
  staff: number;
  trained: number;
  passed: number;
}

export interface ReadinessMatrix {
  /** Rows: departments with staff (plus "no department" when some have none), in name order. */
  departments: { id: string | null; name: string; code: string | null }[];
  roles: StaffRole[];
  /** Key `${departmentId ?? ''}|${role}`. Only cells with staff are present. */
  cells: Record<string, ReadinessCount>;
  byDepartment: Record<string, ReadinessCount>;
  byRole: Record<string, ReadinessCount>;
  total: ReadinessCount;
  trainers: TrainerStat[];
}

export interface TrainerStat {
  personId: string;
  name: string;
  champion: boolean;
  /** Sessions not cancelled with at least one attendee. */
  sessions: number;
  /** Distinct people who attended one of them. */
  trained: number;
  /** Distinct people assessed in them. */
  assessed: number;
  /** Distinct people who passed in them. */
  passed: number;
}

export interface PersonReadiness {
  personId: string;
  name: string;
  employeeNo: string | null;
  departmentId: string | null;
  departmentName: string | null;
  role: StaffRole;
  trained: boolean;
  passed: boolean;
  /** Best score in an audience session, with that session's pass mark. */
  bestScore: number | null;
  passMark: number | null;
  /** Last attended audience session (topic, start). */
  lastSession: { topic: string; startsAt: string } | null;
}

export interface TrainingExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

const score = z.number().min(0).max(maxScore);

export const sessionInput = z.object({
  topic: text(100),
  tier: z.enum(trainingTiers),
  format: z.enum(trainingFormats),
  trainerId: optionalId,
  startsAt: z.iso.datetime({ offset: true }),
  durationMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60),
  place: optionalText(64),
  materialVersion: optionalText(32),
  passMark: score.nullable().default(null),
  departmentIds: z.array(id).max(500).default([]),
});
export type SessionInput = z.output<typeof sessionInput>;

/** Attendance and/or score of a person's attempt (the first one when no attemptId). */
export const markInput = z
  .object({
    sessionId: id,
    personId: id,
    attemptId: id.optional(),
    status: z.enum(attendanceStatuses).optional(),
    score: score.nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.score !== undefined, 'nothing to record');
export type MarkInput = z.output<typeof markInput>;

export const readinessScope = z
  .object({
    /** undefined = every department, null = staff without a department. */
    departmentId: id.nullable().optional(),
    role: z.enum(staffRoles).optional(),
    notReadyOnly: z.boolean().default(false),
  })
  .default({ notReadyOnly: false });
export type ReadinessScope = z.output<typeof readinessScope>;

/** The training register: sessions, attendance and scores, readiness. */
export const trainingContract = {
  'training.sessions': returns<SessionListRow[]>()(
    z.object({ includeCancelled: z.boolean().default(false) }).default({ includeCancelled: false }),
  ),
  'training.session': returns<SessionDetail>()(z.object({ id })),
  'training.createSession': returns<TrainingSession>()(sessionInput),
  'training.updateSession': returns<TrainingSession>()(sessionInput.extend({ id })),
  'training.setStatus': returns<TrainingSession>()(z.object({ id, status: z.enum(sessionStatuses) })),
  /** Attendance and/or score of one person's attempt. */
  'training.mark': returns<Attempt>()(markInput),
  /** Everyone listed who is not marked yet gets this status (e.g. "the rest were present"). */
  'training.markRest': returns<{ marked: number }>()(
    z.object({ sessionId: id, personIds: z.array(id).max(5000), status: z.enum(attendanceStatuses) }),
  ),
  /** A new attempt in the same session (re-assessment); earlier attempts are kept. */
  'training.retake': returns<Attempt>()(
    z.object({ sessionId: id, personId: id, score: z.number().min(0).max(maxScore).nullable() }),
  ),
  'training.readiness': returns<ReadinessMatrix>()(empty),
  'training.readinessPeople': returns<PersonReadiness[]>()(readinessScope),
  /** Staff not ready for go-live (never trained or not passed) in the scope, as .xlsx. */
  'training.exportNotReady': returns<TrainingExportFile>()(readinessScope),
} as const;

// ---------------------------------------------------------------- what a synced change may carry (issue #11)
export const trainingSessionColumnSchemas = {
  id: column.id(),
  topic: column.text(200),
  tier: column.oneOf(trainingTiers),
  format: column.oneOf(trainingFormats),
  trainerId: column.optionalId(),
  startsAt: column.time(),
  durationMinutes: column.int(0, 7 * 24 * 60),
  place: column.optionalText(128),
  materialVersion: column.optionalText(64),
  passMark: column.optionalReal(0, maxScore),
  status: column.oneOf(sessionStatuses),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const trainingSessionDepartmentColumnSchemas = {
  id: column.id(),
  sessionId: column.id(),
  departmentId: column.id(),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const trainingAttendanceColumnSchemas = {
  id: column.id(),
  sessionId: column.id(),
  personId: column.id(),
  attempt: column.int(1, 1000),
  status: column.oneOf(attendanceStatuses),
  score: column.optionalReal(0, maxScore),
  ...timestampColumns,
} satisfies ColumnSchemas;
