// Importing a survey export (问卷星 / 腾讯问卷, .xlsx or .csv): the header row under any title rows, the
// department (科室) and overall score (总体满意度, else the first 满意) columns — both can be changed —
// answers as words or 1–5, departments kept as written when they match none. Each row's fingerprint is
// its round and cells (and which occurrence of identical rows it is), so importing the same file again
// adds nothing. One transaction.
import { createHash } from 'node:crypto';
import { surveyResponse, surveyRound } from '#db/schema.ts';
import { maxSurveyFileBytes, type SurveyImportPreview, type SurveyImportResult } from '#contract/index.ts';
import { inTransaction, statement, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { getRecord, insertRecord } from '#services/core/records.ts';
import { isBlankRow, readTable } from '#services/sheets/tabular.ts';
import {
  cleanHeader,
  departmentMatcher,
  detectColumns,
  isMetadata,
  isSatisfied,
  scoreOf,
  submittedIso,
} from './answers.ts';

export interface SurveyFile {
  roundId: string;
  fileName: string;
  bytes: Uint8Array;
  departmentColumn?: number | null;
  scoreColumn?: number | null;
}

interface PlannedRow {
  row: number;
  key: string;
  departmentId: string | null;
  departmentName: string | null;
  role: string | null;
  answer: string | null;
  score: number | null;
  satisfied: boolean | null;
  comment: string | null;
  submittedAt: string | null;
}

const MB = 1024 * 1024;

/**
 * The header row: among the first 20 rows, the first with at least two filled cells and a 满意 or 科室
 * question (a title row above it has one cell), else the first row with two filled cells.
 */
const wide = (r: string[]) => r.filter(Boolean).length >= 2;

export function headerRowOf(rows: string[][]): number {
  const limit = Math.min(rows.length, 20);
  for (let i = 0; i < limit; i++) {
    if (wide(rows[i]!) && rows[i]!.some((c) => !isMetadata(c) && /满意|科室/.test(c))) return i;
  }
  const first = rows.findIndex(wide);
  return first < 0 ? rows.findIndex((r) => !isBlankRow(r)) : first;
}

async function plan(ctx: Ctx, file: SurveyFile) {
  if (file.bytes.byteLength > maxSurveyFileBytes) {
    throw new AppError('import_too_large', {
      file: file.fileName,
      size: Math.round(file.bytes.byteLength / MB),
      limit: maxSurveyFileBytes / MB,
    });
  }
  getRecord(ctx, surveyRound, file.roundId);
  const table = await readTable(file.fileName, file.bytes);
  const headerAt = headerRowOf(table.rows);
  if (headerAt < 0) throw new AppError('import_empty', { file: file.fileName });
  const headers = table.rows[headerAt]!;
  const detected = detectColumns(headers);
  const check = (column: number | null | undefined, what: string) => {
    if (column !== null && column !== undefined && (column < 0 || column >= headers.length)) {
      throw new AppError('survey_bad_column', { column: column + 1, what, count: headers.length });
    }
  };
  check(file.departmentColumn, '科室');
  check(file.scoreColumn, '满意度');
  const department = file.departmentColumn === undefined ? detected.department : file.departmentColumn;
  const score = file.scoreColumn ?? detected.score;
  if (score === null) {
    throw new AppError('survey_no_score_column', {
      file: file.fileName,
      headers: headers.filter(Boolean).join('、'),
    });
  }
  const comments = detected.comments.filter((c) => c !== score && c !== department);
  const match = departmentMatcher(ctx);
  const seen = new Map<string, number>();
  const planned: PlannedRow[] = [];
  for (let r = headerAt + 1; r < table.rows.length; r++) {
    const cells = table.rows[r]!;
    if (isBlankRow(cells)) continue;
    const content = cells.join('\u0001');
    const occurrence = (seen.get(content) ?? 0) + 1;
    seen.set(content, occurrence);
    const key = createHash('sha256')
      .update(`${file.roundId}\u0002${occurrence}\u0002${content}`)
      .digest('hex')
      .slice(0, 40);
    const written = department === null ? '' : (cells[department] ?? '');
    const found = written ? match(written) : null;
    const answer = cells[score] ?? '';
    const s = scoreOf(answer);
    const comment = comments
      .map((c) => cells[c] ?? '')
      .filter((text) => text && !/^[(（]?(跳过|空|无)[)）]?$/.test(text))
      .join('\n');
    planned.push({
      row: r + 1,
      key,
      departmentId: found?.id ?? null,
      departmentName: found?.name ?? (written || null),
      role: detected.role === null ? null : cells[detected.role] || null,
      answer: answer || null,
      score: s,
      satisfied: isSatisfied(s),
      comment: comment || null,
      submittedAt: detected.submittedAt === null ? null : submittedIso(cells[detected.submittedAt] ?? ''),
    });
  }
  // Fingerprints include the round, so the round's own rows are all that can match.
  const known = new Set(
    (
      statement(
        ctx,
        'SELECT import_key AS k FROM survey_response WHERE round_id = ? AND import_key IS NOT NULL',
      ).all(file.roundId) as { k: string }[]
    ).map((r) => r.k),
  );
  const fresh = planned.filter((p) => !known.has(p.key));
  const preview: SurveyImportPreview = {
    fileName: file.fileName,
    headers,
    departmentColumn: department,
    scoreColumn: score,
    roleColumn: detected.role,
    commentColumns: comments,
    rows: planned.length,
    added: fresh.length,
    alreadyImported: planned.length - fresh.length,
    blank: planned.filter((p) => p.answer === null).length,
    unknownDepartments: [
      ...new Set(planned.filter((p) => p.departmentName && !p.departmentId).map((p) => p.departmentName!)),
    ],
    sample: planned.slice(0, 8).map((p) => ({
      row: p.row,
      department: p.departmentName ?? '',
      answer: p.answer ?? '',
      satisfied: p.satisfied,
    })),
  };
  return { preview, fresh };
}

export async function previewSurveyImport(ctx: Ctx, file: SurveyFile): Promise<SurveyImportPreview> {
  return (await plan(ctx, file)).preview;
}

export async function commitSurveyImport(ctx: Ctx, file: SurveyFile): Promise<SurveyImportResult> {
  const { preview, fresh } = await plan(ctx, file);
  inTransaction(ctx, () => {
    for (const p of fresh) {
      insertRecord(ctx, surveyResponse, {
        roundId: file.roundId,
        departmentId: p.departmentId,
        departmentName: p.departmentName,
        role: p.role,
        answer: p.answer,
        score: p.score,
        satisfied: p.satisfied,
        comment: p.comment,
        source: 'import',
        submittedAt: p.submittedAt,
        importKey: p.key,
        archivedAt: null,
      });
    }
  });
  return { added: fresh.length, alreadyImported: preview.alreadyImported };
}

export { cleanHeader };
