// The reconciliation engine (issue #5): plain Node, no database. The app runs it in a worker thread
// (startReconcileJob); the CLI and tests may call reconcile() in-thread.
export * from '#contract/reconcile-engine.ts';
export { reconcile, DEFAULT_MAX_DISCREPANCIES, type ReconcileOptions } from './reconcile.ts';
export { startReconcileJob } from './job.ts';
export { parseProfile, validateProfile } from './profile.ts';
export { readHeaders, type FileHeaders } from './headers.ts';
