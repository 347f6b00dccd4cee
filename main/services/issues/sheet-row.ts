// One row of an issue sheet, read field by field: the values parsed leniently from the cells
// (sheet-values.ts), the departments, systems, modules and people they name looked up (sheet-lookups.ts),
// and every reason to refuse the row noted with its field's label, in the message language.
import type { TFunction } from 'i18next';
import type { IssueCategory, IssueStatus, Organisation, Severity } from '#contract/index.ts';
import { cellOf, type ColumnMapping } from '#services/sheets/column-mapping.ts';
import { defaultCategory, defaultSeverity, fieldLabel, fieldMaxLength, tagLimits } from './sheet-fields.ts';
import type { RowDepartment, RowSystem, SheetLookups } from './sheet-lookups.ts';
import {
  parseCategory,
  parseFlag,
  parseSeverity,
  parseSheetDate,
  parseStatus,
  parseTags,
} from './sheet-values.ts';
import { restoreNeutralised } from '#services/sheets/formula.ts';
import { openStatuses } from './workflow.ts';

/** A record the row names: one that exists, or one to create under this name. */
export type Ref = { id: string } | { name: string };

/** A row that can be imported: its values, with the records it names. */
export interface RowValues {
  title: string;
  description: string | null;
  department: RowDepartment;
  system: RowSystem | undefined;
  module: Ref | null;
  category: IssueCategory;
  severity: Severity;
  blocking: boolean;
  status: IssueStatus;
  reporter: Ref | null;
  assignee: Ref | null;
  workaround: string | null;
  resolution: string | null;
  tags: string[];
  reportedAt: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

/** The cells of one row, and the reasons found so far to refuse it. */
class RowReader {
  readonly errors: string[] = [];

  private readonly cells: string[];
  private readonly mapping: ColumnMapping;
  readonly t: TFunction;

  constructor(cells: string[], mapping: ColumnMapping, t: TFunction) {
    this.cells = cells;
    this.mapping = mapping;
    this.t = t;
  }

  /** The trimmed cell of a field ('' when unmapped), without the apostrophe an export put before a formula. */
  get(key: string): string {
    return restoreNeutralised(cellOf(this.cells, this.mapping, key));
  }

  label(key: string): string {
    return fieldLabel(this.t, key);
  }

  refuse(message: string) {
    this.errors.push(message);
  }

  /** Refuses a value longer than the field takes; true when it is. */
  tooLong(key: string, value: string): boolean {
    const max = fieldMaxLength[key]!;
    if ([...value].length <= max) return false;
    this.refuse(this.t('issueSheet.tooLong', { field: this.label(key), max }));
    return true;
  }

  /** A date field as an ISO instant; null when empty or unreadable (refused). */
  date(key: string): string | null {
    const raw = this.get(key);
    if (!raw) return null;
    const parsed = parseSheetDate(raw);
    if (parsed) return parsed.toISOString();
    this.refuse(this.t('issueSheet.badDate', { field: this.label(key), value: raw }));
    return null;
  }

  /** An optional text field; null when empty. */
  text(key: string): string | null {
    const value = this.get(key) || null;
    if (value) this.tooLong(key, value);
    return value;
  }
}

/** The longest title made from a description (issue #12): short enough to read in a list. */
export const titleFromDescriptionMax = 40;

/** The first clause of a description (up to the first comma, full stop, semicolon or line break). */
export function firstClause(text: string): string {
  const clause =
    text
      .split(/[\n，,。；;！!？?]/)
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  return truncate(clause, titleFromDescriptionMax);
}

function truncate(text: string, max: number): string {
  return [...text].length > max ? [...text].slice(0, max - 1).join('') + '…' : text;
}

// ---------------------------------------------------------------- values from the cells

/**
 * Title: the title column, else the first line of the description; an over-long title is shortened and
 * kept whole at the top of the description, so nothing typed is lost.
 */
function readTitle(r: RowReader) {
  const max = fieldMaxLength.title!;
  let description = r.get('description') || null;
  let title = r.get('title').replace(/\s*\n\s*/g, ' ');
  if (!title && description) title = firstClause(description);
  if (!title) r.refuse(r.t('import.fieldRequired', { field: r.label('title') }));
  if ([...title].length > max) {
    description = description ? `${title}\n\n${description}` : title;
    title = truncate(title, max);
  }
  if (description) r.tooLong('description', description);
  return { title, description };
}

/**
 * A category of the hospital's own scheme is kept as a tag rather than refusing the row; a value that
 * names a category inside longer text (打印机故障, 数据错误) sets it (issue #12, sheet-values.ts).
 */
function readCategoryAndTags(r: RowReader) {
  const tags = parseTags(r.get('tags'));
  const raw = r.get('category');
  let category = defaultCategory;
  if (raw) {
    const parsed = parseCategory(raw);
    if (parsed) category = parsed;
    else if (!tags.includes(raw)) tags.unshift(truncate(raw, tagLimits.length));
  }
  if (tags.length > tagLimits.count) r.refuse(r.t('issueSheet.tooManyTags', { max: tagLimits.count }));
  for (const tag of tags) {
    if ([...tag].length > tagLimits.length) r.refuse(r.t('issueSheet.badTag', { value: tag }));
  }
  return { category, tags };
}

function readSeverity(r: RowReader): Severity | undefined {
  const raw = r.get('severity');
  const severity = raw ? parseSeverity(raw) : defaultSeverity;
  if (!severity) r.refuse(r.t('issueSheet.badSeverity', { value: raw }));
  return severity;
}

function readBlocking(r: RowReader): boolean | undefined {
  const raw = r.get('blocking');
  const blocking = parseFlag(raw);
  if (blocking === undefined) r.refuse(r.t('issueSheet.badFlag', { field: r.label('blocking'), value: raw }));
  return blocking;
}

/** The three dates; a response or solution before the report is refused. */
function readDates(r: RowReader) {
  const reportedAt = r.date('reportedAt');
  const acknowledgedAt = r.date('acknowledgedAt');
  const resolvedAt = r.date('resolvedAt');
  for (const [key, at] of [
    ['acknowledgedAt', acknowledgedAt],
    ['resolvedAt', resolvedAt],
  ] as const) {
    if (at && reportedAt && at < reportedAt) {
      r.refuse(r.t('issueSheet.beforeReported', { field: r.label(key), reported: r.label('reportedAt') }));
    }
  }
  return { reportedAt, acknowledgedAt, resolvedAt };
}

/**
 * The status, and the dates it keeps: without a status column a solved date says resolved and a response
 * date acknowledged; a new issue has no response yet, an open one no solution.
 */
function readStatus(r: RowReader, dates: { acknowledgedAt: string | null; resolvedAt: string | null }) {
  const raw = r.get('status');
  let status = raw ? parseStatus(raw) : undefined;
  if (raw && !status) r.refuse(r.t('issueSheet.badStatus', { value: raw }));
  if (!raw) status = dates.resolvedAt ? 'resolved' : dates.acknowledgedAt ? 'acknowledged' : 'new';
  return {
    status,
    acknowledgedAt: status === 'new' ? null : dates.acknowledgedAt,
    resolvedAt: status && openStatuses.includes(status) ? null : dates.resolvedAt,
  };
}

// ---------------------------------------------------------------- the records the row names

/** Unknown departments are refused: they are the project's structure, and a typo must not invent a ward. */
function resolveDepartment(r: RowReader, look: SheetLookups) {
  const raw = r.get('department');
  const department = raw ? look.department(raw) : undefined;
  if (!raw) r.refuse(r.t('import.fieldRequired', { field: r.label('department') }));
  else if (!department) r.refuse(r.t('import.unknownDepartment', { value: raw }));
  return department;
}

/**
 * Unknown systems are refused like departments; an unknown module of a known system is created. A module
 * without a system is found in the one system that has it, or refused.
 */
function resolveSystemAndModule(r: RowReader, look: SheetLookups) {
  const systemRaw = r.get('system');
  const system = systemRaw ? look.system(systemRaw) : undefined;
  if (systemRaw && !system) r.refuse(r.t('issueSheet.unknownSystem', { value: systemRaw }));
  const moduleRaw = r.get('module');
  if (!moduleRaw || (systemRaw && !system)) return { system, module: null };
  r.tooLong('module', moduleRaw);
  if (system) {
    const known = look.module(system, moduleRaw);
    return { system, module: known ? { id: known.id } : { name: moduleRaw } };
  }
  const sole = look.soleModule(moduleRaw);
  if (sole) return { system: sole.system, module: { id: sole.module.id } };
  r.refuse(r.t('issueSheet.moduleWithoutSystem', { value: moduleRaw }));
  return { system: undefined, module: null };
}

/** Unknown people are created rather than refused: a sheet names people by name only. */
function resolvePerson(
  r: RowReader,
  look: SheetLookups,
  key: string,
  organisation: Organisation,
): Ref | null {
  const name = r.get(key).replace(/\s+/g, ' ');
  if (!name || r.tooLong(key, name)) return null;
  const found = look.person(name, organisation);
  return found ? { id: found.id } : { name };
}

// ---------------------------------------------------------------- the row

/**
 * A row's values, or every reason to refuse it, listed in this order: title and description, department,
 * system and module, category and tags, severity, blocking, dates, status, people, workaround, resolution.
 */
export function readRow(
  cells: string[],
  mapping: ColumnMapping,
  t: TFunction,
  look: SheetLookups,
): { values: RowValues } | { errors: string[] } {
  const r = new RowReader(cells, mapping, t);
  const { title, description } = readTitle(r);
  const department = resolveDepartment(r, look);
  const { system, module } = resolveSystemAndModule(r, look);
  const { category, tags } = readCategoryAndTags(r);
  const severity = readSeverity(r);
  const blocking = readBlocking(r);
  const dates = readDates(r);
  const { status, acknowledgedAt, resolvedAt } = readStatus(r, dates);
  // Reporters are hospital staff, assignees vendor staff.
  const reporter = resolvePerson(r, look, 'reporter', 'hospital');
  const assignee = resolvePerson(r, look, 'assignee', 'vendor');
  const workaround = r.text('workaround');
  const resolution = r.text('resolution');

  if (r.errors.length || !department) return { errors: r.errors };
  return {
    values: {
      title,
      description,
      department,
      system,
      module,
      category,
      severity: severity!,
      blocking: blocking!,
      status: status!,
      reporter,
      assignee,
      workaround,
      resolution,
      tags,
      reportedAt: dates.reportedAt,
      acknowledgedAt,
      resolvedAt,
    },
  };
}
