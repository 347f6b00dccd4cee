// The pilot-issue workflow: new → acknowledged → in progress → resolved →
// verified by the department → closed; plus reopened, won't fix and duplicate-of. Pure, so every legal and
// illegal transition is unit-tested without a database.
import type { IssueStatus } from '#contract/index.ts';

const transitions: Record<IssueStatus, readonly IssueStatus[]> = {
  new: ['acknowledged', 'in_progress', 'resolved', 'wont_fix', 'duplicate'],
  acknowledged: ['in_progress', 'resolved', 'wont_fix', 'duplicate'],
  in_progress: ['resolved', 'wont_fix', 'duplicate'],
  resolved: ['verified', 'reopened'],
  verified: ['closed', 'reopened'],
  closed: ['reopened'],
  reopened: ['acknowledged', 'in_progress', 'resolved', 'wont_fix', 'duplicate'],
  wont_fix: ['reopened'],
  duplicate: ['reopened'],
};

/** Statuses in which the issue still needs work (and can be overdue). */
export const openStatuses: readonly IssueStatus[] = ['new', 'acknowledged', 'in_progress', 'reopened'];
/** Statuses that count as "dealt with" for the resolution target. */
export const doneStatuses: readonly IssueStatus[] = [
  'resolved',
  'verified',
  'closed',
  'wont_fix',
  'duplicate',
];

export function allowedTransitions(from: IssueStatus): readonly IssueStatus[] {
  return transitions[from];
}

export function canTransition(from: IssueStatus, to: IssueStatus): boolean {
  return transitions[from].includes(to);
}

export interface WorkflowStamps {
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  verifiedAt: string | null;
  closedAt: string | null;
}

const noStamps: WorkflowStamps = { acknowledgedAt: null, resolvedAt: null, verifiedAt: null, closedAt: null };

/** How an issue reaches a status that only follows resolution (verified and closed imply resolved). */
const mainPath: Partial<Record<IssueStatus, IssueStatus[]>> = {
  verified: ['resolved', 'verified'],
  closed: ['resolved', 'verified', 'closed'],
};

/**
 * The timestamps of an issue that arrives already in `status` (a row of an imported sheet), as if it had
 * gone there at `at` along the main path: a closed issue is also resolved, so it never counts as open.
 */
export function stampsOnArrival(status: IssueStatus, at: string): WorkflowStamps {
  if (status === 'new') return { ...noStamps };
  return (mainPath[status] ?? [status]).reduce((stamps, step) => stampsAfter(stamps, step, at), noStamps);
}

/**
 * The timestamps after moving to `to` at `now`. The first response (leaving `new` in any direction) sets
 * acknowledgedAt once; reopening clears the resolution stamps so the issue counts as open again.
 */
export function stampsAfter(current: WorkflowStamps, to: IssueStatus, now: string): WorkflowStamps {
  const next: WorkflowStamps = {
    acknowledgedAt: current.acknowledgedAt,
    resolvedAt: current.resolvedAt,
    verifiedAt: current.verifiedAt,
    closedAt: current.closedAt,
  };
  if (!next.acknowledgedAt) next.acknowledgedAt = now;
  switch (to) {
    case 'resolved':
    case 'wont_fix':
    case 'duplicate':
      next.resolvedAt = now;
      break;
    case 'verified':
      next.verifiedAt = now;
      break;
    case 'closed':
      next.closedAt = now;
      break;
    case 'reopened':
      next.resolvedAt = null;
      next.verifiedAt = null;
      next.closedAt = null;
      break;
    default:
      break;
  }
  return next;
}

/**
 * The stamps that fit an issue whose status was set directly rather than moved along the workflow (a
 * status conflict settled by keeping one value, issue 12 §8): stamps of steps the kept status has not
 * reached are cleared (keeping 处理中 clears 解决时间, so the list and the summary agree), stamps of steps it
 * implies are filled with `at` when missing; the others stay as they are.
 */
export function stampsFitting(status: IssueStatus, current: WorkflowStamps, at: string): WorkflowStamps {
  if (status === 'new') return { ...noStamps };
  const next: WorkflowStamps = { ...current, acknowledgedAt: current.acknowledgedAt ?? at };
  if (openStatuses.includes(status)) return { ...next, resolvedAt: null, verifiedAt: null, closedAt: null };
  next.resolvedAt ??= at;
  if (status === 'verified' || status === 'closed') next.verifiedAt ??= at;
  else next.verifiedAt = null;
  if (status === 'closed') next.closedAt ??= at;
  else next.closedAt = null;
  return next;
}
