// The knowledge base.
import type { knowledgeContract } from '#contract/knowledge.ts';
import type { Ctx } from '#services/core/context.ts';
import * as kb from '#services/knowledge/articles.ts';
import { exportFaq } from '#services/knowledge/export.ts';
import { sent } from './files.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function knowledgeHandlers(ctx: Ctx, _hooks: HandlerHooks): AreaHandlers<typeof knowledgeContract> {
  return {
    'knowledge.list': (input) => kb.listArticles(ctx, input),
    'knowledge.get': ({ id }) => kb.getArticle(ctx, id),
    'knowledge.create': (input) => kb.createArticle(ctx, input),
    'knowledge.update': ({ id, ...input }) => kb.updateArticle(ctx, id, input),
    'knowledge.archive': ({ id, archived }) => kb.archiveArticle(ctx, id, archived),
    'knowledge.draftFromIssue': ({ issueId }) => kb.draftFromIssue(ctx, issueId),
    'knowledge.suggest': (input) => kb.suggestArticles(ctx, input),
    'knowledge.export': async (input) => sent(await exportFaq(ctx, input)),
  };
}
