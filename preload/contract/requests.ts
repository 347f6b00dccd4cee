// Requirement requests (需求申请, issue #15): tiers, workflow with history, review by named reviewers with
// a decision rule, the board, the 需求清单 import and export.
import { z } from 'zod';
import type { IssueImportField } from './issues.ts';
import { declinedMatches, uploadedSheet, type NameProposal, type RowProblem } from './reference.ts';
import { columnMapping, id, optionalId, optionalText, returns, text } from './schemas.ts';
import {
  requestTiers,
  requestPriorities,
  valueMeasures,
  requestStatuses,
  decisionStatuses,
  decisionRules,
  reviewVotes,
  type RequestTier,
  type RequestPriority,
  type ValueMeasure,
  type RequestStatus,
  type DecisionRule,
  type ReviewVote,
} from './values/requests.ts';
export * from './values/requests.ts';

/** The only moves of the workflow; approved / deferred / rejected come from a review decision. */
export const requestTransitions: Record<RequestStatus, readonly RequestStatus[]> = {
  submitted: ['under_review', 'rejected'],
  under_review: ['approved', 'deferred', 'rejected'],
  deferred: ['under_review'],
  rejected: [],
  approved: ['in_development'],
  in_development: ['piloted'],
  piloted: ['released'],
  released: ['verified'],
  verified: [],
};

export interface RequirementRequest {
  id: string;
  title: string;
  description: string | null;
  departmentId: string | null;
  requester: string | null;
  requestedOn: string | null;
  tier: RequestTier;
  priority: RequestPriority;
  valueMeasure: ValueMeasure | null;
  expectedValue: string | null;
  effortDays: number | null;
  status: RequestStatus;
  decisionRule: DecisionRule;
  decisionReason: string | null;
  decidedAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RequestRow extends RequirementRequest {
  departmentName: string | null;
  issueCount: number;
  votes: Tally;
}

export interface Tally {
  reviewers: number;
  approve: number;
  defer: number;
  reject: number;
  pending: number;
  /** Whether the rule lets the request be approved now. */
  approvable: boolean;
}

export interface RequestReview {
  id: string;
  reviewer: string;
  role: string | null;
  vote: ReviewVote | null;
  opinion: string | null;
  votedAt: string | null;
}

export interface RequestHistoryEntry {
  id: string;
  fromStatus: RequestStatus | null;
  toStatus: RequestStatus;
  actor: string | null;
  note: string | null;
  at: string;
}

export interface RequestDetail {
  request: RequestRow;
  reviews: RequestReview[];
  history: RequestHistoryEntry[];
  issues: { id: string; number: string; title: string; status: string }[];
  allowedTransitions: RequestStatus[];
}

export interface RequestBoard {
  /** Key `${tier}|${status}`: the requests in that cell, highest priority first. */
  cells: Record<string, RequestRow[]>;
  total: number;
}

const requestFilterShape = {
  tier: z.enum(requestTiers).optional(),
  status: z.enum(requestStatuses).optional(),
  departmentId: id.optional(),
  priority: z.enum(requestPriorities).optional(),
  includeArchived: z.boolean().default(false),
};
export const requestFilter = z.object(requestFilterShape).default({ includeArchived: false });
export type RequestFilter = z.output<typeof requestFilter>;

export const requestInput = z.object({
  title: text(200),
  description: optionalText(4000),
  departmentId: optionalId,
  requester: optionalText(64),
  requestedOn: z.iso
    .date()
    .nullish()
    .transform((v) => v ?? null),
  tier: z.enum(requestTiers),
  priority: z.enum(requestPriorities).default('medium'),
  valueMeasure: z
    .enum(valueMeasures)
    .nullish()
    .transform((v) => v ?? null),
  expectedValue: optionalText(500),
  effortDays: z
    .number()
    .min(0)
    .max(10000)
    .nullish()
    .transform((v) => v ?? null),
  decisionRule: z.enum(decisionRules).default('majority'),
});
export type RequestInput = z.output<typeof requestInput>;

export const voteInput = z.object({
  reviewId: id,
  vote: z.enum(reviewVotes),
  opinion: optionalText(2000),
});
export type VoteInput = z.output<typeof voteInput>;

export interface RequestImportPreview {
  kind: 'requests';
  /** Department names the project lacks: filed under a close one, or created (issue #12). */
  departments: NameProposal[];
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  headerRow: number;
  columns: string[];
  fields: IssueImportField[];
  mapping: Record<string, number | null>;
  /** The first data rows as read, for the mapping preview. */
  sample: string[][];
  totalRows: number;
  missingRequired: string[];
  problems: RowProblem[];
  validRows: number;
  /** Rows already imported (same title, department and description): never imported twice. */
  alreadyImported: number;
}

export interface RequestImportResult {
  /** What happened to the names the project lacked (matched to a close one, or created). */
  departments: NameProposal[];
  imported: number;
  alreadyImported: number;
  skipped: RowProblem[];
}

export interface RequestExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

const importFile = uploadedSheet;

/** A synced change's value per column of the requests tables (sync checks every column against these). */
const iso = z.string().max(40);
const nullableText = (max: number) => z.string().max(max).nullable();
export const requirementRequestColumnSchemas = {
  id,
  title: z.string().max(200),
  description: nullableText(4000),
  departmentId: id.nullable(),
  requester: nullableText(64),
  requestedOn: z.iso.date().nullable(),
  tier: z.enum(requestTiers),
  priority: z.enum(requestPriorities),
  valueMeasure: z.enum(valueMeasures).nullable(),
  expectedValue: nullableText(500),
  effortDays: z.number().min(0).max(10000).nullable(),
  status: z.enum(requestStatuses),
  decisionRule: z.enum(decisionRules),
  decisionReason: nullableText(2000),
  decidedAt: iso.nullable(),
  importKey: nullableText(128),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};
export const requirementRequestIssueColumnSchemas = {
  id,
  requestId: id,
  issueId: id,
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};
export const requirementHistoryColumnSchemas = {
  id,
  requestId: id,
  fromStatus: z.enum(requestStatuses).nullable(),
  toStatus: z.enum(requestStatuses),
  actor: nullableText(64),
  note: nullableText(2000),
  at: iso,
  createdAt: iso,
  updatedAt: iso,
};
export const requirementReviewColumnSchemas = {
  id,
  requestId: id,
  reviewer: z.string().max(64),
  role: nullableText(64),
  vote: z.enum(reviewVotes).nullable(),
  opinion: nullableText(2000),
  votedAt: iso.nullable(),
  archivedAt: iso.nullable(),
  createdAt: iso,
  updatedAt: iso,
};

export const requestsContract = {
  'requests.list': returns<RequestRow[]>()(requestFilter),
  'requests.board': returns<RequestBoard>()(requestFilter),
  'requests.get': returns<RequestDetail>()(z.object({ id })),
  'requests.create': returns<RequirementRequest>()(requestInput),
  'requests.update': returns<RequirementRequest>()(requestInput.extend({ id })),
  'requests.archive': returns<RequirementRequest>()(z.object({ id, archived: z.boolean() })),
  /** A pilot issue becomes a request in one step, linked both ways. */
  'requests.fromIssue': returns<RequirementRequest>()(
    z.object({ issueId: id, tier: z.enum(requestTiers).default('basic') }),
  ),
  'requests.forIssue': returns<{ id: string; title: string; status: RequestStatus }[]>()(
    z.object({ issueId: id }),
  ),
  'requests.linkIssue': returns<RequestDetail>()(z.object({ id, issueId: id, linked: z.boolean() })),
  'requests.transition': returns<RequirementRequest>()(
    z.object({ id, to: z.enum(requestStatuses), note: optionalText(2000) }),
  ),
  'requests.addReviewer': returns<RequestReview>()(
    z.object({ id, reviewer: text(64), role: optionalText(64) }),
  ),
  'requests.removeReviewer': returns<{ id: string }>()(z.object({ reviewId: id })),
  'requests.vote': returns<RequestReview>()(voteInput),
  /** The decision of the review (approved / deferred / rejected) with its reasons. */
  'requests.decide': returns<RequirementRequest>()(
    z.object({ id, decision: z.enum(decisionStatuses), reason: text(2000) }),
  ),
  'requests.previewImport': returns<RequestImportPreview>()(
    importFile.extend({ mapping: columnMapping.optional(), declinedMatches: declinedMatches.optional() }),
  ),
  'requests.commitImport': returns<RequestImportResult>()(
    importFile.extend({ mapping: columnMapping, declinedMatches: declinedMatches.optional() }),
  ),
  'requests.export': returns<RequestExportFile>()(requestFilter),
} as const;
