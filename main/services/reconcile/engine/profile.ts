// The profile of a data domain as JSON (what `wardside reconcile --profile P.json` reads and what the app
// stores): validated with zod so a typo names the column and the field instead of failing half-way.
import { z } from 'zod';
import { AppError } from '#services/core/errors.ts';
import { compareKinds, type Profile } from '#contract/reconcile-engine.ts';

const header = z.string().trim().min(1, 'must not be empty');

const columnSchema = z.strictObject({
  old: header,
  new: header,
  key: z.boolean().optional(),
  compare: z.enum(compareKinds).optional(),
  tolerance: z.number().nonnegative().finite().optional(),
});

export const profileSchema = z
  .strictObject({
    name: z.string().trim().min(1, 'must not be empty'),
    columns: z.array(columnSchema).min(1, 'must list at least one column'),
  })
  .superRefine((profile, ctx) => {
    if (!profile.columns.some((c) => c.key)) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'no column has "key": true' });
    }
    for (const side of ['old', 'new'] as const) {
      const seen = new Set<string>();
      profile.columns.forEach((c, i) => {
        if (seen.has(c[side])) {
          ctx.addIssue({
            code: 'custom',
            path: ['columns', i, side],
            message: `"${c[side]}" is mapped twice`,
          });
        }
        seen.add(c[side]);
      });
    }
    profile.columns.forEach((c, i) => {
      if (c.key && c.compare && c.compare !== 'text') {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'compare'],
          message: 'key columns are compared as text (leading zeros kept); leave "compare" out',
        });
      }
      if (c.tolerance !== undefined && c.compare !== 'number') {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i, 'tolerance'],
          message: '"tolerance" applies to "compare": "number" only',
        });
      }
    });
  });

function describeIssues(error: z.ZodError, value: unknown): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const where = issue.path
        .map((p, i) => {
          if (typeof p !== 'number') return i === 0 ? String(p) : `.${String(p)}`;
          // Name the column by its headers: "columns[3] (金额 → amount)" is easier to find than an index.
          const column = (value as { columns?: { old?: unknown; new?: unknown }[] })?.columns?.[p];
          const label =
            column && typeof column === 'object' ? ` (${String(column.old)} → ${String(column.new)})` : '';
          return `[${p}]${label}`;
        })
        .join('');
      return where ? `${where}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** Checks an already parsed profile object (the app's stored profiles, the CLI's JSON). */
export function validateProfile(value: unknown, fileName: string): Profile {
  const parsed = profileSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError('reconcile_bad_profile', {
      file: fileName,
      detail: describeIssues(parsed.error, value),
    });
  }
  return parsed.data;
}

/** Parses profile JSON text; every error names the file and the offending column. */
export function parseProfile(json: string, fileName: string): Profile {
  let value: unknown;
  try {
    value = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('reconcile_bad_profile', { file: fileName, detail: (error as Error).message });
  }
  return validateProfile(value, fileName);
}
