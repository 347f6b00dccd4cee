// Every feature's part in the app frame (renderer/features/<area>/area.tsx), in sidebar order within each
// section. Adding an area: write its area.tsx, add it here.
import { issuesArea } from '#renderer/features/issues/area.tsx';
import { reconcileArea } from '#renderer/features/reconcile/area.tsx';
import { reportsArea } from '#renderer/features/reports/area.tsx';
import { settingsArea } from '#renderer/features/settings/area.tsx';
import { summaryArea } from '#renderer/features/summary/area.tsx';
import { syncArea } from '#renderer/features/sync/area.tsx';
import { trainingArea } from '#renderer/features/training/area.tsx';
import { knowledgeArea } from '#renderer/features/knowledge/area.tsx';
import { surveysArea } from '#renderer/features/surveys/area.tsx';
import { roundsArea } from '#renderer/features/rounds/area.tsx';
import { searchArea } from '#renderer/features/search/area.tsx';
import { requestsArea } from '#renderer/features/requests/area.tsx';
import { changesArea } from '#renderer/features/changes/area.tsx';
import { cutoverArea } from '#renderer/features/cutover/area.tsx';
import type { RendererArea } from './area.tsx';
import { screensArea } from './screens.tsx';

export const areas: RendererArea[] = [
  issuesArea,
  summaryArea,
  reconcileArea,
  screensArea,
  syncArea,
  trainingArea,
  settingsArea,
  knowledgeArea,
  surveysArea,
  roundsArea,
  searchArea,
  reportsArea,
  requestsArea,
  changesArea,
  cutoverArea,
];
