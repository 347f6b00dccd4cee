// Ward rounds (科室驻点, issue #14): a visit log per department (engineer, start, duration, people met,
// findings), a finding becomes a pilot issue in one step, follow-ups, and the rounding plan with
// "not visited for N days" flags.
import { z } from 'zod';
import { severities } from './issues.ts';
import { id, optionalId, optionalText, returns, text } from './schemas.ts';

export const defaultRoundInterval = 2;

export interface Finding {
  id: string;
  visitId: string;
  text: string;
  issueId: string | null;
  issueNumber: string | null;
  followUp: string | null;
  followUpOn: string | null;
  followedUpAt: string | null;
}

export interface VisitRow {
  id: string;
  departmentId: string;
  departmentName: string;
  engineerId: string | null;
  engineerName: string | null;
  startedAt: string;
  durationMinutes: number;
  peopleMet: string | null;
  notes: string | null;
  findings: Finding[];
}

export interface PlanRow {
  departmentId: string;
  departmentName: string;
  lastVisitAt: string | null;
  /** Working days (Mon–Fri) since the last visit, or since the plan began when never visited. */
  workingDaysSince: number | null;
  /** Not visited within the plan's interval. */
  overdue: boolean;
}

export interface RoundPlan {
  intervalDays: number;
  departments: PlanRow[];
}

const severity = z.enum(severities);

export const findingInput = z.object({
  text: text(1000),
  /** Make it a pilot issue at once, with this severity. */
  toIssue: severity.nullish(),
});

export const visitInput = z.object({
  departmentId: id,
  engineerId: optionalId,
  startedAt: z.iso.datetime({ offset: true }),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  peopleMet: optionalText(500),
  notes: optionalText(2000),
  findings: z.array(findingInput).max(50).default([]),
});
export type VisitInput = z.output<typeof visitInput>;

export const visitListInput = z
  .object({ departmentId: id.optional(), limit: z.number().int().min(1).max(2000).default(200) })
  .default({ limit: 200 });

export const wardVisitColumnSchemas = {
  id,
  departmentId: id,
  engineerId: id.nullable(),
  startedAt: z.iso.datetime(),
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  peopleMet: z.string().max(500).nullable(),
  notes: z.string().max(2000).nullable(),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
export const wardFindingColumnSchemas = {
  id,
  visitId: id,
  text: text(1000),
  issueId: id.nullable(),
  followUp: z.string().max(1000).nullable(),
  followUpOn: z.iso.date().nullable(),
  followedUpAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
export const wardRoundPlanColumnSchemas = {
  id,
  intervalDays: z.number().int().min(1).max(60),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const roundsContract = {
  'rounds.visits': returns<VisitRow[]>()(visitListInput),
  'rounds.logVisit': returns<VisitRow>()(visitInput),
  /** A finding becomes a pilot issue in the visited department, linked both ways. */
  'rounds.findingToIssue': returns<Finding>()(z.object({ findingId: id, severity })),
  'rounds.setFollowUp': returns<Finding>()(
    z.object({
      findingId: id,
      followUp: optionalText(1000),
      followUpOn: z.iso
        .date()
        .nullish()
        .transform((v) => v ?? null),
      done: z.boolean().default(false),
    }),
  ),
  'rounds.plan': returns<RoundPlan>()(z.object({}).strict().default({})),
  'rounds.setPlan': returns<RoundPlan>()(z.object({ intervalDays: z.number().int().min(1).max(60) })),
} as const;

export const roundsErrorCodes = ['rounds_finding_has_issue'] as const;
