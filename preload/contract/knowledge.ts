// Knowledge base (知识库, issue #14): articles with symptom, cause and solution, written from solved issues
// (沉淀为知识), searched in Chinese like the issue log, suggested while a new issue is typed, exported per
// system as a printable FAQ. Value sets, record shapes, zod inputs and the knowledge.* methods.
import { z } from 'zod';
import { id, optionalId, optionalText, returns, text } from './schemas.ts';
import { articleAudiences, exportFormats, type ArticleAudience } from './values/knowledge.ts';
export * from './values/knowledge.ts';

export interface Article {
  id: string;
  title: string;
  systemId: string | null;
  moduleId: string | null;
  symptom: string;
  cause: string | null;
  solution: string;
  audience: ArticleAudience;
  tags: string[];
  sourceIssueId: string | null;
  linkedIssueIds: string[];
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface ArticleRow extends Article {
  systemName: string | null;
  moduleName: string | null;
  /** Numbers of the source and linked issues that still exist. */
  issueNumbers: { id: string; number: string }[];
}

/** What "沉淀为知识" pre-fills from an issue (not yet saved). */
export type ArticleDraft = Omit<ArticleInput, 'tags'> & { tags: string[]; issueNumber: string };

export interface ArticleSuggestion {
  id: string;
  title: string;
  systemName: string | null;
  solution: string;
}

export interface KnowledgeExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

const tags = z.array(text(32)).max(20).default([]);

export const articleInput = z.object({
  title: text(200),
  systemId: optionalId,
  moduleId: optionalId,
  symptom: text(4000),
  cause: optionalText(4000),
  solution: text(8000),
  audience: z.enum(articleAudiences).default('internal'),
  tags,
  sourceIssueId: optionalId,
  linkedIssueIds: z.array(id).max(50).default([]),
});
export type ArticleInput = z.output<typeof articleInput>;

export const articleListInput = z
  .object({
    text: z.string().max(200).optional(),
    systemId: id.optional(),
    audience: z.enum(articleAudiences).optional(),
    includeArchived: z.boolean().default(false),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .default({ includeArchived: false, limit: 500 });
export type ArticleListInput = z.output<typeof articleListInput>;

export const suggestInput = z.object({ title: z.string().max(200), systemId: id.nullish() });
export const knowledgeExportInput = z.object({
  format: z.enum(exportFormats),
  systemId: id.nullish(),
  /** FAQ only (the default: what clinical staff may read) or every live article. */
  faqOnly: z.boolean().default(true),
});
export type KnowledgeExportInput = z.output<typeof knowledgeExportInput>;

/** The value a synced change may carry, per column of kb_article. */
export const kbArticleColumnSchemas = {
  id,
  title: text(200),
  systemId: id.nullable(),
  moduleId: id.nullable(),
  symptom: text(4000),
  cause: z.string().max(4000).nullable(),
  solution: text(8000),
  audience: z.enum(articleAudiences),
  tags: z.string().max(2000),
  sourceIssueId: id.nullable(),
  linkedIssueIds: z.string().max(4000),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const knowledgeContract = {
  'knowledge.list': returns<ArticleRow[]>()(articleListInput),
  'knowledge.get': returns<ArticleRow>()(z.object({ id })),
  'knowledge.create': returns<Article>()(articleInput),
  'knowledge.update': returns<Article>()(articleInput.extend({ id })),
  'knowledge.archive': returns<Article>()(z.object({ id, archived: z.boolean() })),
  /** 沉淀为知识: an article pre-filled from a resolved, verified or closed issue. */
  'knowledge.draftFromIssue': returns<ArticleDraft>()(z.object({ issueId: id })),
  /** Articles matching a title being typed (已有解决办法). */
  'knowledge.suggest': returns<ArticleSuggestion[]>()(suggestInput),
  'knowledge.export': returns<KnowledgeExportFile>()(knowledgeExportInput),
} as const;
