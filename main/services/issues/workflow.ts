// The pilot-issue workflow (DESIGN.md "Pilot issues"): new → acknowledged → in progress → resolved →
// verified by the department → closed; plus reopened, won't fix and duplicate-of. Pure, so every legal and
// illegal transition is unit-tested without a database.
import type { IssueStatus } from '../../../preload/contract/index.ts';

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
