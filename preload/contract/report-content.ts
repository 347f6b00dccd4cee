// A report's content as headings, lines, tables and chart options, from its view: the one layout the .docx,
// the .xlsx, the app's preview and the tests read, so the numbers everywhere are the figures `report --json`
// prints. Pure (no DOM, no Node), shared like the rest of the contract.
import type { TFunction } from 'i18next';
import type { EChartsCoreOption } from 'echarts/core';
import { severities } from './issues.ts';
import type { Kpi, OpenIssueRow, ReportFigures, ReportSection, ReportView } from './reports.ts';

export type Cell = string | number;

export interface ContentTable {
  columns: string[];
  rows: Cell[][];
}

export interface ContentBlock {
  section: ReportSection;
  heading: string;
  lines: string[];
  tables: ContentTable[];
  /** The charts section: one image per chart, in this order. */
  charts?: boolean;
}

/** 0.9512 → "95.1%"; null → "—". Availability and consistency keep two decimals (99.95 % is not 100 %). */
export function percent(value: number | null, digits = 1): string {
  return value === null ? '—' : `${(value * 100).toFixed(digits)}%`;
}

export function kpiValueText(k: Pick<Kpi, 'key' | 'value' | 'unit'>): string {
  if (k.unit === 'count') return k.value === null ? '—' : String(k.value);
  return percent(k.value, k.key === 'availability' || k.key === 'dualRunConsistency' ? 2 : 1);
}

export function kpiTargetText(k: Kpi): string {
  const sign = k.direction === 'atLeast' ? '≥' : '≤';
  const value =
    k.unit === 'count'
      ? String(k.target)
      : percent(k.target, k.key === 'availability' || k.key === 'dualRunConsistency' ? 2 : 1);
  return `${sign} ${value}`;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const localStamp = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};

function issueTable(rows: OpenIssueRow[], t: TFunction): ContentTable {
  return {
    columns: [
      t('reports.col.number'),
      t('reports.col.severity'),
      t('reports.col.title'),
      t('reports.col.department'),
      t('reports.col.status'),
      t('reports.col.reportedAt'),
      t('reports.col.ageDays'),
    ],
    rows: rows.map((r) => [
      r.number,
      r.severity,
      r.title,
      r.departmentName,
      t(`issue.statuses.${r.status}`),
      localStamp(r.reportedAt),
      r.ageDays,
    ]),
  };
}

export function reportTitle(view: ReportView): string {
  const p = view.figures.project;
  return [p?.hospital, p?.name, view.title].filter(Boolean).join(' ');
}

export function reportSubtitle(view: ReportView, t: TFunction): string {
  const { from, to } = view.figures.period;
  return t('reports.subtitle', {
    period: from === to ? from : `${from} ~ ${to}`,
    generated: localStamp(view.figures.generatedAt),
  });
}

export function reportContent(view: ReportView, t: TFunction): ContentBlock[] {
  const f = view.figures;
  const i = f.issues;
  const countColumns = [
    t('reports.fig.reported'),
    t('reports.fig.resolved'),
    t('reports.fig.openAtEnd'),
    t('reports.fig.overdue'),
  ];
  const blocks: ContentBlock[] = [];
  for (const section of view.sections) {
    const heading = t(`reports.sections.${section}`);
    const block: ContentBlock = { section, heading, lines: [], tables: [] };
    switch (section) {
      case 'kpis':
        block.tables.push({
          columns: [
            t('reports.col.kpi'),
            t('reports.col.actual'),
            t('reports.col.target'),
            t('reports.col.status'),
          ],
          rows: f.kpis.map((k) => [
            t(`reports.kpi.${k.key}`),
            k.key === 'satisfaction' && k.value === null ? t('reports.noSurvey') : kpiValueText(k),
            kpiTargetText(k),
            t(`reports.status.${k.status}`),
          ]),
        });
        block.lines.push(
          t('reports.summaryLine', {
            reported: i.reported,
            resolved: i.resolved,
            open: i.openAtEnd,
            overdue: i.overdue,
          }),
        );
        break;
      case 'newHigh':
        block.lines.push(t('reports.count', { count: i.newHigh.length }));
        if (i.newHigh.length) block.tables.push(issueTable(i.newHigh, t));
        break;
      case 'overdue':
        block.lines.push(t('reports.count', { count: i.overdueList.length }));
        if (i.overdueList.length) block.tables.push(issueTable(i.overdueList.slice(0, 50), t));
        break;
      case 'severity':
        block.tables.push({
          columns: [t('reports.col.severity'), ...countColumns],
          rows: [
            ...severities.map((s) => {
              const c = i.bySeverity[s];
              return [s, c.reported, c.resolved, c.openAtEnd, c.overdue];
            }),
            [t('reports.total'), i.reported, i.resolved, i.openAtEnd, i.overdue],
          ],
        });
        break;
      case 'charts':
        block.charts = true;
        break;
      case 'topOpen':
        if (i.topOpen.length) block.tables.push(issueTable(i.topOpen, t));
        else block.lines.push(t('reports.noneOpen'));
        break;
      case 'departments':
        block.tables.push({
          columns: [t('reports.col.department'), ...countColumns],
          rows: i.byDepartment.map((d) => [d.name, d.reported, d.resolved, d.openAtEnd, d.overdue]),
        });
        break;
      case 'systems':
        block.tables.push({
          columns: [t('reports.col.system'), ...countColumns],
          rows: i.bySystem.map((d) => [
            d.name || t('reports.noSystem'),
            d.reported,
            d.resolved,
            d.openAtEnd,
            d.overdue,
          ]),
        });
        break;
      case 'training':
        block.lines.push(
          t('reports.trainingLine', {
            staff: f.training.staff,
            trained: percent(f.training.staff ? f.training.trained / f.training.staff : null),
            passed: percent(f.training.staff ? f.training.passed / f.training.staff : null),
          }),
        );
        if (f.training.byRole.length)
          block.tables.push({
            columns: [
              t('reports.col.role'),
              t('reports.col.staff'),
              t('reports.col.trained'),
              t('reports.col.passed'),
            ],
            rows: f.training.byRole.map((r) => [t(`training.roles.${r.role}`), r.staff, r.trained, r.passed]),
          });
        break;
      case 'dualRun':
        if (f.dualRun.go === null) block.lines.push(t('reports.noDualRun'));
        else {
          block.lines.push(t(f.dualRun.go ? 'reports.go' : 'reports.noGo'));
          block.tables.push({
            columns: [
              t('reports.col.domain'),
              t('reports.col.runDays'),
              t('reports.col.cleanStreak'),
              t('reports.col.latestRate'),
              t('reports.col.go'),
            ],
            rows: f.dualRun.domains.map((d) => [
              d.domain,
              d.runDays,
              d.cleanStreak,
              percent(d.latestRate, 2),
              t(d.go ? 'reports.goShort' : 'reports.noGoShort'),
            ]),
          });
        }
        break;
      case 'availability':
        block.tables.push({
          columns: [
            t('reports.col.system'),
            t('reports.col.unplannedMinutes'),
            t('reports.col.plannedMinutes'),
            t('reports.col.events'),
            t('reports.col.availability'),
          ],
          rows: f.availability.map((a) => [
            a.name,
            a.unplannedMinutes,
            a.plannedMinutes,
            a.events,
            percent(a.availability, 2),
          ]),
        });
        block.lines.push(t('reports.incidentsLine', { count: f.security.incidents }));
        break;
      case 'efficiency':
        if (f.efficiency.length === 0) block.lines.push(t('reports.noEfficiency'));
        else
          block.tables.push({
            columns: [
              t('reports.col.measure'),
              t('reports.col.unit'),
              t('reports.col.baseline'),
              t('reports.col.current'),
              t('reports.col.improvement'),
            ],
            rows: f.efficiency.map((e) => [e.name, e.unit, e.baseline, e.current, percent(e.improvement)]),
          });
        break;
      case 'nextSteps':
        block.lines.push(
          ...(view.nextSteps.trim() ? view.nextSteps.trim().split(/\r?\n/) : [t('reports.noNextSteps')]),
        );
        break;
    }
    blocks.push(block);
  }
  return blocks;
}

export type ChartKey = 'arrivals' | 'burndown' | 'dualRun';

const severityColors = { P1: '#c92a2a', P2: '#e8590c', P3: '#1971c2', P4: '#868e96' };

/** The charts a report shows, in order (dual-run only when there are run days in the period). */
export function reportChartOptions(f: ReportFigures, t: TFunction) {
  const days = f.issues.perDay.map((d) => d.day.slice(5));
  const grid = { left: 48, right: 24, top: 48, bottom: 36 };
  const charts: { key: ChartKey; title: string; option: EChartsCoreOption }[] = [
    {
      key: 'arrivals',
      title: t('reports.charts.arrivals'),
      option: {
        legend: { top: 8 },
        grid,
        xAxis: { type: 'category', data: days },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: t('reports.fig.reported'),
            type: 'bar',
            data: f.issues.perDay.map((d) => d.reported),
            itemStyle: { color: '#1971c2' },
          },
          {
            name: t('reports.fig.resolved'),
            type: 'bar',
            data: f.issues.perDay.map((d) => d.resolved),
            itemStyle: { color: '#2f9e44' },
          },
        ],
      },
    },
    {
      key: 'burndown',
      title: t('reports.charts.burndown'),
      option: {
        legend: { top: 8 },
        grid,
        xAxis: { type: 'category', data: days, boundaryGap: false },
        yAxis: { type: 'value', minInterval: 1 },
        series: severities.map((s) => ({
          name: s,
          type: 'line',
          stack: 'open',
          areaStyle: {},
          symbol: 'none',
          itemStyle: { color: severityColors[s] },
          data: f.issues.perDay.map((d) => d.open[s]),
        })),
      },
    },
  ];
  if (f.dualRun.perDay.length > 0) {
    charts.push({
      key: 'dualRun',
      title: t('reports.charts.dualRun'),
      option: {
        grid,
        xAxis: { type: 'category', data: f.dualRun.perDay.map((d) => d.day.slice(5)) },
        yAxis: {
          type: 'value',
          min: (v: { min: number }) => Math.floor(Math.min(v.min, 99) * 10) / 10,
          max: 100,
        },
        series: [
          {
            name: t('reports.fig.consistency'),
            type: 'line',
            data: f.dualRun.perDay.map((d) => Math.round(d.rate * 10000) / 100),
            itemStyle: { color: '#2f9e44' },
            label: { show: f.dualRun.perDay.length <= 14, formatter: '{c}%' },
          },
        ],
      },
    });
  }
  return charts;
}
