// A list as an .xlsx file the way hospitals pass sheets around: a merged title row, a bold header row, one
// row per record, frozen header, column widths, wrapped long text, an autofilter and landscape print
// setup. Every text cell Excel could take for a formula is neutralised (OWASP CSV injection). Shared by
// the issue sheet (issues/sheet-export.ts) and the training not-ready list (training/export.ts).
import ExcelJS from 'exceljs';
import { neutraliseFormula } from '#services/sheets/formula.ts';

export type CellValue = string | number | Date | null;

/** An exported sheet as services return it (the IPC handlers send the bytes as base64). */
export interface SheetFile {
  fileName: string;
  bytes: Uint8Array;
  /** Records written (rows below the header). */
  count: number;
}

export interface ListColumn<R> {
  header: string;
  width: number;
  value: (row: R) => CellValue;
  /** Long text: wrapped and top-aligned. */
  wrap?: boolean;
  /** A Date cell shown as local date and time. */
  date?: boolean;
}

export async function listWorkbook<R>(options: {
  sheetName: string;
  title: string;
  columns: ListColumn<R>[];
  rows: R[];
  created: Date;
}): Promise<Buffer> {
  const { columns: cols, rows } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.created = options.created;
  const sheet = workbook.addWorksheet(options.sheetName, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 2, activeCell: 'A3' }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.pageSetup.printTitlesRow = '1:2';
  sheet.columns = cols.map((c) => ({ width: c.width }));

  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = neutraliseFormula(options.title);
  titleRow.getCell(1).font = { bold: true, size: 14 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  titleRow.height = 28;
  sheet.mergeCells(1, 1, 1, cols.length);

  const header = sheet.getRow(2);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = neutraliseFormula(c.header);
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  rows.forEach((r, index) => {
    const row = sheet.getRow(index + 3);
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const value = c.value(r);
      cell.value = typeof value === 'string' ? neutraliseFormula(value) : value;
      if (c.date) cell.numFmt = 'yyyy-mm-dd hh:mm';
      cell.alignment = { vertical: 'top', wrapText: Boolean(c.wrap) };
    });
  });
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + rows.length, column: cols.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A local wall-clock time as the Date exceljs writes verbatim (it writes UTC fields as the Excel serial). */
export function excelDate(iso: string | null): Date | null {
  if (!iso) return null;
  const d = new Date(iso);
  return new Date(
    Date.UTC(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds()),
  );
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "20261122-0930": the local time of an export, for its file name. */
export function fileStamp(now: Date, localDay: string): string {
  return `${localDay.replaceAll('-', '')}-${pad2(now.getHours())}${pad2(now.getMinutes())}`;
}
