// zod building blocks shared by the contract's input schemas.
import { z } from 'zod';

/** Required text, trimmed, 1..max characters. */
export const text = (max: number) => z.string().trim().min(1).max(max);
/** Optional text, trimmed; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));
export const id = z.string().min(1).max(64);
export const optionalId = id.nullish().transform((v) => v ?? null);

/** Declares a method's result type without a runtime value. */
export const returns =
  <O>() =>
  <I extends z.ZodType>(input: I) => ({ input, output: undefined as unknown as O });

/** File content as it crosses IPC/HTTP (base64 grows by 4/3); services check the decoded size again. */
export const base64Content = (maxBytes: number) =>
  z
    .string()
    .max(Math.ceil((maxBytes * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');

/** Field key → 0-based column index in the file, or null for "not imported". */
export const columnMapping = z.record(z.string().max(32), z.number().int().min(0).max(500).nullable());

export const archiveInput = z.object({ id, archived: z.boolean() });
export const empty = z.object({}).strict().default({});
