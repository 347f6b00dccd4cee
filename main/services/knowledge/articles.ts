// Knowledge articles (知识库, issue #14): written by hand or pre-filled from a solved issue (沉淀为知识),
// searched with the issue search's Chinese bigrams, suggested while a new issue is typed (已有解决办法).
import { pilotIssue, kbArticle, system, systemModule } from '#db/schema.ts';
import type {
  Article,
  ArticleDraft,
  ArticleInput,
  ArticleListInput,
  ArticleRow,
  ArticleSuggestion,
} from '#contract/index.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { archiveRecord, getRecord, insertRecord, updateRecord } from '#services/core/records.ts';
import { indexText, matchExpression } from '#services/issues/search-text.ts';

type Row = typeof kbArticle.$inferSelect;

export function toArticle(row: Row): Article {
  return {
    ...row,
    tags: JSON.parse(row.tags) as string[],
    linkedIssueIds: JSON.parse(row.linkedIssueIds) as string[],
  };
}

/** The raw row as stored (snake_case columns) → the record. */
function fromSql(r: Record<string, unknown>): Row {
  return {
    id: r.id as string,
    title: r.title as string,
    systemId: (r.system_id as string | null) ?? null,
    moduleId: (r.module_id as string | null) ?? null,
    symptom: r.symptom as string,
    cause: (r.cause as string | null) ?? null,
    solution: r.solution as string,
    audience: r.audience as Row['audience'],
    tags: r.tags as string,
    sourceIssueId: (r.source_issue_id as string | null) ?? null,
    linkedIssueIds: r.linked_issue_ids as string,
    archivedAt: (r.archived_at as string | null) ?? null,
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string,
  };
}

function withNames(ctx: Ctx, rows: Row[]): ArticleRow[] {
  const systems = new Map(
    ctx.db
      .select({ id: system.id, name: system.name })
      .from(system)
      .all()
      .map((s) => [s.id, s.name]),
  );
  const modules = new Map(
    ctx.db
      .select({ id: systemModule.id, name: systemModule.name })
      .from(systemModule)
      .all()
      .map((m) => [m.id, m.name]),
  );
  const numberOf = statement(ctx, 'SELECT number FROM pilot_issue WHERE id = ?');
  return rows.map((row) => {
    const article = toArticle(row);
    const ids = [...new Set([article.sourceIssueId, ...article.linkedIssueIds].filter(Boolean))] as string[];
    const issueNumbers = ids.flatMap((id) => {
      const found = numberOf.get(id) as { number: string } | undefined;
      return found ? [{ id, number: found.number }] : [];
    });
    return {
      ...article,
      linkedIssueIds: article.linkedIssueIds.filter((id) => issueNumbers.some((n) => n.id === id)),
      systemName: row.systemId ? (systems.get(row.systemId) ?? null) : null,
      moduleName: row.moduleId ? (modules.get(row.moduleId) ?? null) : null,
      issueNumbers,
    };
  });
}

/** Articles, newest first; with `text`, the best matches first (every word must match). */
export function listArticles(ctx: Ctx, input: ArticleListInput): ArticleRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!input.includeArchived) where.push('a.archived_at IS NULL');
  if (input.systemId) {
    where.push('a.system_id = ?');
    params.push(input.systemId);
  }
  if (input.audience) {
    where.push('a.audience = ?');
    params.push(input.audience);
  }
  const match = input.text?.trim() ? matchExpression(input.text) : null;
  if (input.text?.trim() && !match) return [];
  const filter = where.length ? `AND ${where.join(' AND ')}` : '';
  const sql = match
    ? `SELECT a.* FROM kb_article_search f JOIN kb_article a ON a.rowid = f.rowid
       WHERE kb_article_search MATCH ? ${filter} ORDER BY bm25(kb_article_search) LIMIT ?`
    : `SELECT a.* FROM kb_article a WHERE 1 = 1 ${filter} ORDER BY a.updated_at DESC, a.id LIMIT ?`;
  const rows = statement(ctx, sql).all(...(match ? [match] : []), ...params, input.limit) as Record<
    string,
    unknown
  >[];
  return withNames(ctx, rows.map(fromSql));
}

export function getArticle(ctx: Ctx, id: string): ArticleRow {
  return withNames(ctx, [getRecord(ctx, kbArticle, id)])[0]!;
}

function checkReferences(ctx: Ctx, input: ArticleInput) {
  if (input.systemId) getRecord(ctx, system, input.systemId);
  if (input.moduleId) {
    const mod = getRecord(ctx, systemModule, input.moduleId);
    if (input.systemId && mod.systemId !== input.systemId) throw new AppError('invalid_input', {});
  }
  for (const id of [input.sourceIssueId, ...input.linkedIssueIds]) if (id) getRecord(ctx, pilotIssue, id);
}

const fieldsOf = (input: ArticleInput) => ({
  ...input,
  tags: JSON.stringify([...new Set(input.tags)]),
  linkedIssueIds: JSON.stringify([...new Set(input.linkedIssueIds)]),
});

export function createArticle(ctx: Ctx, input: ArticleInput): Article {
  return inTransaction(ctx, () => {
    checkReferences(ctx, input);
    return toArticle(insertRecord(ctx, kbArticle, { ...fieldsOf(input), archivedAt: null }));
  });
}

export function updateArticle(ctx: Ctx, id: string, input: ArticleInput): Article {
  return inTransaction(ctx, () => {
    getRecord(ctx, kbArticle, id);
    checkReferences(ctx, input);
    return toArticle(updateRecord(ctx, kbArticle, id, fieldsOf(input)));
  });
}

export function archiveArticle(ctx: Ctx, id: string, archived: boolean): Article {
  return toArticle(archiveRecord(ctx, kbArticle, id, archived));
}

const SOLVED = ['resolved', 'verified', 'closed'];

/** 沉淀为知识: an article pre-filled from a resolved, verified or closed issue (saved by the person). */
export function draftFromIssue(ctx: Ctx, issueId: string): ArticleDraft {
  const issue = getRecord(ctx, pilotIssue, issueId);
  if (!SOLVED.includes(issue.status)) throw new AppError('kb_issue_not_solved', { number: issue.number });
  const steps = [issue.resolution, issue.workaround].filter((s): s is string => !!s?.trim());
  return {
    title: issue.title,
    systemId: issue.systemId,
    moduleId: issue.moduleId,
    symptom: issue.description?.trim() || issue.title,
    cause: null,
    solution: steps.join('\n') || issue.title,
    audience: 'internal',
    tags: JSON.parse(issue.tags) as string[],
    sourceIssueId: issue.id,
    linkedIssueIds: [],
    issueNumber: issue.number,
  };
}

/**
 * Articles that may already solve what is being typed: any shared word or bigram, ranked by bm25 (like
 * the duplicate warnings); the typed system's articles first when one is chosen.
 */
export function suggestArticles(
  ctx: Ctx,
  input: { title: string; systemId?: string | null },
): ArticleSuggestion[] {
  const match = matchExpression(input.title, { anyTerm: true });
  if (!match || input.title.trim().length < 2) return [];
  const terms = match.replace(/"([^"]*)"/g, (_m, phrase: string) =>
    phrase
      .split(' ')
      .map((t) => `"${t}"`)
      .join(' OR '),
  );
  const rows = statement(
    ctx,
    `SELECT a.id, a.title, a.solution, a.symptom, a.cause, a.tags, s.name AS systemName
     FROM kb_article_search f JOIN kb_article a ON a.rowid = f.rowid LEFT JOIN system s ON s.id = a.system_id
     WHERE kb_article_search MATCH ? AND a.archived_at IS NULL
     ORDER BY CASE WHEN a.system_id = ? THEN 0 ELSE 1 END, bm25(kb_article_search) LIMIT 20`,
  ).all(terms, input.systemId ?? null) as (ArticleSuggestion & {
    symptom: string;
    cause: string | null;
    tags: string;
  })[];
  // One shared bigram is not a solution to the same problem: at least a quarter of what was typed must match.
  const wanted = [...new Set(indexText(input.title).split(' '))].filter(
    (t) => [...t].length > 1 || !/\p{Script=Han}/u.test(t),
  );
  return rows
    .filter((r) => {
      const has = new Set(
        indexText(r.title, r.symptom, r.cause, r.solution, (JSON.parse(r.tags) as string[]).join(' ')).split(
          ' ',
        ),
      );
      const shared = wanted.filter(
        (t) => has.has(t) || [...has].some((h) => !/\p{Script=Han}/u.test(t) && h.startsWith(t)),
      ).length;
      return shared >= Math.max(1, wanted.length / 4);
    })
    .slice(0, 3)
    .map(({ id, title, solution, systemName }) => ({ id, title, solution, systemName }));
}
