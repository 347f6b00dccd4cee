// The value sets of cutover.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
export const stepStatuses = ['pending', 'in_progress', 'done', 'blocked', 'skipped'] as const;
export type StepStatus = (typeof stepStatuses)[number];

export const goNoGoDecisions = ['go', 'go_with_conditions', 'no_go'] as const;
export type GoNoGoDecision = (typeof goNoGoDecisions)[number];

/** activated: 启动应急预案 (pauses the cutover); manual_fallback: a department works on paper; notified: who was told. */
export const emergencyEventKinds = ['activated', 'manual_fallback', 'notified', 'note', 'resumed'] as const;
export type EmergencyEventKind = (typeof emergencyEventKinds)[number];

export const cutoverErrorCodes = [
  'cutover_step_dependency',
  'cutover_emergency_open',
  'cutover_emergency_closed',
] as const;
