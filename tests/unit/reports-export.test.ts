// `wardside report` on the hand-computed dataset (issue #13): --json prints the figures; the .docx opened
// here (unzip + XML) has the title with hospital and project, every section's heading, the numbers of
// --json in its tables and one image per chart; the .xlsx neutralises formulas; a bad period exits 4.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '#contract/i18n/index.ts';
import type { ReportFigures } from '#contract/index.ts';
import { exitCodes, runCli } from '#main/cli/program.ts';
import { addEfficiency } from '#services/reports/logs.ts';
import { presetSections } from '#services/reports/saved.ts';
import { tempDir } from './helpers.ts';
import { dataset } from './reports-fixtures.ts';

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/** The visible text of each paragraph of word/document.xml, in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );
}

/** Rows of each table as cell texts. */
function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((tbl) =>
    [...tbl[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((tr) =>
      [...tr[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((tc) =>
        [...tc[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
      ),
    ),
  );
}

describe('wardside report', () => {
  const saved = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Asia/Shanghai';
  });
  afterAll(() => {
    process.env.TZ = saved;
  });

  it('prints the figures as JSON and writes a .docx whose tables hold the same numbers', async () => {
    const { ctx } = dataset();
    const db = ctx.dbPath;
    const json = await cli('report', '--db', db, '--from', '2026-11-16', '--to', '2026-11-22', '--json');
    expect(json.code, json.err).toBe(exitCodes.ok);
    const figures = JSON.parse(json.out) as ReportFigures;
    expect(figures.issues).toMatchObject({ reported: 6, resolved: 4, openAtEnd: 4, overdue: 2 });
    expect(figures.issues.bySeverity.P3).toEqual({ reported: 2, resolved: 0, openAtEnd: 2, overdue: 1 });
    expect(figures.kpis.map((k) => [k.key, k.status])).toContainEqual(['timeliness', 'red']);
    expect(figures.kpis.every((k) => 'value' in k && 'target' in k && 'status' in k)).toBe(true);

    const out = join(tempDir(), 'weekly.docx');
    const written = await cli(
      'report',
      '--db',
      db,
      '--from',
      '2026-11-16',
      '--to',
      '2026-11-22',
      '--kind',
      'weekly',
      '--out',
      out,
      '--lang',
      'zh-CN',
    );
    expect(written.code, written.err).toBe(exitCodes.ok);
    const zip = await JSZip.loadAsync(readFileSync(out));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = paragraphs(xml);
    const t = translator('zh-CN');
    // Title: hospital, project and the report's name; then the period.
    expect(text[0]).toBe('市第一人民医院 HIS 升级 周例会报告');
    expect(text[1]).toContain('2026-11-16 ~ 2026-11-22');
    // Every section of the weekly preset has its numbered heading, in order.
    const headings = presetSections.weekly.map((s, i) => `${i + 1}. ${t(`reports.sections.${s}`)}`);
    expect(text.filter((p) => /^\d+\. /.test(p))).toEqual(headings);
    // Headings use Word's heading styles (navigation pane, table of contents).
    expect((xml.match(/<w:pStyle w:val="Heading1"\/>/g) ?? []).length).toBe(headings.length);

    // The severity table: the numbers --json printed.
    const severity = tables(xml).find((tbl) => tbl[0]![0] === t('reports.col.severity') && tbl.length === 6)!;
    for (const row of severity.slice(1, 5)) {
      const c = figures.issues.bySeverity[row[0] as 'P1']!;
      expect(row.slice(1).map(Number)).toEqual([c.reported, c.resolved, c.openAtEnd, c.overdue]);
    }
    expect(severity[5]!.slice(1).map(Number)).toEqual([
      figures.issues.reported,
      figures.issues.resolved,
      figures.issues.openAtEnd,
      figures.issues.overdue,
    ]);
    // The KPI table: each KPI's status as in --json.
    const kpiTable = tables(xml).find((tbl) => tbl[0]![0] === t('reports.col.kpi'))!;
    expect(kpiTable.slice(1).map((r) => r[3])).toEqual(
      figures.kpis.map((k) => t(`reports.status.${k.status}`)),
    );
    expect(kpiTable.slice(1).find((r) => r[0] === t('reports.kpi.timeliness'))![1]).toBe('75.0%');
    // The department table agrees too.
    const departments = tables(xml).find(
      (tbl) => tbl[0]![0] === t('reports.col.department') && tbl[0]!.length === 5,
    )!;
    for (const row of departments.slice(1)) {
      const d = figures.issues.byDepartment.find((x) => x.name === row[0])!;
      expect(row.slice(1).map(Number)).toEqual([d.reported, d.resolved, d.openAtEnd, d.overdue]);
    }

    // One PNG per chart: arrivals and burn-down (no dual run in this dataset), each drawn once.
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(2);
    expect((xml.match(/<w:drawing>/g) ?? []).length).toBe(2);
    for (const f of media) {
      const png = await zip.file(f)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
    // A4 portrait, Chinese fonts declared.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const styles = await zip.file('word/styles.xml')!.async('string');
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:eastAsia="黑体"');
  });

  it('writes the figures as .xlsx with formula-like text neutralised', async () => {
    const { ctx } = dataset();
    addEfficiency(ctx, {
      name: '=HYPERLINK("http://x")',
      unit: '分钟',
      baseline: 10,
      current: 8,
      lowerIsBetter: true,
    });
    const out = join(tempDir(), 'monthly.xlsx');
    const r = await cli(
      'report',
      '--db',
      ctx.dbPath,
      '--from',
      '2026-11-01',
      '--to',
      '2026-11-22',
      '--kind',
      'monthly',
      '--out',
      out,
    );
    expect(r.code, r.err).toBe(exitCodes.ok);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const values = wb.worksheets.flatMap((s) =>
      s.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])),
    );
    expect(values).toContain('\'=HYPERLINK("http://x")');
    expect(values).not.toContain('=HYPERLINK("http://x")');
    expect(
      wb.worksheets.some((s) =>
        s
          .getSheetValues()
          .some(
            (row) =>
              Array.isArray(row) && row.some((c) => typeof c === 'object' && c !== null && 'formula' in c),
          ),
      ),
    ).toBe(false);
    // Numbers stay numbers: the total row of the severity sheet (A B C D E F G I reported in November).
    const severitySheet = wb.worksheets.find((s) => s.name.startsWith('问题统计'))!;
    const total = severitySheet
      .getSheetValues()
      .find((row) => Array.isArray(row) && row[1] === '合计') as unknown[];
    expect(total.slice(2)).toEqual([8, 4, 4, 2]);
  });

  it('exits 4 on a bad period, naming it', async () => {
    const { ctx } = dataset();
    for (const [from, to, named] of [
      ['2026-11-23', '2026-11-22', '2026-11-23 > 2026-11-22'],
      ['2026-11-31', '2026-12-01', '2026-11-31'],
      ['20261101', '2026-12-01', '20261101'],
    ]) {
      const r = await cli(
        'report',
        '--db',
        ctx.dbPath,
        '--from',
        from!,
        '--to',
        to!,
        '--json',
        '--lang',
        'en',
      );
      expect(r.code).toBe(exitCodes.input);
      expect(r.err).toContain(named);
      expect(r.err).toContain('not valid');
      expect(r.out).toBe('');
    }
    const bad = await cli('report', '--db', ctx.dbPath, '--out', join(tempDir(), 'x.pdf'));
    expect(bad.code).toBe(exitCodes.input);
  });
});
