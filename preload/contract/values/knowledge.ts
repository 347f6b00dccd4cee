// The value sets of knowledge.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
/** internal = for engineers; faq = for clinical staff (the printed FAQ). */
export const articleAudiences = ['internal', 'faq'] as const;
export type ArticleAudience = (typeof articleAudiences)[number];

export const exportFormats = ['docx', 'xlsx'] as const;
export type KnowledgeExportFormat = (typeof exportFormats)[number];

export const knowledgeErrorCodes = ['kb_issue_not_solved', 'kb_nothing_to_export'] as const;
