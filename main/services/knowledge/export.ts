// The FAQ (常见问题) per system, ready to print or post in the wards: .docx (a heading per system, each
// article's symptom, cause and numbered steps) or .xlsx (one row per article, formula-looking text
// neutralised). FAQ articles only by default: internal notes stay with the engineers.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { ArticleRow, KnowledgeExportInput, Locale } from '#contract/index.ts';
import { translator } from '#contract/i18n/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { getLocale } from '#services/core/settings.ts';
import { getProject } from '#services/reference/project.ts';
import { localDay } from '#services/sheets/local-days.ts';
import { fileStamp, listWorkbook, type SheetFile } from '#services/sheets/xlsx-list.ts';
import { listArticles } from './articles.ts';

/** Numbered lines ("1. …", "2、…") become steps; text without line breaks is one step. */
export function stepsOf(solution: string): string[] {
  return solution
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:\d+[.、)）]|[-*•])\s*/, '').trim())
    .filter(Boolean);
}

function bySystem(rows: ArticleRow[], none: string): [string, ArticleRow[]][] {
  const groups = new Map<string, ArticleRow[]>();
  for (const row of rows) {
    const key = row.systemName ?? none;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'zh-CN'));
}

export async function exportFaq(
  ctx: Ctx,
  input: KnowledgeExportInput,
  options: { locale?: Locale } = {},
): Promise<SheetFile> {
  const t = translator(options.locale ?? getLocale(ctx));
  const now = ctx.now();
  const rows = listArticles(ctx, {
    systemId: input.systemId ?? undefined,
    audience: input.faqOnly ? 'faq' : undefined,
    includeArchived: false,
    limit: 5000,
  }).sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
  if (rows.length === 0) throw new AppError('kb_nothing_to_export', {});
  const project = getProject(ctx);
  const date = localDay(now);
  const title = t('knowledge.faq.title', { hospital: project?.hospital ?? '', date }).trim();
  const none = t('knowledge.noSystem');
  const base = `${t('knowledge.faq.fileName')}-${fileStamp(now, date)}`;

  if (input.format === 'xlsx') {
    const bytes = await listWorkbook({
      sheetName: t('knowledge.faq.sheetName'),
      title,
      created: now,
      rows: rows.map((r, i) => ({ ...r, seq: i + 1 })),
      columns: [
        { header: t('knowledge.faq.seq'), width: 6, value: (r) => r.seq },
        { header: t('knowledge.system'), width: 12, value: (r) => r.systemName ?? none },
        { header: t('knowledge.module'), width: 12, value: (r) => r.moduleName },
        { header: t('knowledge.titleField'), width: 28, value: (r) => r.title, wrap: true },
        { header: t('knowledge.symptom'), width: 36, value: (r) => r.symptom, wrap: true },
        { header: t('knowledge.cause'), width: 28, value: (r) => r.cause, wrap: true },
        { header: t('knowledge.solution'), width: 48, value: (r) => r.solution, wrap: true },
        { header: t('knowledge.tags'), width: 16, value: (r) => r.tags.join('、') },
      ],
    });
    return { fileName: `${base}.xlsx`, bytes, count: rows.length };
  }

  const font = 'Microsoft YaHei';
  const run = (text: string, opts: { bold?: boolean; size?: number } = {}) =>
    new TextRun({
      text,
      font: { eastAsia: font, ascii: font, hAnsi: font },
      size: opts.size ?? 22,
      bold: opts.bold,
    });
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [run(title, { bold: true, size: 36 })],
    }),
  ];
  for (const [systemName, list] of bySystem(rows, none)) {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        spacing: { before: 360, after: 120 },
        children: [run(systemName, { bold: true, size: 30 })],
      }),
    );
    list.forEach((a, i) => {
      children.push(
        new Paragraph({
          heading: HeadingLevel.HEADING_2,
          spacing: { before: 240, after: 80 },
          keepNext: true,
          children: [run(`${i + 1}. ${a.title}`, { bold: true, size: 26 })],
        }),
        new Paragraph({
          keepNext: true,
          children: [run(`${t('knowledge.symptom')}：`, { bold: true }), run(a.symptom)],
        }),
      );
      if (a.cause) {
        children.push(
          new Paragraph({
            keepNext: true,
            children: [run(`${t('knowledge.cause')}：`, { bold: true }), run(a.cause)],
          }),
        );
      }
      children.push(
        new Paragraph({ keepNext: true, children: [run(`${t('knowledge.solution')}：`, { bold: true })] }),
      );
      stepsOf(a.solution).forEach((step, n) =>
        children.push(new Paragraph({ indent: { left: 360 }, children: [run(`${n + 1}. ${step}`)] })),
      );
    });
  }
  const doc = new Document({
    creator: 'Wardside',
    title,
    sections: [
      { properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } }, children },
    ],
  });
  const bytes = new Uint8Array(await Packer.toBuffer(doc));
  return { fileName: `${base}.docx`, bytes, count: rows.length };
}
