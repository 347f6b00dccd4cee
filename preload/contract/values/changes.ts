// The value sets of changes.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
export const changeKinds = ['configuration', 'interface', 'data', 'scope'] as const;
export type ChangeKind = (typeof changeKinds)[number];

export const changeStatuses = ['draft', 'submitted', 'approved', 'implemented', 'cancelled'] as const;
export type ChangeStatus = (typeof changeStatuses)[number];

export const approverVotes = ['approve', 'reject'] as const;
export type ApproverVote = (typeof approverVotes)[number];

export const changeActions = [
  'created',
  'submitted',
  'voted_approve',
  'voted_reject',
  'approved',
  'returned_to_draft',
  'emergency_approved',
  'signed_off',
  'implemented',
  'cancelled',
] as const;
export type ChangeAction = (typeof changeActions)[number];

/** Risk levels of the likelihood × impact score (1–25). */
export const riskLevels = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof riskLevels)[number];

export const changesErrorCodes = [
  'changes_not_draft',
  'changes_not_submitted',
  'changes_no_approvers',
  'changes_needs_sign_off',
  'changes_not_approved',
] as const;
