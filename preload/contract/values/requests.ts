// The value sets of requests.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
/** 基础保障 / 效率提升 / 创新赋能. */
export const requestTiers = ['basic', 'efficiency', 'innovation'] as const;
export type RequestTier = (typeof requestTiers)[number];

export const requestPriorities = ['high', 'medium', 'low'] as const;
export type RequestPriority = (typeof requestPriorities)[number];

/** Which measure a request improves. */
export const valueMeasures = [
  'time_saved',
  'errors_avoided',
  'patient_safety',
  'compliance',
  'other',
] as const;
export type ValueMeasure = (typeof valueMeasures)[number];

export const requestStatuses = [
  'submitted',
  'under_review',
  'approved',
  'deferred',
  'rejected',
  'in_development',
  'piloted',
  'released',
  'verified',
] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const decisionStatuses = ['approved', 'deferred', 'rejected'] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

/** all: every reviewer approves; majority: more than half of the reviewers approve. */
export const decisionRules = ['all', 'majority'] as const;
export type DecisionRule = (typeof decisionRules)[number];

export const reviewVotes = ['approve', 'defer', 'reject'] as const;
export type ReviewVote = (typeof reviewVotes)[number];

export const requestsErrorCodes = [
  'requests_illegal_transition',
  'requests_rule_not_met',
  'requests_no_reviewers',
  'requests_not_under_review',
] as const;
