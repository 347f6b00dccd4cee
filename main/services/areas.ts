// Every area's part in the generic write path (core/hooks.ts), registered once by boot(): whatever opens
// the database — app, CLI, preview, tests, bench — gets the same derived data and conflict handling.
import { registerIssueHooks } from './issues/hooks.ts';

export function registerAreas(): void {
  registerIssueHooks();
}
