// Change control (变更控制, issue #15). A change is raised as a draft, submitted to its approvers (a new
// round), approved when the votes meet its rule (all, or a majority) — one rejection returns it to draft —
// then signed off by leadership and implemented. A change planned inside a freeze window also needs an
// emergency approval. Every step is written to the decision log. All tables replicate (records.ts).
import { and, asc, eq, isNull } from 'drizzle-orm';
import {
  changeApprover,
  changeDecision,
  changeLink,
  changeRecord,
  freezeWindow,
  pilotIssue,
  requirementRequest,
} from '#db/schema.ts';
import type {
  ChangeAction,
  ChangeDetail,
  ChangeInput,
  ChangeRecord,
  ChangeRow,
  FreezeInput,
  FreezeWindow,
  RiskLevel,
} from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { operatorName } from '#services/core/settings.ts';

type ChangeRecordRow = typeof changeRecord.$inferSelect;
type ApproverRow = typeof changeApprover.$inferSelect;

/** Risk = likelihood × impact, each 1–5. */
export const riskScore = (likelihood: number, impact: number) => likelihood * impact;

/** 1–4 low, 5–9 medium, 10–16 high, 20–25 critical (the usual 5 × 5 matrix bands). */
export function riskLevel(score: number): RiskLevel {
  if (score >= 20) return 'critical';
  if (score >= 10) return 'high';
  if (score >= 5) return 'medium';
  return 'low';
}

const toFreeze = (r: typeof freezeWindow.$inferSelect): FreezeWindow => ({
  id: r.id,
  name: r.name,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  archivedAt: r.archivedAt,
});

export function listFreezes(ctx: Ctx, { includeArchived = false } = {}): FreezeWindow[] {
  return ctx.db
    .select()
    .from(freezeWindow)
    .where(includeArchived ? undefined : isNull(freezeWindow.archivedAt))
    .orderBy(asc(freezeWindow.startsAt), asc(freezeWindow.id))
    .all()
    .map(toFreeze);
}

export function createFreeze(ctx: Ctx, input: FreezeInput): FreezeWindow {
  return toFreeze(
    insertRecord(ctx, freezeWindow, {
      name: input.name,
      startsAt: new Date(input.startsAt).toISOString(),
      endsAt: new Date(input.endsAt).toISOString(),
      archivedAt: null,
    }),
  );
}

export function archiveFreeze(ctx: Ctx, id: string, archived: boolean): FreezeWindow {
  return toFreeze(archiveRecord(ctx, freezeWindow, id, archived));
}

/** The live freeze windows containing `at` (start inclusive, end exclusive). */
export function freezesAt(ctx: Ctx, at: Date): FreezeWindow[] {
  const t = at.getTime();
  return listFreezes(ctx).filter((f) => Date.parse(f.startsAt) <= t && t < Date.parse(f.endsAt));
}

/** When a change takes effect: its planned time, or now if it has none. */
const effectiveAt = (ctx: Ctx, change: Pick<ChangeRecordRow, 'plannedAt'>) =>
  change.plannedAt ? new Date(change.plannedAt) : ctx.now();

function log(ctx: Ctx, change: ChangeRecordRow, action: ChangeAction, note: string | null, actor?: string) {
  insertRecord(ctx, changeDecision, {
    changeId: change.id,
    action,
    actor: actor ?? operatorName(ctx),
    note,
    round: change.round,
    at: ctx.now().toISOString(),
  });
}

function liveApprovers(ctx: Ctx, changeId?: string): ApproverRow[] {
  return ctx.db
    .select()
    .from(changeApprover)
    .where(
      and(isNull(changeApprover.archivedAt), changeId ? eq(changeApprover.changeId, changeId) : undefined),
    )
    .orderBy(asc(changeApprover.createdAt), asc(changeApprover.id))
    .all();
}

/** An approver's vote counts only in the round it was cast in. */
const currentVote = (a: ApproverRow, round: number) => (a.votedRound === round ? a.vote : null);

function liveLinks(ctx: Ctx, changeId: string) {
  return ctx.db
    .select()
    .from(changeLink)
    .where(and(eq(changeLink.changeId, changeId), isNull(changeLink.archivedAt)))
    .all();
}

const toChange = (r: ChangeRecordRow): ChangeRecord => r;

function toRow(ctx: Ctx, r: ChangeRecordRow, approvers: ApproverRow[]): ChangeRow {
  const risk = riskScore(r.likelihood, r.impact);
  const frozen = r.status !== 'draft' ? r.inFreeze : freezesAt(ctx, effectiveAt(ctx, r)).length > 0;
  return {
    ...toChange(r),
    risk,
    riskLevel: riskLevel(risk),
    approvers: approvers.length,
    approvals: approvers.filter((a) => currentVote(a, r.round) === 'approve').length,
    needsEmergencyApproval:
      frozen && !r.emergencyApprovedAt && r.status !== 'implemented' && r.status !== 'cancelled',
  };
}

function assertLinks(ctx: Ctx, input: ChangeInput) {
  for (const id of input.requestIds) getRecord(ctx, requirementRequest, id);
  for (const id of input.issueIds) getRecord(ctx, pilotIssue, id);
}

const fieldsOf = ({ approvers: _a, requestIds: _r, issueIds: _i, ...fields }: ChangeInput) => ({
  ...fields,
  plannedAt: fields.plannedAt ? new Date(fields.plannedAt).toISOString() : null,
});

function syncApprovers(ctx: Ctx, changeId: string, names: string[]) {
  const live = liveApprovers(ctx, changeId);
  const wanted = [...new Set(names)];
  for (const a of live) if (!wanted.includes(a.name)) archiveRecord(ctx, changeApprover, a.id, true);
  for (const name of wanted) {
    if (live.some((a) => a.name === name)) continue;
    insertRecord(ctx, changeApprover, {
      changeId,
      name,
      vote: null,
      votedRound: null,
      comment: null,
      votedAt: null,
      archivedAt: null,
    });
  }
}

function syncLinks(ctx: Ctx, changeId: string, input: ChangeInput) {
  const live = liveLinks(ctx, changeId);
  for (const l of live) {
    const keep = l.requestId ? input.requestIds.includes(l.requestId) : input.issueIds.includes(l.issueId!);
    if (!keep) archiveRecord(ctx, changeLink, l.id, true);
  }
  for (const requestId of new Set(input.requestIds)) {
    if (!live.some((l) => l.requestId === requestId))
      insertRecord(ctx, changeLink, { changeId, requestId, issueId: null, archivedAt: null });
  }
  for (const issueId of new Set(input.issueIds)) {
    if (!live.some((l) => l.issueId === issueId))
      insertRecord(ctx, changeLink, { changeId, requestId: null, issueId, archivedAt: null });
  }
}

export function createChange(ctx: Ctx, input: ChangeInput): ChangeRecord {
  assertLinks(ctx, input);
  return inTransaction(ctx, () => {
    const row = insertRecord(ctx, changeRecord, {
      ...fieldsOf(input),
      status: 'draft',
      round: 0,
      inFreeze: false,
      emergencyApprovedBy: null,
      emergencyApprovedAt: null,
      emergencyReason: null,
      signedOffBy: null,
      signedOffAt: null,
      archivedAt: null,
    });
    syncApprovers(ctx, row.id, input.approvers);
    syncLinks(ctx, row.id, input);
    log(ctx, row, 'created', null);
    return toChange(row);
  });
}

export function updateChange(ctx: Ctx, id: string, input: ChangeInput): ChangeRecord {
  const current = getRecord(ctx, changeRecord, id);
  if (current.status !== 'draft') throw new AppError('changes_not_draft');
  assertLinks(ctx, input);
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, changeRecord, id, fieldsOf(input));
    syncApprovers(ctx, id, input.approvers);
    syncLinks(ctx, id, input);
    return toChange(row);
  });
}

/**
 * Submits a draft to its approvers: a new round (earlier votes no longer count). Planned inside a freeze
 * window (or now, when it has no planned time), it is marked as needing an emergency approval.
 */
export function submitChange(ctx: Ctx, id: string): ChangeRecord {
  const current = getRecord(ctx, changeRecord, id);
  if (current.status !== 'draft') throw new AppError('changes_not_draft');
  if (liveApprovers(ctx, id).length === 0) throw new AppError('changes_no_approvers');
  const frozen = freezesAt(ctx, effectiveAt(ctx, current));
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, changeRecord, id, {
      status: 'submitted',
      round: current.round + 1,
      inFreeze: frozen.length > 0,
      emergencyApprovedBy: null,
      emergencyApprovedAt: null,
      emergencyReason: null,
    });
    log(ctx, row, 'submitted', frozen.length ? frozen.map((f) => f.name).join(', ') : null);
    return settle(ctx, row);
  });
}

/**
 * Applies the rule to the current round: one rejection returns the change to draft; enough approvals
 * (every approver for `all`, more than half for `majority`) approve it — once the emergency approval is
 * there when it is in a freeze window.
 */
function settle(ctx: Ctx, change: ChangeRecordRow): ChangeRecord {
  if (change.status !== 'submitted') return toChange(change);
  const approvers = liveApprovers(ctx, change.id);
  const votes = approvers.map((a) => currentVote(a, change.round));
  if (votes.includes('reject')) {
    const row = updateRecord(ctx, changeRecord, change.id, { status: 'draft' });
    log(ctx, row, 'returned_to_draft', null);
    return toChange(row);
  }
  const approve = votes.filter((v) => v === 'approve').length;
  const met =
    approvers.length > 0 &&
    (change.rule === 'all' ? approve === approvers.length : approve * 2 > approvers.length);
  if (met && (!change.inFreeze || change.emergencyApprovedAt)) {
    const row = updateRecord(ctx, changeRecord, change.id, { status: 'approved' });
    log(ctx, row, 'approved', null);
    return toChange(row);
  }
  return toChange(change);
}

export function voteChange(
  ctx: Ctx,
  input: { approverId: string; vote: 'approve' | 'reject'; comment: string | null },
): ChangeRecord {
  const approver = getRecord(ctx, changeApprover, input.approverId);
  const change = getRecord(ctx, changeRecord, approver.changeId);
  if (change.status !== 'submitted') throw new AppError('changes_not_submitted');
  return inTransaction(ctx, () => {
    updateRecord(ctx, changeApprover, approver.id, {
      vote: input.vote,
      votedRound: change.round,
      comment: input.comment,
      votedAt: ctx.now().toISOString(),
    });
    log(
      ctx,
      change,
      input.vote === 'approve' ? 'voted_approve' : 'voted_reject',
      input.comment,
      approver.name,
    );
    return settle(ctx, getRecord(ctx, changeRecord, change.id));
  });
}

/** The emergency approval a change in a freeze window needs (who, why, when). */
export function emergencyApprove(
  ctx: Ctx,
  input: { id: string; name: string; reason: string },
): ChangeRecord {
  const change = getRecord(ctx, changeRecord, input.id);
  if (change.status !== 'submitted') throw new AppError('changes_not_submitted');
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, changeRecord, input.id, {
      emergencyApprovedBy: input.name,
      emergencyApprovedAt: ctx.now().toISOString(),
      emergencyReason: input.reason,
    });
    log(ctx, row, 'emergency_approved', input.reason, input.name);
    return settle(ctx, row);
  });
}

export function signOff(ctx: Ctx, input: { id: string; name: string }): ChangeRecord {
  const change = getRecord(ctx, changeRecord, input.id);
  if (change.status !== 'approved') throw new AppError('changes_not_approved');
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, changeRecord, input.id, {
      signedOffBy: input.name,
      signedOffAt: ctx.now().toISOString(),
    });
    log(ctx, row, 'signed_off', null, input.name);
    return toChange(row);
  });
}

export function implementChange(ctx: Ctx, id: string): ChangeRecord {
  const change = getRecord(ctx, changeRecord, id);
  if (change.status !== 'approved') throw new AppError('changes_not_approved');
  if (!change.signedOffAt) throw new AppError('changes_needs_sign_off');
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, changeRecord, id, { status: 'implemented' });
    log(ctx, row, 'implemented', null);
    return toChange(row);
  });
}

export function cancelChange(ctx: Ctx, id: string, note: string | null): ChangeRecord {
  const change = getRecord(ctx, changeRecord, id);
  if (change.status === 'implemented') throw new AppError('changes_not_draft');
  return inTransaction(ctx, () => {
    const row = updateRecord(ctx, changeRecord, id, { status: 'cancelled' });
    log(ctx, row, 'cancelled', note);
    return toChange(row);
  });
}

export function listChanges(ctx: Ctx, { includeArchived = false } = {}): ChangeRow[] {
  const approvers = new Map<string, ApproverRow[]>();
  for (const a of liveApprovers(ctx)) approvers.set(a.changeId, [...(approvers.get(a.changeId) ?? []), a]);
  return ctx.db
    .select()
    .from(changeRecord)
    .where(includeArchived ? undefined : isNull(changeRecord.archivedAt))
    .orderBy(asc(changeRecord.createdAt), asc(changeRecord.id))
    .all()
    .toReversed()
    .map((r) => toRow(ctx, r, approvers.get(r.id) ?? []));
}

export function getChangeDetail(ctx: Ctx, id: string): ChangeDetail {
  const change = getRecord(ctx, changeRecord, id);
  const approvers = liveApprovers(ctx, id);
  const links = liveLinks(ctx, id);
  return {
    change: toRow(ctx, change, approvers),
    approvers: approvers.map((a) => ({
      id: a.id,
      name: a.name,
      vote: currentVote(a, change.round),
      comment: a.votedRound === change.round ? a.comment : null,
      votedAt: a.votedRound === change.round ? a.votedAt : null,
    })),
    log: ctx.db
      .select()
      .from(changeDecision)
      .where(eq(changeDecision.changeId, id))
      .orderBy(asc(changeDecision.at), asc(changeDecision.id))
      .all()
      .map(({ changeId: _c, createdAt: _a, updatedAt: _u, ...d }) => d),
    requests: links
      .filter((l) => l.requestId)
      .map((l) => {
        const r = getRecord(ctx, requirementRequest, l.requestId!);
        return { id: r.id, title: r.title };
      }),
    issues: links
      .filter((l) => l.issueId)
      .map((l) => {
        const i = getRecord(ctx, pilotIssue, l.issueId!);
        return { id: i.id, number: i.number, title: i.title };
      }),
    freezes: freezesAt(ctx, effectiveAt(ctx, change)),
  };
}
