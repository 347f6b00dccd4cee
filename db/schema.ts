// Drizzle schema: the single source for migrations (`npm run db:generate`).
// Replicated tables carry a device-generated UUIDv7 text id so rows created on different laptops never
// collide when their export files are merged (README, Sync by export files). Uniqueness of human codes
// is enforced by the services, not by UNIQUE indexes, because two offline laptops may legitimately both
// create "ICU" and the merge must keep both visible rather than fail.
//
// One file per area under db/schema/; this file joins them for drizzle-kit and the services.
export * from './schema/core.ts';
export * from './schema/reference.ts';
export * from './schema/issues.ts';
export * from './schema/sync.ts';
export * from './schema/training.ts';
export * from './schema/reconcile.ts';
export * from './schema/knowledge.ts';
export * from './schema/surveys.ts';
export * from './schema/rounds.ts';
export * from './schema/reports.ts';
export * from './schema/requests.ts';
export * from './schema/changes.ts';
export * from './schema/cutover.ts';
