// Columns of an issue sheet that no field reads (备注, 联系电话, 床号…): their values are kept at the end of
// the issue's description as "header：value" lines rather than dropped without a word (issue #12), and the
// preview names them. Row numbers and the export's own derived columns (序号, 问题编号, 是否超时) are not
// data and are left out.
import { en, zhCN } from '#contract/i18n/index.ts';
import { normaliseHeader, type Located } from '#services/sheets/column-mapping.ts';
import { restoreNeutralised } from '#services/sheets/formula.ts';
import type { Table } from '#services/sheets/tabular.ts';
import { fieldMaxLength } from './sheet-fields.ts';

export interface ExtraColumn {
  index: number;
  header: string;
}

const notData = new Set(
  [
    '序号',
    '编号',
    '问题编号',
    '行号',
    'no',
    'seq',
    'number',
    'id',
    zhCN.issueSheet.columns.seq,
    zhCN.issueSheet.columns.number,
    zhCN.issueSheet.columns.overdue,
    en.issueSheet.columns.seq,
    en.issueSheet.columns.number,
    en.issueSheet.columns.overdue,
  ].map(normaliseHeader),
);

/** The unmapped columns with a header and at least one value below it. */
export function extraColumns(table: Table, located: Located): ExtraColumn[] {
  const used = new Set(Object.values(located.mapping).filter((v): v is number => v !== null));
  const extras: ExtraColumn[] = [];
  located.columns.forEach((header, index) => {
    const name = header.trim();
    if (!name || used.has(index) || notData.has(normaliseHeader(name))) return;
    const hasValue = table.rows
      .slice(located.headerIndex + 1)
      .some((cells) => (cells[index] ?? '').trim() !== '');
    if (hasValue) extras.push({ index, header: name });
  });
  return extras;
}

/** The description with the row's values of the extra columns after it (within the field's limit). */
export function withExtras(
  description: string | null,
  cells: string[],
  extras: ExtraColumn[],
): string | null {
  const lines = extras
    .map((c) => ({ header: c.header, value: restoreNeutralised((cells[c.index] ?? '').trim()) }))
    .filter((c) => c.value)
    .map((c) => `${c.header}：${c.value}`);
  if (!lines.length) return description;
  const text = description ? `${description}\n\n${lines.join('\n')}` : lines.join('\n');
  const max = fieldMaxLength.description!;
  return [...text].length > max ? [...text].slice(0, max - 1).join('') + '…' : text;
}
