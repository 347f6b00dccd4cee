// The value sets of training.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
/** Audience tiers (分层培训): 管理层, 临床医生, 护理, 医技, 收费/药剂等辅助岗位, 信息科/运维. */
export const trainingTiers = ['management', 'clinician', 'nursing', 'medtech', 'support', 'it'] as const;
export type TrainingTier = (typeof trainingTiers)[number];

export const trainingFormats = ['classroom', 'online', 'drill', 'elbow'] as const;
export type TrainingFormat = (typeof trainingFormats)[number];

export const sessionStatuses = ['planned', 'done', 'cancelled'] as const;
export type SessionStatus = (typeof sessionStatuses)[number];

export const attendanceStatuses = ['present', 'late', 'absent', 'excused'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const readinessReasons = ['untrained', 'not_passed'] as const;
export type ReadinessReason = (typeof readinessReasons)[number];

/** Errors this area raises (translated as `errors.<code>` in i18n/training.ts). */
export const trainingErrorCodes = [
  'training_session_cancelled',
  'training_score_needs_attendance',
  'training_score_range',
  'training_retake_needs_attendance',
] as const;
