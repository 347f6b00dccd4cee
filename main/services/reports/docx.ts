// The report as a Word file (.docx) built with the `docx` library: A4 portrait, Chinese fonts (宋体 body,
// 黑体 headings; Word and WPS substitute what the machine has), a title with the hospital and project,
// one heading per section, tables, and the charts embedded as PNG images (charts.ts).
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { TFunction } from 'i18next';
import type { ReportView } from '#contract/index.ts';
import { renderReportCharts } from './charts.ts';
import { reportContent, reportSubtitle, reportTitle, type ContentTable } from '#contract/report-content.ts';

const bodyFont = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '宋体', cs: 'Calibri' };
const headingFont = { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '黑体', cs: 'Calibri' };
/** A4 in twentieths of a point, 2.54 cm margins: 16 cm of text width. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1440;
const TEXT_WIDTH_PX = 600;

const border = { style: BorderStyle.SINGLE, size: 4, color: '999999' };
const borders = { top: border, bottom: border, left: border, right: border };

const cell = (text: string | number, header: boolean) =>
  new TableCell({
    borders,
    shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'DDEBF7' } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: typeof text === 'number' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text: String(text), bold: header, size: 20 })],
      }),
    ],
  });

function table(tableContent: ContentTable): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: tableContent.columns.map((c) => cell(c, true)) }),
      ...tableContent.rows.map((r) => new TableRow({ children: r.map((v) => cell(v, false)) })),
    ],
  });
}

export async function reportDocx(view: ReportView, t: TFunction): Promise<Buffer> {
  const blocks = reportContent(view, t);
  const charts = view.sections.includes('charts') ? await renderReportCharts(view.figures, t) : [];
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun(reportTitle(view))],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
      children: [new TextRun({ text: reportSubtitle(view, t), color: '666666', size: 20 })],
    }),
  ];
  blocks.forEach((block, n) => {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(`${n + 1}. ${block.heading}`)],
      }),
    );
    for (const line of block.lines)
      children.push(new Paragraph({ spacing: { after: 80 }, children: [new TextRun(line)] }));
    for (const tbl of block.tables) {
      children.push(table(tbl));
      children.push(new Paragraph({ children: [] }));
    }
    if (block.charts) {
      for (const chart of charts) {
        children.push(
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(chart.title)] }),
        );
        children.push(
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new ImageRun({
                type: 'png',
                data: chart.png,
                transformation: {
                  width: TEXT_WIDTH_PX,
                  height: Math.round((TEXT_WIDTH_PX * chart.height) / chart.width),
                },
                altText: { name: chart.key, title: chart.title, description: chart.title },
              }),
            ],
          }),
        );
      }
    }
  });
  const doc = new Document({
    creator: 'Wardside',
    title: reportTitle(view),
    styles: {
      default: {
        document: { run: { font: bodyFont, size: 22 } },
        title: { run: { font: headingFont, size: 36, bold: true } },
        heading1: {
          run: { font: headingFont, size: 28, bold: true, color: '1F3864' },
          paragraph: { spacing: { before: 240, after: 120 } },
        },
        heading2: {
          run: { font: headingFont, size: 24, bold: true },
          paragraph: { spacing: { before: 160, after: 80 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
