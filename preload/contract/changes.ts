// Change control (变更控制, issue #15): change records, risk = likelihood × impact, approvers under a rule
// (one rejection returns the change to draft), sign-off, freeze windows needing an emergency approval,
// and the decision log.
import { z } from 'zod';
import { decisionRules, type DecisionRule } from './requests.ts';
import { id, optionalText, returns, text } from './schemas.ts';
import {
  changeKinds,
  changeStatuses,
  approverVotes,
  changeActions,
  type ChangeKind,
  type ChangeStatus,
  type ApproverVote,
  type ChangeAction,
  type RiskLevel,
} from './values/changes.ts';
export * from './values/changes.ts';

export interface ChangeRecord {
  id: string;
  title: string;
  kind: ChangeKind;
  reason: string;
  impactScope: string | null;
  impactCost: string | null;
  impactSchedule: string | null;
  likelihood: number;
  impact: number;
  backoutPlan: string | null;
  plannedAt: string | null;
  status: ChangeStatus;
  rule: DecisionRule;
  round: number;
  inFreeze: boolean;
  emergencyApprovedBy: string | null;
  emergencyApprovedAt: string | null;
  emergencyReason: string | null;
  signedOffBy: string | null;
  signedOffAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ChangeRow extends ChangeRecord {
  risk: number;
  riskLevel: RiskLevel;
  approvers: number;
  approvals: number;
  /** Inside a freeze window without its emergency approval yet. */
  needsEmergencyApproval: boolean;
}

export interface ChangeApprover {
  id: string;
  name: string;
  /** The vote in the current round (earlier rounds' votes do not count). */
  vote: ApproverVote | null;
  comment: string | null;
  votedAt: string | null;
}

export interface ChangeDecision {
  id: string;
  action: ChangeAction;
  actor: string | null;
  note: string | null;
  round: number;
  at: string;
}

export interface ChangeDetail {
  change: ChangeRow;
  approvers: ChangeApprover[];
  log: ChangeDecision[];
  requests: { id: string; title: string }[];
  issues: { id: string; number: string; title: string }[];
  /** Freeze windows the planned time (or now) falls in. */
  freezes: FreezeWindow[];
}

export interface FreezeWindow {
  id: string;
  name: string;
  startsAt: string;
  endsAt: string;
  archivedAt: string | null;
}

const score = z.number().int().min(1).max(5);
const instant = z.iso.datetime({ offset: true });

export const changeInput = z.object({
  title: text(200),
  kind: z.enum(changeKinds),
  reason: text(2000),
  impactScope: optionalText(2000),
  impactCost: optionalText(2000),
  impactSchedule: optionalText(2000),
  likelihood: score,
  impact: score,
  backoutPlan: optionalText(4000),
  plannedAt: instant.nullish().transform((v) => v ?? null),
  rule: z.enum(decisionRules).default('all'),
  approvers: z.array(text(64)).max(20).default([]),
  requestIds: z.array(id).max(50).default([]),
  issueIds: z.array(id).max(50).default([]),
});
export type ChangeInput = z.output<typeof changeInput>;

export const freezeInput = z
  .object({ name: text(100), startsAt: instant, endsAt: instant })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), 'the window ends before it starts');
export type FreezeInput = z.output<typeof freezeInput>;

export interface ChangeExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

const iso = z.string().max(40);
const nullableText = (max: number) => z.string().max(max).nullable();
export const changeRecordColumnSchemas = {
  id,
  title: z.string().max(200),
  kind: z.enum(changeKinds),
  reason: z.string().max(2000),
  impactScope: nullableText(2000),
  impactCost: nullableText(2000),
  impactSchedule: nullableText(2000),
  likelihood: score,
  impact: score,
  backoutPlan: nullableText(4000),
  plannedAt: iso.nullable(),
  status: z.enum(changeStatuses),
  rule: z.enum(decisionRules),
  round: z.number().int().min(0),
  // As stored: SQLite keeps the boolean as 0 or 1.
  inFreeze: z.union([z.literal(0), z.literal(1)]),
  emergencyApprovedBy: nullableText(64),
  emergencyApprovedAt: iso.nullable(),
  emergencyReason: nullableText(2000),
  signedOffBy: nullableText(64),
  signedOffAt: iso.nullable(),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};
export const changeApproverColumnSchemas = {
  id,
  changeId: id,
  name: z.string().max(64),
  vote: z.enum(approverVotes).nullable(),
  votedRound: z.number().int().min(0).nullable(),
  comment: nullableText(2000),
  votedAt: iso.nullable(),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};
export const changeLinkColumnSchemas = {
  id,
  changeId: id,
  requestId: id.nullable(),
  issueId: id.nullable(),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};
export const changeDecisionColumnSchemas = {
  id,
  changeId: id,
  action: z.enum(changeActions),
  actor: nullableText(64),
  note: nullableText(2000),
  round: z.number().int().min(0),
  at: iso,
  createdAt: iso,
  updatedAt: iso,
};
export const freezeWindowColumnSchemas = {
  id,
  name: z.string().max(100),
  startsAt: iso,
  endsAt: iso,
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};

export const changesContract = {
  'changes.list': returns<ChangeRow[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'changes.get': returns<ChangeDetail>()(z.object({ id })),
  'changes.create': returns<ChangeRecord>()(changeInput),
  'changes.update': returns<ChangeRecord>()(changeInput.extend({ id })),
  'changes.submit': returns<ChangeRecord>()(z.object({ id })),
  'changes.vote': returns<ChangeRecord>()(
    z.object({ approverId: id, vote: z.enum(approverVotes), comment: optionalText(2000) }),
  ),
  'changes.emergencyApprove': returns<ChangeRecord>()(z.object({ id, name: text(64), reason: text(2000) })),
  'changes.signOff': returns<ChangeRecord>()(z.object({ id, name: text(64) })),
  'changes.implement': returns<ChangeRecord>()(z.object({ id })),
  'changes.cancel': returns<ChangeRecord>()(z.object({ id, note: optionalText(2000) })),
  'changes.freezes': returns<FreezeWindow[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).default({ includeArchived: false }),
  ),
  'changes.createFreeze': returns<FreezeWindow>()(freezeInput),
  'changes.archiveFreeze': returns<FreezeWindow>()(z.object({ id, archived: z.boolean() })),
  'changes.export': returns<ChangeExportFile>()(z.object({}).strict().default({})),
} as const;
