// Report charts drawn without a browser: ECharts renders SVG server-side, resvg turns it into PNG for Word
// (Word and WPS do not all show SVG). Fonts: the system's, with the Chinese families Windows, macOS and
// Linux ship named first.
import { existsSync } from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { TFunction } from 'i18next';
import type { ReportFigures } from '#contract/index.ts';
import { reportChartOptions, type ChartKey } from '#contract/report-content.ts';

export const chartFont = 'Microsoft YaHei, PingFang SC, Noto Sans CJK SC, Source Han Sans SC, sans-serif';

export interface ChartImage {
  key: ChartKey;
  title: string;
  png: Buffer;
  width: number;
  height: number;
}

export function chartSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: { fontFamily: chartFont }, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

// Scanning every system font costs resvg about as much as drawing: one known Chinese font file is enough
// when the machine has one (Windows, macOS, Debian/Ubuntu with Noto CJK); otherwise the system's fonts.
const fontCandidates = [
  { file: 'C:\\Windows\\Fonts\\msyh.ttc', family: 'Microsoft YaHei' },
  { file: 'C:\\Windows\\Fonts\\simhei.ttf', family: 'SimHei' },
  { file: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC' },
  { file: '/System/Library/Fonts/STHeiti Light.ttc', family: 'Heiti SC' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'Noto Sans CJK SC' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
];
let fontOptions: ResvgRenderOptions['font'] | undefined;

function fonts(): ResvgRenderOptions['font'] {
  if (!fontOptions) {
    const found = fontCandidates.find((c) => existsSync(c.file));
    fontOptions = found
      ? { fontFiles: [found.file], loadSystemFonts: false, defaultFontFamily: found.family }
      : { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' };
  }
  return fontOptions;
}

/** SVG → PNG on libuv's thread pool, so the charts of a report render side by side on a multi-core laptop. */
export async function svgToPng(svg: string, width: number): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    background: '#ffffff',
    font: fonts(),
  });
  return Buffer.from(image.asPng());
}

export function renderReportCharts(
  f: ReportFigures,
  t: TFunction,
  width = 1200,
  height = 480,
): Promise<ChartImage[]> {
  return Promise.all(
    reportChartOptions(f, t).map(async (c) => ({
      key: c.key,
      title: c.title,
      png: await svgToPng(chartSvg(c.option, width / 2, height / 2), width),
      width,
      height,
    })),
  );
}
