// Satisfaction surveys (满意度调查, issue #14): rounds, results imported from 问卷星/腾讯问卷 (xlsx or csv) or
// keyed in from paper forms, and the satisfaction rate per department, role and round.
import { z } from 'zod';
import { base64Content, id, optionalText, returns, text } from './schemas.ts';
import { responseSources, answerWords } from './values/surveys.ts';
export * from './values/surveys.ts';

export const maxSurveyFileBytes = 30 * 1024 * 1024;

export interface SurveyRound {
  id: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  departmentIds: string[];
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SurveyRoundRow extends SurveyRound {
  responses: number;
}

export interface SurveyImportPreview {
  fileName: string;
  /** Headers as found (0-based column index = position). */
  headers: string[];
  departmentColumn: number | null;
  scoreColumn: number;
  roleColumn: number | null;
  commentColumns: number[];
  rows: number;
  /** Rows new to this round, and rows already imported (same fingerprint). */
  added: number;
  alreadyImported: number;
  /** Rows with the overall question left blank (kept, not answered). */
  blank: number;
  /** Department names that match no department: kept as written. */
  unknownDepartments: string[];
  /** The first rows as read: department, answer, score, satisfied. */
  sample: { row: number; department: string; answer: string; satisfied: boolean | null }[];
}

export interface SurveyImportResult {
  added: number;
  alreadyImported: number;
}

export interface RateCount {
  responses: number;
  answered: number;
  satisfied: number;
  /** satisfied ÷ answered, 0–1; null when nothing was answered. */
  satisfactionRate: number | null;
}

export interface SurveyResults {
  total: RateCount;
  byDepartment: ({ name: string; departmentId: string | null } & RateCount)[];
  byRole: ({ role: string } & RateCount)[];
  byRound: ({ roundId: string; name: string } & RateCount)[];
  comments: { department: string; role: string | null; comment: string; answer: string | null }[];
}

export interface SurveyExportFile {
  fileName: string;
  contentBase64: string;
  count: number;
}

export const roundInput = z.object({
  name: text(100),
  startsOn: z.iso
    .date()
    .nullish()
    .transform((v) => v ?? null),
  endsOn: z.iso
    .date()
    .nullish()
    .transform((v) => v ?? null),
  departmentIds: z.array(id).max(500).default([]),
});
export type RoundInput = z.output<typeof roundInput>;

export const surveyFileInput = z.object({
  roundId: id,
  fileName: z.string().min(1).max(255),
  contentBase64: base64Content(maxSurveyFileBytes),
  departmentColumn: z.number().int().min(0).max(500).nullish(),
  scoreColumn: z.number().int().min(0).max(500).nullish(),
});
export type SurveyFileInput = z.output<typeof surveyFileInput>;

/** One paper form keyed in: the answer as a word or a 1–5 score. */
export const paperInput = z.object({
  roundId: id,
  department: text(64),
  role: optionalText(32),
  answer: z.union([z.enum(answerWords), z.number().int().min(1).max(5)]).nullable(),
  comment: optionalText(2000),
});
export type PaperInput = z.output<typeof paperInput>;

export const resultsInput = z.object({ roundId: id.nullish() }).default({});

const day = z.iso.date().nullable();
export const surveyRoundColumnSchemas = {
  id,
  name: text(100),
  startsOn: day,
  endsOn: day,
  departmentIds: z.string().max(40_000),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};
export const surveyResponseColumnSchemas = {
  id,
  roundId: id,
  departmentId: id.nullable(),
  departmentName: z.string().max(200).nullable(),
  role: z.string().max(200).nullable(),
  answer: z.string().max(200).nullable(),
  score: z.number().int().min(1).max(5).nullable(),
  // As stored: SQLite keeps the boolean as 0 or 1.
  satisfied: z.union([z.literal(0), z.literal(1)]).nullable(),
  comment: z.string().max(4000).nullable(),
  source: z.enum(responseSources),
  submittedAt: z.string().max(64).nullable(),
  importKey: z.string().max(128).nullable(),
  archivedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const surveysContract = {
  'surveys.rounds': returns<SurveyRoundRow[]>()(z.object({}).strict().default({})),
  'surveys.createRound': returns<SurveyRound>()(roundInput),
  'surveys.previewImport': returns<SurveyImportPreview>()(surveyFileInput),
  'surveys.commitImport': returns<SurveyImportResult>()(surveyFileInput),
  'surveys.addPaper': returns<{ id: string }>()(paperInput),
  'surveys.results': returns<SurveyResults>()(resultsInput),
  'surveys.exportResults': returns<SurveyExportFile>()(resultsInput),
} as const;
