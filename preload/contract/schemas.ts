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
