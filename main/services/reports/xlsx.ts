// The report's figures as .xlsx (exceljs): one sheet per section with a table, every text cell neutralised
// against formula injection (sheets/formula.ts), numbers as numbers.
import ExcelJS from 'exceljs';
import type { TFunction } from 'i18next';
import type { ReportView } from '#contract/index.ts';
import { neutraliseFormula } from '#services/sheets/formula.ts';
import { reportContent, reportSubtitle, reportTitle } from '#contract/report-content.ts';

const cellValue = (v: string | number) => (typeof v === 'number' ? v : neutraliseFormula(v));

export async function reportXlsx(view: ReportView, t: TFunction, created: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = created;
  const used = new Set<string>();
  for (const block of reportContent(view, t)) {
    if (block.tables.length === 0 && block.lines.length === 0) continue;
    // Sheet names: at most 31 characters, none of []:*?/\ and unique.
    let name = block.heading.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    const sheet = wb.addWorksheet(name);
    sheet.addRow([cellValue(reportTitle(view))]).font = { bold: true, size: 14 };
    sheet.addRow([cellValue(reportSubtitle(view, t))]);
    sheet.addRow([cellValue(block.heading)]).font = { bold: true };
    for (const line of block.lines) sheet.addRow([cellValue(line)]);
    for (const tbl of block.tables) {
      sheet.addRow([]);
      const header = sheet.addRow(tbl.columns.map(cellValue));
      header.font = { bold: true };
      header.eachCell((c) => {
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      });
      for (const r of tbl.rows) sheet.addRow(r.map(cellValue));
    }
    sheet.columns.forEach((c, i) => {
      c.width = i === 0 ? 24 : 14;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
