// Words for what the sync services return: device names, per-file refusals, conflicting fields and values.
import type { TFunction } from 'i18next';
import i18n from '#renderer/i18n.ts';
import type { Conflict, ConflictVersion, ImportCounts, SyncError } from '#contract/index.ts';
import { formatDateTime } from '#renderer/components/format.ts';

/** A replica's label, or the end of its id: replicas are unnamed unless labelled from the CLI. */
export function deviceName(t: TFunction, replica: { id: string; label: string | null } | null): string {
  if (!replica) return '';
  return replica.label ?? t('sync.device.short', { id: replica.id.slice(-8) });
}

/** The per-file refusal, in the catalogue's words (errors.sync_*), which also say what to do. */
export const syncErrorMessage = (t: TFunction, error: SyncError) => t(`errors.${error.code}`, error.params);

/** The counts worth a word, in order; zero counts are left out. */
export function countParts(t: TFunction, counts: ImportCounts): string[] {
  const keys = [
    'newRecords',
    'updatedRecords',
    'deletedRecords',
    'newConflicts',
    'unchanged',
    'attachments',
  ] as const;
  return keys.filter((k) => counts[k] > 0).map((k) => t(`sync.import.counts.${k}`, { count: counts[k] }));
}

/** Pilot issue properties whose label in the catalogue has another name than the property. */
const issueLabels: Record<string, string> = {
  title: 'issue.titleField',
  departmentId: 'issue.department',
  systemId: 'issue.system',
  moduleId: 'issue.module',
  reporterId: 'issue.reporter',
  assigneeId: 'issue.assignee',
  duplicateOfId: 'issue.duplicateOf',
};

/** Catalogue namespace holding the field labels of each replicated table (db/replicated.ts keys). */
const namespaces: Record<string, string> = {
  pilotIssue: 'issue',
  project: 'project',
  department: 'department',
  system: 'system',
  systemModule: 'system',
  person: 'person',
};

export function fieldLabel(t: TFunction, conflict: Pick<Conflict, 'table' | 'property'>): string {
  const { table, property } = conflict;
  const key =
    table === 'pilotIssue' && issueLabels[property]
      ? issueLabels[property]
      : namespaces[table] && `${namespaces[table]}.${property}`;
  return key && i18n.exists(key) && typeof i18n.t(key, { returnObjects: true }) === 'string'
    ? t(key)
    : property;
}

export function tableLabel(t: TFunction, table: string): string {
  const key = `sync.conflicts.tables.${table}`;
  return i18n.exists(key) ? t(key) : table;
}

/** Enumerations of pilot issues whose values have words in the catalogue. */
const issueEnums: Record<string, string> = {
  status: 'issue.statuses',
  severity: 'issue.severities',
  category: 'issue.categories',
};

export function formatValue(
  t: TFunction,
  conflict: Pick<Conflict, 'table' | 'property'>,
  version: Pick<ConflictVersion, 'value' | 'display'>,
): string {
  const { value, display } = version;
  if (display) return display;
  if (value === null || value === '') return t('sync.conflicts.emptyValue');
  const { table, property } = conflict;
  if (table === 'pilotIssue' && issueEnums[property]) {
    const key = `${issueEnums[property]}.${value}`;
    if (i18n.exists(key)) return t(key);
  }
  if (property === 'blocking') return t(value ? 'sync.conflicts.yes' : 'sync.conflicts.no');
  if (property === 'tags' && typeof value === 'string') {
    try {
      const tags = JSON.parse(value) as unknown;
      if (Array.isArray(tags))
        return tags.length ? tags.join(t('common.listSeparator')) : t('sync.conflicts.emptyValue');
    } catch {
      // Not JSON after all: shown as it is.
    }
  }
  if (typeof value === 'string' && property.endsWith('At') && !Number.isNaN(Date.parse(value))) {
    return formatDateTime(value);
  }
  return String(value);
}
