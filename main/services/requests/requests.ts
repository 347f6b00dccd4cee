// Requirement requests (需求申请, issue #15): the workflow with its history, review by named reviewers under
// a decision rule, the board by tier × status, and a pilot issue converted in one step (linked both ways:
// the link row is read from either side). All writes go through records.ts (the tables replicate).
import { and, asc, eq, isNull } from 'drizzle-orm';
import {
  department,
  pilotIssue,
  requirementHistory,
  requirementRequest,
  requirementRequestIssue,
  requirementReview,
} from '#db/schema.ts';
import {
  decisionStatuses,
  requestPriorities,
  requestTransitions,
  type DecisionRule,
  type DecisionStatus,
  type RequestBoard,
  type RequestDetail,
  type RequestFilter,
  type RequestInput,
  type RequestReview,
  type RequestRow,
  type RequestStatus,
  type RequestTier,
  type RequirementRequest,
  type Tally,
  type VoteInput,
} from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { getLocale, operatorName } from '#services/core/settings.ts';
import { translator } from '#contract/i18n/index.ts';

type RequestRecord = typeof requirementRequest.$inferSelect;

const toRequest = ({ importKey: _k, ...row }: RequestRecord): RequirementRequest => row;

/** A workflow word in the user's language, for error messages. */
const word = (ctx: Ctx, key: string) => translator(getLocale(ctx))(key);
const statusWord = (ctx: Ctx, status: string) => word(ctx, `requests.statuses.${status}`);

/** Whether the workflow allows `from → to` at all (decisions also need the rule, see decide()). */
export const canMove = (from: RequestStatus, to: RequestStatus) => requestTransitions[from].includes(to);

/**
 * The votes against the rule: `all` approves when every reviewer approved, `majority` when more than half
 * of the reviewers approved (not voting counts against).
 */
export function tally(rule: DecisionRule, votes: (string | null)[]): Tally {
  const count = (v: string) => votes.filter((x) => x === v).length;
  const reviewers = votes.length;
  const approve = count('approve');
  const approvable = reviewers > 0 && (rule === 'all' ? approve === reviewers : approve * 2 > reviewers);
  return {
    reviewers,
    approve,
    defer: count('defer'),
    reject: count('reject'),
    pending: votes.filter((v) => v === null).length,
    approvable,
  };
}

function liveReviews(ctx: Ctx, requestId?: string) {
  return ctx.db
    .select()
    .from(requirementReview)
    .where(
      and(
        isNull(requirementReview.archivedAt),
        requestId ? eq(requirementReview.requestId, requestId) : undefined,
      ),
    )
    .orderBy(asc(requirementReview.createdAt), asc(requirementReview.id))
    .all();
}

function liveLinks(ctx: Ctx, where: { requestId?: string; issueId?: string }) {
  return ctx.db
    .select()
    .from(requirementRequestIssue)
    .where(
      and(
        isNull(requirementRequestIssue.archivedAt),
        where.requestId ? eq(requirementRequestIssue.requestId, where.requestId) : undefined,
        where.issueId ? eq(requirementRequestIssue.issueId, where.issueId) : undefined,
      ),
    )
    .all();
}

function recordHistory(
  ctx: Ctx,
  requestId: string,
  from: RequestStatus | null,
  to: RequestStatus,
  note: string | null,
) {
  insertRecord(ctx, requirementHistory, {
    requestId,
    fromStatus: from,
    toStatus: to,
    actor: operatorName(ctx),
    note,
    at: ctx.now().toISOString(),
  });
}

function assertDepartment(ctx: Ctx, departmentId: string | null) {
  if (departmentId) getRecord(ctx, department, departmentId);
}

export function createRequest(
  ctx: Ctx,
  input: RequestInput,
  extra: { status?: RequestStatus; importKey?: string | null; issueIds?: string[] } = {},
): RequirementRequest {
  assertDepartment(ctx, input.departmentId);
  return inTransaction(ctx, () => {
    const status = extra.status ?? 'submitted';
    const row = insertRecord(ctx, requirementRequest, {
      ...input,
      status,
      decisionReason: null,
      decidedAt: null,
      importKey: extra.importKey ?? null,
      archivedAt: null,
    });
    recordHistory(ctx, row.id, null, status, null);
    for (const issueId of extra.issueIds ?? []) {
      getRecord(ctx, pilotIssue, issueId);
      insertRecord(ctx, requirementRequestIssue, { requestId: row.id, issueId, archivedAt: null });
    }
    return toRequest(row);
  });
}

export function updateRequest(ctx: Ctx, id: string, input: RequestInput): RequirementRequest {
  getRecord(ctx, requirementRequest, id);
  assertDepartment(ctx, input.departmentId);
  return toRequest(updateRecord(ctx, requirementRequest, id, input));
}

export function archiveRequest(ctx: Ctx, id: string, archived: boolean): RequirementRequest {
  return toRequest(archiveRecord(ctx, requirementRequest, id, archived) as RequestRecord);
}

/** A pilot issue (usually a 需求变更) as a request in one step: its title, description and department, linked. */
export function requestFromIssue(ctx: Ctx, issueId: string, tier: RequestTier): RequirementRequest {
  const issue = getRecord(ctx, pilotIssue, issueId);
  const existing = liveLinks(ctx, { issueId })[0];
  if (existing) return toRequest(getRecord(ctx, requirementRequest, existing.requestId));
  const description = [issue.description, `${issue.number} · ${issue.title}`].filter(Boolean).join('\n\n');
  return createRequest(
    ctx,
    {
      title: issue.title.slice(0, 200),
      description: description.slice(0, 4000),
      departmentId: issue.departmentId,
      requester: null,
      requestedOn: null,
      tier,
      priority: issue.severity === 'P1' || issue.severity === 'P2' ? 'high' : 'medium',
      valueMeasure: null,
      expectedValue: null,
      effortDays: null,
      decisionRule: 'majority',
    },
    { issueIds: [issueId] },
  );
}

/** The requests an issue is linked to (the issue side of the link). */
export function requestsForIssue(ctx: Ctx, issueId: string) {
  return liveLinks(ctx, { issueId })
    .map((l) => getRecord(ctx, requirementRequest, l.requestId))
    .map((r) => ({ id: r.id, title: r.title, status: r.status }));
}

export function linkIssue(ctx: Ctx, id: string, issueId: string, linked: boolean): RequestDetail {
  getRecord(ctx, requirementRequest, id);
  getRecord(ctx, pilotIssue, issueId);
  inTransaction(ctx, () => {
    const live = liveLinks(ctx, { requestId: id, issueId });
    if (linked && live.length === 0) {
      insertRecord(ctx, requirementRequestIssue, { requestId: id, issueId, archivedAt: null });
    }
    if (!linked) for (const l of live) archiveRecord(ctx, requirementRequestIssue, l.id, true);
  });
  return getRequestDetail(ctx, id);
}

/** Moves a request along the workflow; a move the workflow does not have is refused and nothing changes. */
export function transitionRequest(
  ctx: Ctx,
  input: { id: string; to: RequestStatus; note: string | null },
): RequirementRequest {
  const current = getRecord(ctx, requirementRequest, input.id);
  if (current.status === 'under_review' && (decisionStatuses as readonly string[]).includes(input.to)) {
    return decideRequest(ctx, {
      id: input.id,
      decision: input.to as DecisionStatus,
      reason: input.note ?? '',
    });
  }
  if (!canMove(current.status, input.to)) {
    throw new AppError('requests_illegal_transition', {
      from: statusWord(ctx, current.status),
      to: statusWord(ctx, input.to),
    });
  }
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, requirementRequest, input.id, { status: input.to });
    recordHistory(ctx, input.id, current.status, input.to, input.note);
    return toRequest(row);
  });
}

export function addReviewer(
  ctx: Ctx,
  input: { id: string; reviewer: string; role: string | null },
): RequestReview {
  getRecord(ctx, requirementRequest, input.id);
  const row = insertRecord(ctx, requirementReview, {
    requestId: input.id,
    reviewer: input.reviewer,
    role: input.role,
    vote: null,
    opinion: null,
    votedAt: null,
    archivedAt: null,
  });
  return toReview(row);
}

export function removeReviewer(ctx: Ctx, reviewId: string): { id: string } {
  archiveRecord(ctx, requirementReview, reviewId, true);
  return { id: reviewId };
}

const toReview = (r: typeof requirementReview.$inferSelect): RequestReview => ({
  id: r.id,
  reviewer: r.reviewer,
  role: r.role,
  vote: r.vote,
  opinion: r.opinion,
  votedAt: r.votedAt,
});

/** A reviewer's vote and opinion; only while the request is under review. */
export function vote(ctx: Ctx, input: VoteInput): RequestReview {
  const review = getRecord(ctx, requirementReview, input.reviewId);
  const request = getRecord(ctx, requirementRequest, review.requestId);
  if (request.status !== 'under_review') throw new AppError('requests_not_under_review');
  const row = updateRecord(ctx, requirementReview, review.id, {
    vote: input.vote,
    opinion: input.opinion ?? review.opinion,
    votedAt: ctx.now().toISOString(),
  });
  return toReview(row);
}

/** The review's decision with its reasons: approval only when the votes meet the rule. */
export function decideRequest(
  ctx: Ctx,
  input: { id: string; decision: DecisionStatus; reason: string },
): RequirementRequest {
  const request = getRecord(ctx, requirementRequest, input.id);
  if (request.status !== 'under_review') {
    throw new AppError('requests_illegal_transition', {
      from: statusWord(ctx, request.status),
      to: statusWord(ctx, input.decision),
    });
  }
  const reviews = liveReviews(ctx, input.id);
  if (input.decision === 'approved') {
    if (reviews.length === 0) throw new AppError('requests_no_reviewers');
    const t = tally(
      request.decisionRule,
      reviews.map((r) => r.vote),
    );
    if (!t.approvable) {
      throw new AppError('requests_rule_not_met', {
        rule: word(ctx, `requests.rules.${request.decisionRule}`),
        approve: t.approve,
        reviewers: t.reviewers,
      });
    }
  }
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, requirementRequest, input.id, {
      status: input.decision,
      decisionReason: input.reason || null,
      decidedAt: ctx.now().toISOString(),
    });
    recordHistory(ctx, input.id, request.status, input.decision, input.reason || null);
    return toRequest(row);
  });
}

const priorityRank = (p: string) => requestPriorities.indexOf(p as (typeof requestPriorities)[number]);

/** Requests matching the filter, highest priority first, then newest. */
export function listRequests(ctx: Ctx, filter: RequestFilter): RequestRow[] {
  const rows = ctx.db
    .select()
    .from(requirementRequest)
    .where(
      and(
        filter.includeArchived ? undefined : isNull(requirementRequest.archivedAt),
        filter.tier ? eq(requirementRequest.tier, filter.tier) : undefined,
        filter.status ? eq(requirementRequest.status, filter.status) : undefined,
        filter.departmentId ? eq(requirementRequest.departmentId, filter.departmentId) : undefined,
        filter.priority ? eq(requirementRequest.priority, filter.priority) : undefined,
      ),
    )
    .all();
  const departments = new Map(
    ctx.db
      .select({ id: department.id, name: department.name })
      .from(department)
      .all()
      .map((d) => [d.id, d.name]),
  );
  const votes = new Map<string, (string | null)[]>();
  for (const r of liveReviews(ctx)) votes.set(r.requestId, [...(votes.get(r.requestId) ?? []), r.vote]);
  const issues = new Map<string, number>();
  for (const l of liveLinks(ctx, {})) issues.set(l.requestId, (issues.get(l.requestId) ?? 0) + 1);
  return rows
    .map((r) => ({
      ...toRequest(r),
      departmentName: r.departmentId ? (departments.get(r.departmentId) ?? null) : null,
      issueCount: issues.get(r.id) ?? 0,
      votes: tally(r.decisionRule, votes.get(r.id) ?? []),
    }))
    .sort(
      (a, b) =>
        priorityRank(a.priority) - priorityRank(b.priority) ||
        b.createdAt.localeCompare(a.createdAt) ||
        a.id.localeCompare(b.id),
    );
}

export function requestBoard(ctx: Ctx, filter: RequestFilter): RequestBoard {
  const cells: Record<string, RequestRow[]> = {};
  const rows = listRequests(ctx, filter);
  for (const r of rows) (cells[`${r.tier}|${r.status}`] ??= []).push(r);
  return { cells, total: rows.length };
}

export function getRequestDetail(ctx: Ctx, id: string): RequestDetail {
  const record = getRecord(ctx, requirementRequest, id);
  const row = listRequests(ctx, { includeArchived: true }).find((r) => r.id === id)!;
  const history = ctx.db
    .select()
    .from(requirementHistory)
    .where(eq(requirementHistory.requestId, id))
    .orderBy(asc(requirementHistory.at), asc(requirementHistory.id))
    .all()
    .map(({ requestId: _r, createdAt: _c, updatedAt: _u, ...h }) => h);
  const issues = liveLinks(ctx, { requestId: id }).map((l) => {
    const issue = getRecord(ctx, pilotIssue, l.issueId);
    return { id: issue.id, number: issue.number, title: issue.title, status: issue.status };
  });
  const allowed = requestTransitions[record.status].filter(
    (to) => record.status !== 'under_review' || to !== 'approved' || row.votes.approvable,
  );
  return {
    request: row,
    reviews: liveReviews(ctx, id).map(toReview),
    history,
    issues,
    allowedTransitions: [...allowed],
  };
}
