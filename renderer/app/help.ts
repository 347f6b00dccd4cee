// The help registry (issue 12 §17): which guide (preload/contract/i18n/help.ts) belongs to which screen.
// tests/unit/help.test.ts fails when a route of renderer/app/areas.ts has no guide here.
import type { zhCN } from '#contract/i18n/help.ts';

export type GuideId = keyof typeof zhCN.help.guides;

/** Route path (as the areas declare it) → guide; '/' is the overview the frame falls back to. */
export const guideOfRoute: Record<string, GuideId> = {
  '/': 'overview',
  '/issues': 'issues',
  '/issues/:id': 'issueDetail',
  '/summary': 'summary',
  '/reconcile': 'reconcile',
  '/reconcile/run': 'reconcileRun',
  '/reconcile/profiles/new': 'reconcileProfile',
  '/reconcile/profiles/:id': 'reconcileProfile',
  '/reconcile/runs/:id': 'reconcileRunDetail',
  '/reconcile/domains/:id': 'reconcileDomain',
  '/sync/:tab?': 'sync',
  '/training/sessions': 'sessions',
  '/training/sessions/:id': 'sessionDetail',
  '/training/readiness': 'readiness',
  '/settings/project': 'project',
  '/settings/departments': 'departments',
  '/settings/systems': 'systems',
  '/settings/people': 'people',
  '/settings/issues': 'issueSettings',
  '/knowledge': 'knowledge',
  '/knowledge/:id': 'knowledge',
  '/surveys': 'surveys',
  '/rounds': 'rounds',
  '/kpis': 'kpis',
  '/reports': 'reports',
  '/reports/logs': 'reportLogs',
  '/requests': 'requests',
  '/requests/:id': 'requestDetail',
  '/changes': 'changes',
  '/changes/:id': 'changeDetail',
  '/cutover': 'cutover',
  '/cutover/print': 'cutover',
};

const patternOf = (path: string) =>
  new RegExp(`^${path.replace(/\/:[^/]+\?/g, '(?:/[^/]+)?').replace(/:[^/]+/g, '[^/]+')}/?$`);

/** The guide of the screen at `location` (the most specific route that matches), else the overview's. */
export function guideFor(location: string): GuideId {
  const matches = Object.keys(guideOfRoute).filter((path) => patternOf(path).test(location));
  // Literal paths before parameters: /reconcile/profiles/new rather than /reconcile/profiles/:id.
  matches.sort((a, b) => a.split(':').length - b.split(':').length || b.length - a.length);
  return guideOfRoute[matches[0] ?? '/']!;
}
