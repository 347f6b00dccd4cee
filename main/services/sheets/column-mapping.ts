// What every sheet importer shares (departments and people in reference/reference-import.ts, pilot
// issues in issues/sheet-import.ts): reading the uploaded file with its size limit, finding the header row
// below merged title rows, suggesting a column for each field from common Chinese/English headers, and
// checking a mapping the user edited.
import type { TFunction } from 'i18next';
import { maxImportBytes } from '#contract/index.ts';
import { AppError } from '#services/core/errors.ts';
import { isBlankRow, readTable, type Table } from './tabular.ts';

export interface ColumnSpec {
  key: string;
  required: boolean;
  /** Catalogue key of the field's label. */
  label: string;
  synonyms: string[];
}

/** Field key → 0-based column index, or null for "not imported". */
export type ColumnMapping = Record<string, number | null>;

export interface Located {
  headerIndex: number;
  columns: string[];
  mapping: ColumnMapping;
}

export interface MappingOptions {
  /**
   * After the exact pass, also accept a header that contains a synonym of three or more characters
   * (问题描述及截图 → 问题描述). Two-character synonyms such as 科室 stay exact: 科室确认时间 is no department.
   */
  fuzzy?: boolean;
}

/** Header text without spaces, punctuation, case or parenthesised notes: "科室名称（必填）" → "科室名称". */
export const normaliseHeader = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：_\-./]|（.*?）|\(.*?\)/g, '')
    .trim();

export function suggestMapping(
  specs: ColumnSpec[],
  columns: string[],
  options: MappingOptions = {},
): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const normalised = columns.map(normaliseHeader);
  // Exact synonym matches first, in the order of the synonym lists, so that 科室名称 wins over 科室.
  for (const spec of specs) {
    mapping[spec.key] = null;
    for (const synonym of spec.synonyms.map(normaliseHeader)) {
      const index = normalised.findIndex((c, i) => c === synonym && !used.has(i));
      if (index >= 0) {
        mapping[spec.key] = index;
        used.add(index);
        break;
      }
    }
  }
  if (!options.fuzzy) return mapping;
  for (const spec of specs) {
    if (mapping[spec.key] !== null) continue;
    for (const synonym of spec.synonyms.map(normaliseHeader)) {
      if ([...synonym].length < 3) continue;
      const index = normalised.findIndex((c, i) => c.includes(synonym) && !used.has(i));
      if (index >= 0) {
        mapping[spec.key] = index;
        used.add(index);
        break;
      }
    }
  }
  return mapping;
}

/** The row among the first 20 whose cells name the most fields; title rows and blank rows above it are skipped. */
export function locateHeader(specs: ColumnSpec[], table: Table, options: MappingOptions = {}): Located {
  let best: Located | null = null;
  let bestScore = 0;
  for (let i = 0; i < Math.min(table.rows.length, 20); i++) {
    const row = table.rows[i]!;
    if (isBlankRow(row)) continue;
    const mapping = suggestMapping(specs, row, options);
    const score = Object.values(mapping).filter((v) => v !== null).length;
    if (score > bestScore) {
      best = { headerIndex: i, columns: row, mapping };
      bestScore = score;
    }
  }
  if (best) return best;
  const first = table.rows.findIndex((r) => !isBlankRow(r));
  if (first < 0) throw new AppError('import_empty', { file: '' });
  const columns = table.rows[first]!;
  return { headerIndex: first, columns, mapping: Object.fromEntries(specs.map((s) => [s.key, null])) };
}

/** A mapping sent back by the UI names only known fields and existing columns. */
export function checkMapping(specs: ColumnSpec[], columns: string[], mapping: ColumnMapping, t: TFunction) {
  for (const [key, column] of Object.entries(mapping)) {
    const spec = specs.find((s) => s.key === key);
    if (!spec || (column !== null && column >= columns.length)) {
      throw new AppError('import_bad_column', {
        field: spec ? t(spec.label) : key,
        column: (column ?? 0) + 1,
      });
    }
  }
}

export interface UploadedFile {
  fileName: string;
  bytes: Uint8Array;
}

/** Reads an uploaded sheet, refusing oversized and empty files with a message naming them. */
export async function loadTable(file: UploadedFile): Promise<Table> {
  const { bytes } = file;
  if (bytes.byteLength > maxImportBytes) {
    throw new AppError('import_too_large', {
      file: file.fileName,
      size: (bytes.byteLength / 1048576).toFixed(1),
      limit: maxImportBytes / 1048576,
    });
  }
  const table = await readTable(file.fileName, bytes);
  if (table.rows.every(isBlankRow)) throw new AppError('import_empty', { file: file.fileName });
  return table;
}

/** The rows below the header that hold anything, with their spreadsheet row numbers. */
export function dataRows(table: Table, headerIndex: number): { row: number; cells: string[] }[] {
  const out: { row: number; cells: string[] }[] = [];
  for (let i = headerIndex + 1; i < table.rows.length; i++) {
    const cells = table.rows[i]!;
    if (!isBlankRow(cells)) out.push({ row: i + 1, cells });
  }
  return out;
}

/** The trimmed cell of `key` in a data row, '' when the field is not mapped. */
export function cellOf(cells: string[], mapping: ColumnMapping, key: string): string {
  const col = mapping[key];
  return col === null || col === undefined ? '' : (cells[col] ?? '').trim();
}
