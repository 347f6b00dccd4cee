// The value sets of surveys.ts without zod, so the database schema and start-up code can use them
// without building every schema of the contract (the CLI starts faster; issue #17).
export const responseSources = ['import', 'paper'] as const;
export type ResponseSource = (typeof responseSources)[number];

/** Answers in words, best first (score 5 … 1). */
export const answerWords = ['非常满意', '满意', '一般', '不满意', '非常不满意'] as const;

export const surveysErrorCodes = ['survey_no_score_column', 'survey_bad_column'] as const;
