// Building blocks for the per-column schemas of replicated tables (issue #11, item 5): the value a synced
// change may carry for a column, as stored (text, integer, 0/1 for booleans, JSON text). Every change read
// from a `.wardside` file is parsed column by column with these before anything is written, so a file
// cannot store what the IPC inputs would refuse (unknown enum values, 50 MB names, non-JSON settings).
// Each area's contract slice exports `<table>ColumnSchemas` (one entry per column, by property name);
// db/replicated.ts joins them, and the app refuses to start when a replicated column has none.
import { z } from 'zod';

export type ColumnSchemas = Record<string, z.ZodType>;

/** A record id: UUID (v7 for records, v5 for stable ones) or another short token, never a path. */
const idPattern = /^[0-9A-Za-z_-]{1,64}$/;
/** ISO date or date-time as the services store them (UTC `…Z`, or a local `YYYY-MM-DD`). */
const isoPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const column = {
  id: () => z.string().regex(idPattern),
  optionalId: () => z.string().regex(idPattern).nullable(),
  /** Text up to `max` characters (stored as given: a file may carry text typed on a laptop). */
  text: (max: number) => z.string().max(max),
  optionalText: (max: number) => z.string().max(max).nullable(),
  time: () => z.string().max(40).regex(isoPattern),
  optionalTime: () => z.string().max(40).regex(isoPattern).nullable(),
  int: (min = -(2 ** 53) + 1, max = 2 ** 53 - 1) => z.number().int().min(min).max(max),
  optionalInt: (min?: number, max?: number) => column.int(min, max).nullable(),
  optionalReal: (min = -1e15, max = 1e15) => z.number().finite().min(min).max(max).nullable(),
  /** A boolean column as stored by SQLite: 0 or 1. */
  bool: () => z.union([z.literal(0), z.literal(1)]),
  oneOf: <T extends readonly [string, ...string[]]>(values: T) => z.enum(values),
  optionalOneOf: <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).nullable(),
  /** Text holding JSON of a known shape (a setting, a list): parsed, and the parse checked too. */
  json: (shape: z.ZodType, max: number) =>
    z
      .string()
      .max(max)
      .refine((text) => {
        try {
          return shape.safeParse(JSON.parse(text)).success;
        } catch {
          return false;
        }
      }, 'not the expected JSON'),
  optionalJson: (shape: z.ZodType, max: number) => column.json(shape, max).nullable(),
  /** The SHA-256 of a stored file: also checked again wherever it becomes a path (core/blobs.ts). */
  sha256: () => z.string().regex(/^[0-9a-f]{64}$/),
};

/** createdAt / updatedAt of every replicated record. */
export const timestampColumns = { createdAt: column.time(), updatedAt: column.time() };
