// Satisfaction surveys.
import type { surveysContract } from '#contract/surveys.ts';
import type { Ctx } from '#services/core/context.ts';
import { commitSurveyImport, previewSurveyImport } from '#services/surveys/import.ts';
import { exportSurveyResults } from '#services/surveys/export.ts';
import { surveyResults } from '#services/surveys/results.ts';
import { addPaperResponse, createRound, listRounds } from '#services/surveys/rounds.ts';
import { received, sent } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function surveysHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof surveysContract> {
  return {
    'surveys.rounds': () => listRounds(ctx),
    'surveys.createRound': (input) => createRound(ctx, input),
    'surveys.previewImport': (input) => previewSurveyImport(ctx, received(input)),
    'surveys.commitImport': (input) => commitSurveyImport(ctx, received(input)),
    'surveys.addPaper': (input) => addPaperResponse(ctx, input),
    'surveys.results': (input) => surveyResults(ctx, input),
    'surveys.exportResults': async (input) => sent(await exportSurveyResults(ctx, input)),
  };
}
