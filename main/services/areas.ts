// Every area's part in the generic write path (core/hooks.ts), registered once by boot(): whatever opens
// the database — app, CLI, preview, tests, bench — gets the same derived data and conflict handling.
import { onDatabaseOpen } from './core/hooks.ts';
import { registerIssueHooks } from './issues/hooks.ts';
import { migrateLegacyRoles } from './reference/people.ts';
import { registerKnowledgeHooks } from './knowledge/hooks.ts';
import { registerSatisfactionQuery } from './reports/satisfaction.ts';
import { registerVisitsQuery } from './reports/visits.ts';
import { visitsVsIssues } from './rounds/board.ts';
import { satisfactionRate } from './surveys/results.ts';

export function registerAreas(): void {
  registerIssueHooks();
  // Free-text roles from before the training register become staff roles (through the write path, so they sync).
  onDatabaseOpen(migrateLegacyRoles);
  registerKnowledgeHooks();
  // The KPI board's 临床满意度 and the heat map's visits come from the surveys and ward-rounds areas.
  registerSatisfactionQuery((ctx, period) => satisfactionRate(ctx, period));
  registerVisitsQuery((ctx, period) => visitsVsIssues(ctx, period));
}
