// The app's side of hub sync (issue #16): the settings (URL without its password, auto-sync minutes), the
// password (sealed with the OS keychain through Electron's safeStorage, or kept in memory only where that is
// not available, as in preview mode: never in plaintext on disk), one sync at a time in a worker thread with
// progress and cancel, the last result, and automatic sync every N minutes.
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HubLastSync, HubProbe, HubProgress, HubReplicaSeen, HubStatus } from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { getLocalSetting, setLocalSetting } from '#services/core/settings.ts';
import { parseHubUrl } from './connect.ts';
import { hubStatus, probeHub, type HubSyncResult } from './sync.ts';
import type { HubWorkerInput, HubWorkerMessage } from './worker.ts';

/** Encrypts a secret for storage on this computer (Electron safeStorage); absent where that is impossible. */
export interface SecretStore {
  seal: (text: string) => string;
  open: (sealed: string) => string;
}

interface StoredSettings {
  url: string | null;
  autoMinutes: number;
  /** The password sealed by the SecretStore (base64), never the password itself. */
  sealedPassword: string | null;
}

const SETTINGS = 'hub.settings';
const LAST = 'hub.lastSync';

declare const WARDSIDE_HUB_WORKER: string | undefined;

function workerScript(): string | URL {
  if (typeof WARDSIDE_HUB_WORKER === 'string') return join(__dirname, WARDSIDE_HUB_WORKER);
  return new URL('./worker.ts', import.meta.url);
}

export interface HubRunnerOptions {
  secrets?: SecretStore;
  migrationsFolder?: string;
  /** Called when a sync ends (the renderer refreshes what it shows). */
  onSynced?: () => void;
}

export class HubRunner {
  private memoryPassword: string | undefined;
  private worker: Worker | null = null;
  private progress: HubProgress | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastPassphrase: string | undefined;
  private readonly ctx: Ctx;
  private readonly options: HubRunnerOptions;

  constructor(ctx: Ctx, options: HubRunnerOptions = {}) {
    this.ctx = ctx;
    this.options = options;
    // Auto sync starts with the app; deferred so that building the handler table touches no database.
    setImmediate(() => {
      try {
        this.schedule();
      } catch {
        // A database that is not open (handler-table tests) has no schedule.
      }
    }).unref();
  }

  private stored(): StoredSettings {
    return (
      getLocalSetting<StoredSettings>(this.ctx, SETTINGS) ?? {
        url: null,
        autoMinutes: 0,
        sealedPassword: null,
      }
    );
  }

  private password(): string | undefined {
    const stored = this.stored();
    if (this.options.secrets && stored.sealedPassword) {
      try {
        return this.options.secrets.open(stored.sealedPassword);
      } catch {
        return undefined;
      }
    }
    return this.memoryPassword;
  }

  status(): HubStatus {
    const stored = this.stored();
    return {
      settings: {
        url: stored.url,
        passwordKept: Boolean(this.options.secrets ? stored.sealedPassword : this.memoryPassword),
        canStorePassword: Boolean(this.options.secrets),
        autoMinutes: stored.autoMinutes,
      },
      lastSync: getLocalSetting<HubLastSync>(this.ctx, LAST) ?? null,
      running: this.worker !== null,
      progress: this.worker ? this.progress : null,
    };
  }

  /** Saves the URL without its password; a password (typed, or found in the URL) goes to the secret store. */
  saveSettings(input: { url: string | null; password?: string; autoMinutes: number }): HubStatus {
    const stored = this.stored();
    let url: string | null = null;
    let password = input.password || undefined;
    if (input.url) {
      const target = parseHubUrl(input.url, { env: {} });
      url = target.redacted;
      password ??= typeof target.config.password === 'string' ? target.config.password : undefined;
    }
    const next: StoredSettings = {
      url,
      autoMinutes: input.autoMinutes,
      sealedPassword: stored.sealedPassword,
    };
    if (!url) {
      next.sealedPassword = null;
      this.memoryPassword = undefined;
    } else if (password) {
      if (this.options.secrets) next.sealedPassword = this.options.secrets.seal(password);
      else this.memoryPassword = password;
    }
    setLocalSetting(this.ctx, SETTINGS, next);
    this.schedule();
    return this.status();
  }

  private target(input?: { url: string; password?: string }): { url: string; password?: string } {
    if (input) return { url: input.url, password: input.password || this.password() };
    const url = this.stored().url;
    if (!url) throw new AppError('hub_url_missing');
    return { url, password: this.password() };
  }

  test(input: { url: string; password?: string }): Promise<HubProbe> {
    return probeHub(this.target(input));
  }

  async replicas(): Promise<HubReplicaSeen[]> {
    return (await hubStatus(this.target())).replicas;
  }

  /** Starts a sync in a worker thread; the status says how it goes. */
  syncNow(input: { passphrase?: string } = {}): HubStatus {
    if (this.worker) throw new AppError('hub_busy');
    const target = this.target();
    if (input.passphrase) this.lastPassphrase = input.passphrase;
    const workerInput: HubWorkerInput = {
      dbPath: this.ctx.dbPath,
      migrationsFolder: this.options.migrationsFolder,
      appVersion: this.ctx.appVersion,
      url: target.url,
      password: target.password,
      passphrase: input.passphrase ?? this.lastPassphrase,
    };
    const started = Date.now();
    const worker = new Worker(workerScript(), { workerData: workerInput });
    this.worker = worker;
    this.progress = { phase: 'connect', done: 0, total: 0 };
    let settled = false;
    const finish = (last: Omit<HubLastSync, 'at' | 'ms'>) => {
      if (settled) return;
      settled = true;
      setLocalSetting(this.ctx, LAST, { ...last, at: new Date().toISOString(), ms: Date.now() - started });
      this.worker = null;
      this.progress = null;
      void worker.terminate();
      this.options.onSynced?.();
    };
    worker.on('message', (message: HubWorkerMessage) => {
      if (message.type === 'progress') this.progress = message.progress;
      else if (message.type === 'result')
        finish({ ok: true, counts: (message.result as HubSyncResult).counts, error: null });
      else if (message.type === 'error')
        finish({ ok: false, counts: null, error: { code: message.code, params: message.params } });
      else finish({ ok: false, counts: null, error: { code: 'internal', params: {} } });
    });
    worker.on('error', () => finish({ ok: false, counts: null, error: { code: 'internal', params: {} } }));
    worker.on('exit', () =>
      finish({ ok: false, counts: null, error: { code: 'hub_cancelled', params: {} } }),
    );
    return this.status();
  }

  cancel(): HubStatus {
    this.worker?.postMessage('cancel');
    return this.status();
  }

  /** Waits for the running sync (tests, and closing the app). */
  async idle(): Promise<void> {
    while (this.worker) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  private schedule() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const minutes = this.stored().autoMinutes;
    if (!minutes || !this.stored().url) return;
    this.timer = setInterval(() => {
      if (this.worker) return;
      try {
        this.syncNow();
      } catch {
        // No password yet, or nothing configured: the next tick tries again.
      }
    }, minutes * 60_000);
    this.timer.unref();
  }

  close() {
    if (this.timer) clearInterval(this.timer);
    this.worker?.postMessage('cancel');
  }
}
