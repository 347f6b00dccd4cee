// The cutover plan as an .xlsx: the runbook, the go/no-go meetings and the emergency log, one sheet each.
// Every text cell is neutralised (sheets/formula.ts): owners and notes are typed by people.
import ExcelJS from 'exceljs';
import { translator } from '#contract/i18n/index.ts';
import type { Locale } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { neutraliseFormula } from '#services/sheets/formula.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { excelDate, fileStamp, type SheetFile } from '#services/sheets/xlsx-list.ts';
import { cutoverPlan } from './cutover.ts';

type Cell = string | number | Date | null;

function addSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: Cell[][],
  widths: number[],
) {
  // Excel refuses * ? : \ / [ ] in sheet names and more than 31 characters.
  const sheet = workbook.addWorksheet(name.replace(/[*?:\\/[\]]/g, '-').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = widths.map((width) => ({ width }));
  const head = sheet.addRow(header.map(neutraliseFormula));
  head.font = { bold: true };
  for (const r of rows) {
    const row = sheet.addRow(r.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : v)));
    row.eachCell((cell) => {
      cell.alignment = { vertical: 'top', wrapText: true };
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm';
    });
  }
}

export async function exportCutover(ctx: Ctx, locale: Locale): Promise<SheetFile> {
  const t = translator(locale);
  const plan = cutoverPlan(ctx);
  const seqOf = new Map(plan.steps.map((s) => [s.id, s.seq]));
  const workbook = new ExcelJS.Workbook();
  workbook.created = ctx.now();
  addSheet(
    workbook,
    t('cutover.runbook.title'),
    [
      t('cutover.runbook.seq'),
      t('cutover.runbook.step'),
      t('cutover.runbook.owner'),
      t('cutover.runbook.plannedStart'),
      t('cutover.runbook.plannedEnd'),
      t('cutover.runbook.actualStart'),
      t('cutover.runbook.actualEnd'),
      t('cutover.runbook.status'),
      t('cutover.runbook.dependsOn'),
    ],
    plan.steps.map((s) => [
      s.seq,
      s.title,
      s.owner,
      excelDate(s.plannedStart),
      excelDate(s.plannedEnd),
      excelDate(s.actualStart),
      excelDate(s.actualEnd),
      t(`cutover.stepStatuses.${s.status}`),
      s.dependsOn.map((d) => seqOf.get(d) ?? '?').join(', '),
    ]),
    [6, 36, 12, 17, 17, 17, 17, 10, 12],
  );
  addSheet(
    workbook,
    t('cutover.meeting.title'),
    [
      t('cutover.meeting.heldAt'),
      t('cutover.meeting.decision'),
      t('cutover.meeting.attendees'),
      t('cutover.meeting.dualRun'),
      t('cutover.meeting.openIssues', { count: '' }).replace(/[:：]\s*$/, ''),
      t('cutover.meeting.notes'),
    ],
    plan.meetings.map((m) => [
      excelDate(m.heldAt),
      t(`cutover.decisions.${m.decision}`),
      m.attendees.join(t('common.listSeparator')),
      m.snapshot.dualRun.go ? t('cutover.meeting.dualRunGo') : t('cutover.meeting.dualRunNoGo'),
      m.snapshot.openIssues.map((i) => `${i.number} ${i.title}`).join('\n'),
      m.notes,
    ]),
    [17, 14, 30, 16, 36, 40],
  );
  addSheet(
    workbook,
    t('cutover.triggers.title'),
    [t('cutover.triggers.condition'), t('cutover.triggers.action')],
    plan.triggers.map((x) => [x.condition, x.action]),
    [50, 50],
  );
  addSheet(
    workbook,
    t('cutover.emergency.title'),
    [
      t('cutover.emergency.at'),
      t('cutover.emergency.kind'),
      t('cutover.emergency.department'),
      t('cutover.emergency.note'),
      t('cutover.emergency.actor'),
    ],
    plan.emergencies
      .toReversed()
      .flatMap((e) =>
        e.events.map((ev) => [
          excelDate(ev.at),
          t(`cutover.eventKinds.${ev.kind}`),
          ev.departmentName,
          ev.note,
          ev.actor,
        ]),
      ),
    [17, 24, 14, 50, 12],
  );
  const now = ctx.now();
  return {
    fileName: `${t('cutover.exportTitle')}-${fileStamp(now, localDay(now))}.xlsx`,
    bytes: Buffer.from(await workbook.xlsx.writeBuffer()),
    count: plan.steps.length,
  };
}
