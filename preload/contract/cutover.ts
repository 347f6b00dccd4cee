// The cutover plan (上线切换方案) and the emergency procedure (应急预案, issue #15): runbook steps, go/no-go
// meetings with a frozen snapshot, rollback triggers, and the emergency event log.
import { z } from 'zod';
import type { CriterionResult, CutoverCriteria } from './reconcile.ts';
import { id, optionalId, optionalText, returns, text } from './schemas.ts';
import {
  stepStatuses,
  goNoGoDecisions,
  emergencyEventKinds,
  type StepStatus,
  type GoNoGoDecision,
  type EmergencyEventKind,
} from './values/cutover.ts';
export * from './values/cutover.ts';

export interface CutoverStep {
  id: string;
  seq: number;
  title: string;
  owner: string | null;
  plannedStart: string | null;
  plannedEnd: string | null;
  actualStart: string | null;
  actualEnd: string | null;
  status: StepStatus;
  dependsOn: string[];
  archivedAt: string | null;
}

export interface RunbookStep extends CutoverStep {
  /** Steps it depends on that are not done (or skipped) yet. */
  waitingFor: number[];
}

/** What was true when the meeting was held; stored as recorded, never recomputed. */
export interface GoNoGoSnapshot {
  takenAt: string;
  dualRun: {
    go: boolean;
    /** The thresholds in force at the meeting. */
    criteria: CutoverCriteria;
    overall: CriterionResult[];
    domains: { domain: string; go: boolean; runDays: number; cleanStreak: number }[];
  };
  openIssues: { id: string; number: string; title: string; severity: string; blocking: boolean }[];
  training: { staff: number; trained: number; passed: number; notReady: number };
}

export interface GoNoGoMeeting {
  id: string;
  heldAt: string;
  decision: GoNoGoDecision;
  attendees: string[];
  notes: string | null;
  snapshot: GoNoGoSnapshot;
}

export interface RollbackTrigger {
  id: string;
  condition: string;
  action: string | null;
  archivedAt: string | null;
}

export interface EmergencyEvent {
  id: string;
  emergencyId: string;
  kind: EmergencyEventKind;
  at: string;
  departmentId: string | null;
  departmentName: string | null;
  actor: string | null;
  note: string | null;
}

export interface Emergency {
  id: string;
  activatedAt: string;
  resumedAt: string | null;
  open: boolean;
  events: EmergencyEvent[];
}

export interface CutoverPlan {
  steps: RunbookStep[];
  meetings: GoNoGoMeeting[];
  triggers: RollbackTrigger[];
  emergencies: Emergency[];
  /** The open emergency, if any: the cutover is paused. */
  paused: boolean;
}

const instant = z.iso.datetime({ offset: true });
const optionalInstant = instant.nullish().transform((v) => v ?? null);

export const stepInput = z.object({
  title: text(200),
  owner: optionalText(64),
  plannedStart: optionalInstant,
  plannedEnd: optionalInstant,
  dependsOn: z.array(id).max(50).default([]),
});
export type StepInput = z.output<typeof stepInput>;

export const meetingInput = z.object({
  decision: z.enum(goNoGoDecisions),
  attendees: z.array(text(64)).min(1).max(50),
  notes: optionalText(4000),
});
export type MeetingInput = z.output<typeof meetingInput>;

export const emergencyEventInput = z.object({
  emergencyId: id,
  kind: z.enum(['manual_fallback', 'notified', 'note']),
  departmentId: optionalId,
  note: optionalText(2000),
});
export type EmergencyEventInput = z.output<typeof emergencyEventInput>;

export interface CutoverExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

const iso = z.string().max(40);
const nullableText = (max: number) => z.string().max(max).nullable();
export const cutoverStepColumnSchemas = {
  id,
  seq: z.number().int().min(0),
  title: z.string().max(200),
  owner: nullableText(64),
  plannedStart: iso.nullable(),
  plannedEnd: iso.nullable(),
  actualStart: iso.nullable(),
  actualEnd: iso.nullable(),
  status: z.enum(stepStatuses),
  dependsOn: z.string().max(4000),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};
export const goNoGoMeetingColumnSchemas = {
  id,
  heldAt: iso,
  decision: z.enum(goNoGoDecisions),
  attendees: z.string().max(8000),
  notes: nullableText(4000),
  snapshot: z.string().max(1_000_000),
  createdAt: iso,
  updatedAt: iso,
};
export const rollbackTriggerColumnSchemas = {
  id,
  condition: z.string().max(500),
  action: nullableText(2000),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};
export const emergencyEventColumnSchemas = {
  id,
  emergencyId: id,
  kind: z.enum(emergencyEventKinds),
  at: iso,
  departmentId: id.nullable(),
  actor: nullableText(64),
  note: nullableText(2000),
  createdAt: iso,
  updatedAt: iso,
};

export const cutoverContract = {
  'cutover.plan': returns<CutoverPlan>()(z.object({}).strict().default({})),
  'cutover.addStep': returns<CutoverStep>()(stepInput),
  'cutover.updateStep': returns<CutoverStep>()(stepInput.extend({ id })),
  /** Status of a step; starting stamps the actual start, done/skipped the actual end. */
  'cutover.setStepStatus': returns<CutoverStep>()(z.object({ id, status: z.enum(stepStatuses) })),
  'cutover.archiveStep': returns<CutoverStep>()(z.object({ id, archived: z.boolean() })),
  /** Records a go/no-go meeting with a snapshot of the criteria, issues and training taken now. */
  'cutover.recordMeeting': returns<GoNoGoMeeting>()(meetingInput),
  /** The snapshot a meeting held now would record (shown before recording). */
  'cutover.snapshot': returns<GoNoGoSnapshot>()(z.object({}).strict().default({})),
  'cutover.addTrigger': returns<RollbackTrigger>()(
    z.object({ condition: text(500), action: optionalText(2000) }),
  ),
  'cutover.archiveTrigger': returns<RollbackTrigger>()(z.object({ id, archived: z.boolean() })),
  /** 启动应急预案: pauses the cutover. */
  'cutover.activateEmergency': returns<Emergency>()(z.object({ note: text(2000) })),
  'cutover.logEmergency': returns<Emergency>()(emergencyEventInput),
  /** Resumes the cutover: closes the emergency. */
  'cutover.resume': returns<Emergency>()(z.object({ emergencyId: id, note: optionalText(2000) })),
  'cutover.export': returns<CutoverExportFile>()(z.object({}).strict().default({})),
} as const;
