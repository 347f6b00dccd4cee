// Reading an .xlsx is the same every time (sheets/xlsx-stream.ts). exceljs' own streaming walk (unzipper)
// lost entries in 1 to 7 reads out of 100 of one and the same file under Node 22, so a cutover export
// failed to read back now and then on CI; these tests read one workbook many times and would catch that.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readHeaders } from '#services/reconcile/engine/index.ts';
import { readTable } from '#services/sheets/tabular.ts';
import { tempDir } from './helpers.ts';

const openFiles = () => readdirSync('/proc/self/fd').length;

/** Four sheets, as the cutover export writes them: the shared strings come after the worksheets. */
async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('说明');
  notes.addRow([]);
  const steps = wb.addWorksheet('切换步骤');
  steps.addRow(['序号', '步骤', '负责人', '计划开始']);
  for (let i = 1; i <= 40; i++)
    steps.addRow([i, `步骤${i}`, '信息科', new Date(Date.UTC(2026, 11, 1, i % 24))]);
  wb.addWorksheet('会议').addRow(['时间', '结论']);
  wb.addWorksheet('应急').addRow(['时间', '事件']);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('xlsx reading', () => {
  it('reads the same workbook the same way 150 times in a row (sheet import)', async () => {
    const bytes = await workbook();
    const first = await readTable('切换方案.xlsx', bytes);
    expect(first.sheetName).toBe('切换步骤');
    expect(first.rows[0]).toEqual(['序号', '步骤', '负责人', '计划开始']);
    expect(first.rows).toHaveLength(41);
    const failures: string[] = [];
    for (let i = 0; i < 150; i++) {
      try {
        const again = await readTable('切换方案.xlsx', bytes);
        if (JSON.stringify(again.rows) !== JSON.stringify(first.rows))
          failures.push(`read ${i}: rows differ`);
      } catch (error) {
        failures.push(`read ${i}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('reads the same workbook file the same way 60 times in a row and leaves no file open (reconciliation)', async () => {
    const dir = tempDir();
    const path = join(dir, '旧系统.xlsx');
    writeFileSync(path, await workbook());
    const before = openFiles();
    const failures: string[] = [];
    for (let i = 0; i < 60; i++) {
      try {
        const headers = await readHeaders(path);
        if (headers.headers.join() !== '序号,步骤,负责人,计划开始')
          failures.push(`read ${i}: ${headers.headers.join()}`);
      } catch (error) {
        failures.push(`read ${i}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    // Each read stops after the sample rows: the file handle and entry streams it opened are closed.
    expect(openFiles()).toBeLessThanOrEqual(before + 2);
  });
});
