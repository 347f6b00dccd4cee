// Survey rounds (调查轮次) and paper forms keyed in.
import { asc } from 'drizzle-orm';
import { department, surveyResponse, surveyRound } from '#db/schema.ts';
import type { PaperInput, RoundInput, SurveyRound, SurveyRoundRow } from '#contract/index.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { getRecord, insertRecord } from '#services/core/records.ts';
import { departmentMatcher, isSatisfied, scoreOf } from './answers.ts';

type RoundRow = typeof surveyRound.$inferSelect;

export const toRound = (row: RoundRow): SurveyRound => ({
  ...row,
  departmentIds: JSON.parse(row.departmentIds) as string[],
});

export function listRounds(ctx: Ctx): SurveyRoundRow[] {
  const counts = new Map(
    (
      ctx.sqlite
        .prepare(
          `SELECT round_id AS roundId, count(DISTINCT coalesce(import_key, id)) AS n FROM survey_response
           WHERE archived_at IS NULL GROUP BY round_id`,
        )
        .all() as { roundId: string; n: number }[]
    ).map((r) => [r.roundId, r.n]),
  );
  return ctx.db
    .select()
    .from(surveyRound)
    .orderBy(asc(surveyRound.createdAt), asc(surveyRound.id))
    .all()
    .filter((r) => !r.archivedAt)
    .map((r) => ({ ...toRound(r), responses: counts.get(r.id) ?? 0 }));
}

export function createRound(ctx: Ctx, input: RoundInput): SurveyRound {
  return inTransaction(ctx, () => {
    for (const id of input.departmentIds) getRecord(ctx, department, id);
    return toRound(
      insertRecord(ctx, surveyRound, {
        ...input,
        departmentIds: JSON.stringify([...new Set(input.departmentIds)]),
        archivedAt: null,
      }),
    );
  });
}

export function findRoundByName(ctx: Ctx, name: string): SurveyRound | null {
  const row = ctx.db
    .select()
    .from(surveyRound)
    .all()
    .find((r) => !r.archivedAt && r.name === name.trim());
  return row ? toRound(row) : null;
}

/** One paper form: the department as written (linked when it matches), the answer as a word or 1–5. */
export function addPaperResponse(ctx: Ctx, input: PaperInput): { id: string } {
  getRecord(ctx, surveyRound, input.roundId);
  const match = departmentMatcher(ctx)(input.department);
  const answer = input.answer === null ? null : String(input.answer);
  const score = answer === null ? null : scoreOf(answer);
  const row = insertRecord(ctx, surveyResponse, {
    roundId: input.roundId,
    departmentId: match?.id ?? null,
    departmentName: match?.name ?? input.department,
    role: input.role,
    answer,
    score,
    satisfied: isSatisfied(score),
    comment: input.comment,
    source: 'paper',
    submittedAt: ctx.now().toISOString(),
    importKey: null,
    archivedAt: null,
  });
  return { id: row.id };
}
