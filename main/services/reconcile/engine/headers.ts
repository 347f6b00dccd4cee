// What the profile mapping wizard shows before a comparison: each file's header cells, its detected
// encoding and a few data rows, read from the start of the file only.
import { publicEncoding } from './encoding.ts';
import { openTable } from './sources.ts';
import type { EncodingChoice } from '#contract/reconcile-engine.ts';

export interface FileHeaders {
  headers: string[];
  /** Detected (or chosen) text encoding; 'xlsx' for a workbook. */
  encoding: Exclude<EncodingChoice, 'auto'> | 'xlsx';
  /** Up to five data rows, cells trimmed. */
  sampleRows: string[][];
}

export async function readHeaders(file: string, encoding: EncodingChoice = 'auto'): Promise<FileHeaders> {
  const table = await openTable(file, encoding);
  return {
    headers: table.headers,
    encoding: table.encoding === 'xlsx' ? 'xlsx' : publicEncoding(table.encoding),
    sampleRows: table.sampleRows,
  };
}
