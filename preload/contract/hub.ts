// Sync hub on PostgreSQL (issue #16): what the renderer, main and the CLI say to each other about it.
import { z } from 'zod';
import type { ErrorCode } from './errors.ts';
import { empty, returns } from './schemas.ts';

/** A hub URL: postgres:// or postgresql://, at most 2 KB. The password may be in it (it is never shown). */
export const hubUrl = z
  .string()
  .trim()
  .min(1)
  .max(2048)
  .regex(/^postgres(ql)?:\/\//i, 'postgres:// URL');

const passphrase = z.string().min(1).max(256);

export const hubConnectionInput = z.object({
  url: hubUrl,
  /** Replaces the password of the URL when given (typed in the dialog, never stored in plaintext). */
  password: z.string().max(256).optional(),
});

export const hubSettingsInput = z.object({
  url: hubUrl.nullable(),
  password: z.string().max(256).optional(),
  /** Automatic sync every N minutes while the hub is reachable; 0 = off. */
  autoMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
});

export const hubSyncInput = z.object({ passphrase: passphrase.optional() });

/** How the hub answered a connection test. */
export type HubProbeState = 'ready' | 'empty';

export interface HubProbe {
  state: HubProbeState;
  /** Redacted URL (no password). */
  url: string;
  serverVersion: string;
  schemaVersion: number | null;
  encrypted: boolean;
  changes: number;
  replicas: number;
}

export interface HubReplicaSeen {
  id: string;
  label: string | null;
  appVersion: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  pushed: number;
  pulled: number;
}

export interface HubSyncCounts {
  pushed: number;
  pulled: number;
  attachmentsUp: number;
  attachmentsDown: number;
  newRecords: number;
  updatedRecords: number;
  deletedRecords: number;
  newConflicts: number;
}

export type HubSyncPhase = 'connect' | 'push' | 'pull' | 'done';

export interface HubProgress {
  phase: HubSyncPhase;
  done: number;
  total: number;
}

export interface HubLastSync {
  at: string;
  ok: boolean;
  counts: HubSyncCounts | null;
  error: { code: ErrorCode; params: Record<string, string | number> } | null;
  ms: number;
}

export interface HubSettings {
  /** Redacted URL (no password), or null when no hub is set. */
  url: string | null;
  /** A password is kept (encrypted by the OS keychain in the app; in memory only in preview mode). */
  passwordKept: boolean;
  /** Whether passwords can be stored encrypted here (false in preview mode: asked again after restart). */
  canStorePassword: boolean;
  autoMinutes: number;
}

export interface HubStatus {
  settings: HubSettings;
  lastSync: HubLastSync | null;
  running: boolean;
  progress: HubProgress | null;
}

export const hubContract = {
  'hub.settings': returns<HubStatus>()(empty),
  /** Saves the hub URL, the password (encrypted with the OS keychain, never in plaintext) and auto sync. */
  'hub.saveSettings': returns<HubStatus>()(hubSettingsInput),
  /** Connects and reads the hub's version (nothing is written). */
  'hub.test': returns<HubProbe>()(hubConnectionInput),
  /** Starts a sync in the background (off the main thread); progress through `hub.settings`. */
  'hub.syncNow': returns<HubStatus>()(hubSyncInput),
  'hub.cancel': returns<HubStatus>()(empty),
  /** Who synced when, as the hub saw it. */
  'hub.replicas': returns<HubReplicaSeen[]>()(empty),
} as const;

/** Errors this area raises (translated as `errors.<code>` in i18n/hub.ts). */
export const hubErrorCodes = [
  'hub_url_missing',
  'hub_url_invalid',
  'hub_unreachable',
  'hub_auth_failed',
  'hub_tls_required',
  'hub_tls_failed',
  'hub_not_wardside',
  'hub_newer_schema',
  'hub_missing',
  'hub_cannot_create',
  'hub_passphrase_required',
  'hub_wrong_passphrase',
  'hub_not_encrypted',
  'hub_damaged',
  'hub_cancelled',
  'hub_busy',
] as const;
