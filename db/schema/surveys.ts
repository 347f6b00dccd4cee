// Satisfaction surveys (满意度调查): rounds and their responses, imported from 问卷星/腾讯问卷 or keyed in.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { responseSources } from '#contract/values/surveys.ts';
import { timestamps } from './core.ts';
import { department } from './reference.ts';

/** A survey round (调查轮次): name, local days, the departments asked (JSON array of ids; empty = all). */
export const surveyRound = sqliteTable('survey_round', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  startsOn: text('starts_on'),
  endsOn: text('ends_on'),
  departmentIds: text('department_ids').notNull().default('[]'),
  archivedAt: text('archived_at'),
  ...timestamps,
});

/**
 * One answered questionnaire. The department is kept as written (`departmentName`) and linked when it
 * matches a department; `satisfied` is derived from the overall answer (非常满意/满意 or a score ≥ 4),
 * null when the question was left blank. `importKey` is the fingerprint of the file row, so a re-import
 * adds nothing (and two laptops importing the same file count it once).
 */
export const surveyResponse = sqliteTable(
  'survey_response',
  {
    id: text('id').primaryKey(),
    roundId: text('round_id')
      .notNull()
      .references(() => surveyRound.id),
    departmentId: text('department_id').references(() => department.id),
    departmentName: text('department_name'),
    role: text('role'),
    answer: text('answer'),
    score: integer('score'),
    satisfied: integer('satisfied', { mode: 'boolean' }),
    comment: text('comment'),
    source: text('source', { enum: responseSources }).notNull(),
    submittedAt: text('submitted_at'),
    importKey: text('import_key'),
    archivedAt: text('archived_at'),
    ...timestamps,
  },
  (t) => [
    index('survey_response_round_idx').on(t.roundId),
    index('survey_response_import_key_idx').on(t.importKey),
  ],
);
