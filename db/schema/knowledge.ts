// The knowledge base (知识库): articles written from solved issues, searched while new issues are typed.
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { articleAudiences } from '#contract/values/knowledge.ts';
import { timestamps } from './core.ts';
import { pilotIssue } from './issues.ts';
import { system, systemModule } from './reference.ts';

/**
 * A knowledge article: symptom, cause, solution (steps). `audience` says whether it is for engineers only
 * (internal) or an FAQ for clinical staff. Search text lives in kb_article_search (FTS5, Chinese bigrams).
 */
export const kbArticle = sqliteTable(
  'kb_article',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    systemId: text('system_id').references(() => system.id),
    moduleId: text('module_id').references(() => systemModule.id),
    symptom: text('symptom').notNull(),
    cause: text('cause'),
    solution: text('solution').notNull(),
    audience: text('audience', { enum: articleAudiences }).notNull(),
    /** JSON array of strings. */
    tags: text('tags').notNull().default('[]'),
    /** The issue the article was written from (沉淀为知识), if any. */
    sourceIssueId: text('source_issue_id').references(() => pilotIssue.id),
    /** JSON array of further linked issue ids (ids of deleted issues are dropped when read). */
    linkedIssueIds: text('linked_issue_ids').notNull().default('[]'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [index('kb_article_system_idx').on(t.systemId), index('kb_article_source_idx').on(t.sourceIssueId)],
);
