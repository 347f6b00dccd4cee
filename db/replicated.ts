// The declaration of which tables replicate between laptops. A table joins sync by being listed here;
// the services write to these tables only through main/services/records.ts so every change is captured
// in one place (issue #4 hooks the change log there).
import {
  department,
  discrepancyItem,
  issueAttachment,
  issueHistory,
  person,
  pilotIssue,
  project,
  reconcileProfile,
  reconcileRun,
  system,
  systemModule,
} from './schema.ts';

export const replicatedTables = {
  project,
  department,
  system,
  systemModule,
  person,
  pilotIssue,
  issueHistory,
  issueAttachment,
  reconcileProfile,
  reconcileRun,
  discrepancyItem,
} as const;

export type ReplicatedTableName = keyof typeof replicatedTables;
