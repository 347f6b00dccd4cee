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

/** Articles, newest first (with `text`, those matching every word). */
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
  // FTS5 ranks its own matches and keeps the best (ORDER BY rank LIMIT, in C) before any join; the filters
  // apply to an over-fetched batch, and only when they leave the page short is the whole match set read.
  // Newest first, like the issue search: FTS5 hands its matches out in rowid order (creation order) and
  // stops at the cap, so no ranking pass over thousands of matches of a common word such as 打印. The filters
  // apply to an over-fetched batch; only when they leave the page short is the whole match set read.
  const newest = (cap: number) =>
    `SELECT a.* FROM (SELECT rowid FROM kb_article_search WHERE kb_article_search MATCH ?
       ORDER BY rowid DESC LIMIT ${cap}) f JOIN kb_article a ON a.rowid = f.rowid WHERE 1 = 1 ${filter}
     ORDER BY a.rowid DESC`;
  let rows: Record<string, unknown>[];
  if (match) {
    rows = (statement(ctx, newest(input.limit * 4)).all(match, ...params) as Record<string, unknown>[]).slice(
      0,
      input.limit,
    );
    if (rows.length < input.limit) {
      rows = statement(ctx, `${newest(-1)} LIMIT ?`).all(match, ...params, input.limit) as Record<
        string,
        unknown
      >[];
    }
  } else {
    rows = statement(
      ctx,
      `SELECT a.* FROM kb_article a WHERE 1 = 1 ${filter} ORDER BY a.updated_at DESC, a.id LIMIT ?`,
    ).all(...params, input.limit) as Record<string, unknown>[];
  }
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

const isLatin = (t: string) => !/\p{Script=Han}/u.test(t);
const has = (set: Set<string>, t: string) =>
  set.has(t) || (isLatin(t) && [...set].some((h) => h.startsWith(t)));

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
  // Two neighbouring bigrams (three characters typed in a row) or an English word must match: one shared
  // bigram such as 打印 says little, and this keeps the ranked set small.
  const clauses = [...match.matchAll(/"([^"]*)"(\*?)/g)].flatMap(([, phrase, star]) => {
    const grams = phrase!.split(' ');
    if (star || grams.length === 1) return [`"${phrase}"${star}`];
    return grams.slice(1).map((g, i) => `("${grams[i]}" AND "${g}")`);
  });
  const terms = clauses.join(' OR ');
  // Scored in code among the newest 100 matches (FTS5 stops there, in rowid order): bm25 over every match of
  // a common phrase costs tens of milliseconds at 20,000 articles, too slow for a field being typed in.
  const rows = statement(
    ctx,
    `SELECT a.id, a.title, a.solution, a.symptom, a.cause, a.tags, a.system_id AS systemId, s.name AS systemName
     FROM (SELECT rowid FROM kb_article_search WHERE kb_article_search MATCH ? ORDER BY rowid DESC LIMIT 100) f
     JOIN kb_article a ON a.rowid = f.rowid LEFT JOIN system s ON s.id = a.system_id
     WHERE a.archived_at IS NULL`,
  ).all(terms) as (ArticleSuggestion & {
    symptom: string;
    cause: string | null;
    tags: string;
    systemId: string | null;
  })[];
  const wanted = [...new Set(indexText(input.title).split(' '))].filter(
    (t) => [...t].length > 1 || !/\p{Script=Han}/u.test(t),
  );
  const scored = rows.map((r) => {
    const title = new Set(indexText(r.title).split(' '));
    const body = new Set(
      indexText(r.symptom, r.cause, r.solution, (JSON.parse(r.tags) as string[]).join(' ')).split(' '),
    );
    // A term in the title counts double; one shared bigram is not the same problem: a quarter must match.
    let shared = 0;
    let score = 0;
    for (const t of wanted) {
      const inTitle = has(title, t);
      if (inTitle || has(body, t)) shared++;
      score += inTitle ? 2 : has(body, t) ? 1 : 0;
    }
    const sameSystem = !!input.systemId && r.systemId === input.systemId;
    return { r, shared, score: score + (sameSystem ? 100 : 0) };
  });
  return scored
    .filter((x) => x.shared >= Math.max(1, wanted.length / 4))
    .sort((a, b) => b.score - a.score)
    .slice(0, 3)
    .map(({ r: { id, title, solution, systemName } }) => ({ id, title, solution, systemName }));
}
