// Reports and KPIs (issue #13): what is measured (defined once, in main/services/reports/figures.ts), the
// targets, the availability and incident logs, efficiency measures and saved reports.
import { z } from 'zod';
import { column, timestampColumns, type ColumnSchemas } from './columns.ts';
import type { IssueCategory, IssueStatus, Severity } from './issues.ts';
import type { StaffRole } from './reference.ts';
import { archiveInput, empty, id, optionalId, optionalText, returns, text } from './schemas.ts';
import {
  kpiKeys,
  incidentSeverities,
  reportKinds,
  type KpiKey,
  type KpiStatus,
  type IncidentSeverity,
  type ReportKind,
  type ReportSection,
} from './values/reports.ts';
export * from './values/reports.ts';

/** atLeast: green at or above the target; atMost: green at or below it (incidents). */
export const kpiDirections: Record<KpiKey, 'atLeast' | 'atMost'> = {
  timeliness: 'atLeast',
  sameDay: 'atLeast',
  availability: 'atLeast',
  securityIncidents: 'atMost',
  satisfaction: 'atLeast',
  trainingPassed: 'atLeast',
  dualRunConsistency: 'atLeast',
};

/** Rates are fractions (0.95 = 95 %); incidents a count. */
export const kpiUnits: Record<KpiKey, 'rate' | 'count'> = {
  timeliness: 'rate',
  sameDay: 'rate',
  availability: 'rate',
  securityIncidents: 'count',
  satisfaction: 'rate',
  trainingPassed: 'rate',
  dualRunConsistency: 'rate',
};

export interface KpiTargetValue {
  target: number;
  /** Amber within this margin of the target (on the wrong side), red beyond it. */
  amber: number;
}

/** The seed documents' targets: 问题解决及时率 ≥ 95 %, 系统可用率 ≥ 99.9 %, 数据安全事故 = 0, 临床满意度 ≥ 90 %. */
export const defaultKpiTargets: Record<KpiKey, KpiTargetValue> = {
  timeliness: { target: 0.95, amber: 0.05 },
  sameDay: { target: 0.8, amber: 0.1 },
  availability: { target: 0.999, amber: 0.004 },
  securityIncidents: { target: 0, amber: 0 },
  satisfaction: { target: 0.9, amber: 0.05 },
  trainingPassed: { target: 0.9, amber: 0.1 },
  dualRunConsistency: { target: 0.999, amber: 0.004 },
};

export interface Kpi {
  key: KpiKey;
  /** null = nothing to measure in the period (no resolved issue, no survey yet…). */
  value: number | null;
  target: number;
  amber: number;
  direction: 'atLeast' | 'atMost';
  unit: 'rate' | 'count';
  status: KpiStatus;
  /** The counts behind a rate (numerator / denominator), when it is one. */
  numerator: number | null;
  denominator: number | null;
}

export interface DowntimeEvent {
  id: string;
  systemId: string;
  startAt: string;
  endAt: string | null;
  planned: boolean;
  cause: string;
  departmentIds: string[];
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SecurityIncident {
  id: string;
  occurredAt: string;
  title: string;
  severity: IncidentSeverity;
  description: string | null;
  departmentId: string | null;
  resolvedAt: string | null;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EfficiencyMeasure {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  current: number;
  lowerIsBetter: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SavedReport {
  id: string;
  kind: ReportKind;
  title: string;
  fromDay: string;
  toDay: string;
  nextSteps: string;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A period in local calendar days, both ends included. */
export interface Period {
  from: string;
  to: string;
}

export interface SeverityCounts {
  reported: number;
  resolved: number;
  openAtEnd: number;
  overdue: number;
}

export interface GroupCounts extends SeverityCounts {
  id: string | null;
  name: string;
}

export interface OpenIssueRow {
  id: string;
  number: string;
  title: string;
  severity: Severity;
  status: IssueStatus;
  departmentName: string;
  systemName: string | null;
  reportedAt: string;
  /** Whole local days from the report to the period's end. */
  ageDays: number;
  overdue: boolean;
}

export interface DayPoint {
  day: string;
  reported: number;
  resolved: number;
  /** Open at the end of the day, per severity (the burn-down). */
  open: Record<Severity, number>;
}

export interface HeatMap {
  rows: { id: string; name: string }[];
  columns: IssueCategory[];
  /** Named series of row × column counts: `issues` now; other areas may add theirs (ward visits). */
  series: Record<string, number[][]>;
}

export interface AvailabilityRow {
  systemId: string;
  code: string;
  name: string;
  /** Minutes of unplanned downtime inside the period (up to now). */
  unplannedMinutes: number;
  plannedMinutes: number;
  events: number;
  /** 1 − unplanned downtime ÷ time in the period. */
  availability: number;
}

export interface EfficiencyRow {
  id: string;
  name: string;
  unit: string;
  baseline: number;
  current: number;
  lowerIsBetter: boolean;
  /** Improvement as a fraction of the baseline (0.3 = 30 % better); null when the baseline is 0. */
  improvement: number | null;
}

export interface ReportFigures {
  period: Period & { days: number; startAt: string; endAt: string };
  project: { hospital: string; name: string } | null;
  generatedAt: string;
  issues: SeverityCounts & {
    sameDayResolved: number;
    resolvedOnTime: number;
    bySeverity: Record<Severity, SeverityCounts>;
    byCategory: Record<IssueCategory, SeverityCounts>;
    byDepartment: GroupCounts[];
    bySystem: GroupCounts[];
    perDay: DayPoint[];
    topOpen: OpenIssueRow[];
    /** P1/P2 reported in the period. */
    newHigh: OpenIssueRow[];
    overdueList: OpenIssueRow[];
    heatmap: HeatMap;
  };
  training: {
    staff: number;
    trained: number;
    passed: number;
    byRole: { role: StaffRole; staff: number; trained: number; passed: number }[];
  };
  dualRun: {
    go: boolean | null;
    domains: {
      domain: string;
      runDays: number;
      cleanStreak: number;
      latestRate: number | null;
      go: boolean;
    }[];
    perDay: { day: string; totalRows: number; consistentRows: number; rate: number }[];
  };
  availability: AvailabilityRow[];
  security: { incidents: number; list: { occurredAt: string; title: string; severity: IncidentSeverity }[] };
  satisfaction: { satisfied: number; answered: number } | null;
  efficiency: EfficiencyRow[];
  kpis: Kpi[];
}

export interface ReportView {
  kind: ReportKind;
  title: string;
  nextSteps: string;
  figures: ReportFigures;
  /** The sections this preset shows, in order. */
  sections: ReportSection[];
}

export interface ReportFile {
  fileName: string;
  contentBase64: string;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true });
export const periodInput = z.object({ from: day, to: day });

export const downtimeInput = z.object({
  systemId: id,
  startAt: instant,
  endAt: instant.nullable().default(null),
  planned: z.boolean().default(false),
  cause: text(200),
  departmentIds: z.array(id).max(500).default([]),
});
export type DowntimeInput = z.output<typeof downtimeInput>;

export const incidentInput = z.object({
  occurredAt: instant,
  title: text(200),
  severity: z.enum(incidentSeverities),
  description: optionalText(2000),
  departmentId: optionalId,
  resolvedAt: instant.nullable().default(null),
});
export type IncidentInput = z.output<typeof incidentInput>;

export const efficiencyInput = z.object({
  name: text(100),
  unit: text(20),
  baseline: z.number().finite().min(0).max(1e9),
  current: z.number().finite().min(0).max(1e9),
  lowerIsBetter: z.boolean().default(true),
});
export type EfficiencyInput = z.output<typeof efficiencyInput>;

export const targetInput = z.object({
  key: z.enum(kpiKeys),
  target: z.number().finite().min(0).max(1e6),
  amber: z.number().finite().min(0).max(1e6),
});

export const reportInput = z.object({
  kind: z.enum(reportKinds),
  from: day,
  to: day,
  nextSteps: z.string().max(20_000).default(''),
  title: z.string().trim().max(200).optional(),
});
export type ReportInput = z.output<typeof reportInput>;

export const saveReportInput = reportInput.extend({ id: id.optional() });

export const exportInput = z.object({
  /** A saved report, or an unsaved one described in full. */
  reportId: id.optional(),
  report: reportInput.optional(),
  format: z.enum(['docx', 'xlsx', 'pdf']),
});

/**
 * The value a synced change may carry in each column of this area's replicated tables (sync validates every
 * column of every table against these).
 */
export const downtimeEventColumnSchemas = {
  id: column.id(),
  systemId: column.id(),
  startAt: column.time(),
  endAt: column.optionalTime(),
  planned: column.bool(),
  cause: column.text(200),
  departmentIds: column.json(z.array(z.string().max(64)), 40_000),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;
export const securityIncidentColumnSchemas = {
  id: column.id(),
  occurredAt: column.time(),
  title: column.text(200),
  severity: column.oneOf(incidentSeverities),
  description: column.optionalText(2000),
  departmentId: column.optionalId(),
  resolvedAt: column.optionalTime(),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;
export const efficiencyMeasureColumnSchemas = {
  id: column.id(),
  name: column.text(100),
  unit: column.text(20),
  baseline: z.number().finite(),
  current: z.number().finite(),
  lowerIsBetter: column.bool(),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;
export const kpiTargetColumnSchemas = {
  id: column.id(),
  key: column.oneOf(kpiKeys),
  target: z.number().finite(),
  amber: z.number().finite(),
  ...timestampColumns,
} satisfies ColumnSchemas;
export const savedReportColumnSchemas = {
  id: column.id(),
  kind: column.oneOf(reportKinds),
  title: column.text(200),
  fromDay: day,
  toDay: day,
  nextSteps: column.text(20_000),
  archivedAt: column.optionalTime(),
  ...timestampColumns,
} satisfies ColumnSchemas;

export const reportsContract = {
  /** The KPI board: figures of a period with every KPI against its target. */
  'reports.figures': returns<ReportFigures>()(periodInput),
  'reports.targets': returns<Record<KpiKey, KpiTargetValue>>()(empty),
  'reports.setTarget': returns<Record<KpiKey, KpiTargetValue>>()(targetInput),
  /** A report preset's default period ending on `today` (local). */
  'reports.presetPeriod': returns<Period>()(z.object({ kind: z.enum(reportKinds), today: day.optional() })),
  'reports.view': returns<ReportView>()(reportInput),
  'reports.list': returns<SavedReport[]>()(empty),
  'reports.get': returns<SavedReport>()(z.object({ id })),
  'reports.save': returns<SavedReport>()(saveReportInput),
  'reports.archive': returns<SavedReport>()(archiveInput),
  'reports.export': returns<ReportFile>()(exportInput),
  'reports.downtimes': returns<DowntimeEvent[]>()(empty),
  'reports.addDowntime': returns<DowntimeEvent>()(downtimeInput),
  'reports.updateDowntime': returns<DowntimeEvent>()(downtimeInput.extend({ id })),
  'reports.archiveDowntime': returns<DowntimeEvent>()(archiveInput),
  'reports.incidents': returns<SecurityIncident[]>()(empty),
  'reports.addIncident': returns<SecurityIncident>()(incidentInput),
  'reports.archiveIncident': returns<SecurityIncident>()(archiveInput),
  'reports.efficiency': returns<EfficiencyMeasure[]>()(empty),
  'reports.addEfficiency': returns<EfficiencyMeasure>()(efficiencyInput),
  'reports.updateEfficiency': returns<EfficiencyMeasure>()(efficiencyInput.extend({ id })),
  'reports.archiveEfficiency': returns<EfficiencyMeasure>()(archiveInput),
} as const;
