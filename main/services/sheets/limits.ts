// The limits a sheet import checks row by row, read from the contract's input schemas instead of being
// written a second time: a row the import accepts is then one the service accepts too, and a limit
// changed in the contract changes the import with it. Read through zod's JSON Schema, the documented way
// to look into a schema; a schema without the limit asked for is a programming error, thrown when the
// importer's module loads.
import { z } from 'zod';

interface Stated {
  maxLength?: number;
  maxItems?: number;
  items?: Stated;
  anyOf?: Stated[];
}

const statedBy = (schema: z.ZodType): Stated =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Stated;

/** `key` as the schema states it, also inside a nullable or optional field (`anyOf` with null). */
function stated(json: Stated, key: 'maxLength' | 'maxItems'): number {
  const value = json[key] ?? json.anyOf?.map((branch) => branch[key]).find((v) => v !== undefined);
  if (value === undefined) throw new Error(`the contract states no ${key} for this field`);
  return value;
}

/** The most characters a text field takes. */
export const maxLength = (schema: z.ZodType) => stated(statedBy(schema), 'maxLength');

/** The most entries a list field takes. */
export const maxItems = (schema: z.ZodType) => stated(statedBy(schema), 'maxItems');

/** The most characters each entry of a list field takes. */
export const maxItemLength = (schema: z.ZodType) => stated(statedBy(schema).items ?? {}, 'maxLength');

/** Whether the contract accepts `value` for this field (a pattern, a range: what no number says alone). */
export const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;
