// The filtered discrepancy list for the vendor, as .xlsx (keys stay text, so leading zeros survive) or as
// UTF-8 CSV with a BOM (Excel on a Chinese Windows reads it without garbling). Text cells Excel could take
// for a formula are neutralised like every other export (issues/sheet-values.ts).
import ExcelJS from 'exceljs';
import type { DiscrepancyItem, ItemFilter, ItemSortKey } from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { neutraliseFormula } from '#services/sheets/formula.ts';
import { getLocale } from '#services/core/settings.ts';
import type { SheetFile } from '#services/sheets/xlsx-list.ts';
import { listItems } from './items.ts';
import { getProfile } from './profiles.ts';

export interface ItemExportInput {
  filter: ItemFilter;
  sort?: { key: ItemSortKey; dir: 'asc' | 'desc' };
  format: 'xlsx' | 'csv';
}

// A plain number cannot be a formula: "-12.50" is an amount, written as is rather than as "'-12.50".
const safe = (value: string) => (/^-?\d+(\.\d+)?$/.test(value) ? value : neutraliseFormula(value));

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

export async function exportItems(ctx: Ctx, input: ItemExportInput): Promise<SheetFile> {
  const t = translator(getLocale(ctx));
  const profile = getProfile(ctx, input.filter.profileId);
  const { rows } = listItems(ctx, {
    filter: input.filter,
    sort: input.sort ?? { key: 'key', dir: 'asc' },
    offset: 0,
    limit: Number.MAX_SAFE_INTEGER,
  });
  const columns: { header: string; width: number; value: (i: DiscrepancyItem) => string | number | null }[] =
    [
      { header: t('dualRun.item.key'), width: 18, value: (i) => i.key.join(' / ') },
      { header: t('dualRun.item.kind'), width: 12, value: (i) => t(`dualRun.kinds.${i.kind}`) },
      { header: t('dualRun.item.column'), width: 14, value: (i) => i.column },
      { header: t('dualRun.item.oldValue'), width: 18, value: (i) => i.oldValue },
      { header: t('dualRun.item.newValue'), width: 18, value: (i) => i.newValue },
      { header: t('dualRun.item.oldRow'), width: 9, value: (i) => i.oldRow },
      { header: t('dualRun.item.newRow'), width: 9, value: (i) => i.newRow },
      { header: t('dualRun.item.firstSeen'), width: 12, value: (i) => i.firstSeenDate },
      { header: t('dualRun.item.lastSeen'), width: 12, value: (i) => i.lastSeenDate },
      { header: t('dualRun.item.age'), width: 8, value: (i) => i.ageDays },
      { header: t('dualRun.item.status'), width: 10, value: (i) => t(`dualRun.statuses.${i.status}`) },
      {
        header: t('dualRun.item.cause'),
        width: 14,
        value: (i) => (i.cause ? t(`dualRun.causes.${i.cause}`) : null),
      },
      { header: t('dualRun.item.note'), width: 30, value: (i) => i.note },
      { header: t('dualRun.item.issue'), width: 11, value: (i) => i.issueNumber },
    ];
  const stamp = localDay(ctx.now()).replaceAll('-', '');
  const fileName = `${t('dualRun.export.fileName', { domain: profile.domain })}-${stamp}.${input.format}`;

  if (input.format === 'csv') {
    const lines = [columns.map((c) => csvCell(safe(c.header))).join(',')];
    for (const item of rows) {
      lines.push(
        columns
          .map((c) => {
            const v = c.value(item);
            return v === null ? '' : typeof v === 'number' ? String(v) : csvCell(safe(v));
          })
          .join(','),
      );
    }
    const bytes = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    return { fileName, bytes, count: rows.length };
  }

  const workbook = new ExcelJS.Workbook();
  workbook.created = ctx.now();
  const sheet = workbook.addWorksheet(t('dualRun.export.sheetName'), {
    views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }],
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  const header = sheet.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = safe(c.header);
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
  });
  rows.forEach((item, index) => {
    const row = sheet.getRow(index + 2);
    columns.forEach((c, i) => {
      const v = c.value(item);
      // Values stay text (a key "0012" must not become 12); only counts are numbers.
      row.getCell(i + 1).value = typeof v === 'string' ? safe(v) : v;
    });
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: columns.length } };
  return { fileName, bytes: Buffer.from(await workbook.xlsx.writeBuffer()), count: rows.length };
}
