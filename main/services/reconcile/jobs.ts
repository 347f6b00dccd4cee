// Files in and runs out, for the app and preview mode. The renderer never names a path: in Electron the
// main process opens a file dialog (the `pickFile` hook) and hands back an opaque file id; in preview
// mode the browser uploads the bytes in chunks to a temporary file beside the database. A run compares
// in the engine's worker thread; the renderer polls its status (the same over IPC and HTTP), and the
// result is saved (runs.ts) when the worker is done.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import {
  maxReconcileFileBytes,
  type HeaderPreview,
  type JobStatus,
  type StagedFile,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import type {
  EncodingChoice,
  ReconcileInput,
  ReconcileJob,
  ReconcileProgress,
} from '#contract/reconcile-engine.ts';
import { engineProfile, getProfile } from './profiles.ts';
import { saveRun } from './runs.ts';

/** The parts of the engine the workspace uses (injected, so tests can stand in for the worker). */
export interface EngineApi {
  startReconcileJob(input: ReconcileInput, onProgress: (p: ReconcileProgress) => void): ReconcileJob;
  readHeaders(
    file: string,
    encoding: EncodingChoice,
  ): Promise<{ headers: string[]; encoding: string; sampleRows: string[][] }>;
}

export interface WorkspaceOptions {
  /** Opens a file dialog and resolves to the chosen path (Electron); absent in preview mode. */
  pickFile?: () => Promise<string | null>;
  /** Turns an error into the message shown to the user (translated). */
  describeError: (error: unknown) => string;
}

interface Staged {
  path: string;
  fileName: string;
  size: number;
  /** Uploaded to our temporary folder (removed after a saved run), not the user's own file. */
  temp: boolean;
  received: number;
}

interface Job {
  status: JobStatus;
  job: ReconcileJob | null;
  files: string[];
}

const DAY_MS = 24 * 3600 * 1000;

function checkSize(fileName: string, size: number) {
  if (size > maxReconcileFileBytes) {
    throw new AppError('reconcile_file_too_large', {
      file: fileName,
      size: (size / 1048576).toFixed(0),
      limit: maxReconcileFileBytes / 1048576,
    });
  }
}

export function createWorkspace(ctx: Ctx, engine: EngineApi, options: WorkspaceOptions) {
  const files = new Map<string, Staged>();
  const jobs = new Map<string, Job>();
  const uploadDir = () => join(ctx.dataDir, 'reconcile-uploads');

  // Uploads left behind by a crash or an abandoned wizard are removed after a day, at the first upload
  // (building the handler table touches nothing).
  let swept = false;
  function sweep() {
    if (swept) return;
    swept = true;
    try {
      for (const name of readdirSync(uploadDir())) {
        const path = join(uploadDir(), name);
        if (Date.now() - statSync(path).mtimeMs > DAY_MS) rmSync(path, { force: true });
      }
    } catch {
      // No upload folder yet.
    }
  }

  function staged(fileId: string): Staged {
    const file = files.get(fileId);
    if (!file || file.received < file.size) throw new AppError('reconcile_file_unknown');
    return file;
  }

  const describe = (fileId: string, f: Staged): StagedFile & { received: number } => ({
    fileId,
    fileName: f.fileName,
    size: f.size,
    received: f.received,
  });

  return {
    async pickFile(): Promise<{ available: boolean; file: StagedFile | null }> {
      if (!options.pickFile) return { available: false, file: null };
      const path = await options.pickFile();
      if (!path) return { available: true, file: null };
      const size = statSync(path).size;
      checkSize(basename(path), size);
      const fileId = randomUUID();
      files.set(fileId, { path, fileName: basename(path), size, temp: false, received: size });
      return { available: true, file: { fileId, fileName: basename(path), size } };
    },

    /** One chunk of a preview-mode upload; chunks arrive in order, the first one without a file id. */
    upload(input: {
      fileId?: string | null;
      fileName: string;
      size: number;
      offset: number;
      bytes: Uint8Array;
    }) {
      checkSize(input.fileName, input.size);
      const { bytes } = input;
      let fileId = input.fileId ?? null;
      let file: Staged;
      if (!fileId) {
        if (input.offset !== 0) throw new AppError('reconcile_file_unknown');
        sweep();
        mkdirSync(uploadDir(), { recursive: true });
        fileId = randomUUID();
        // Keep the extension: the engine and the user both recognise files by it.
        const ext = extname(input.fileName)
          .replace(/[^.A-Za-z0-9]/g, '')
          .slice(0, 10);
        file = {
          path: join(uploadDir(), `${fileId}${ext}`),
          fileName: input.fileName,
          size: input.size,
          temp: true,
          received: 0,
        };
        closeSync(openSync(file.path, 'w'));
        files.set(fileId, file);
      } else {
        const known = files.get(fileId);
        if (!known || !known.temp || known.received !== input.offset)
          throw new AppError('reconcile_file_unknown');
        file = known;
      }
      if (file.received + bytes.length > file.size) throw new AppError('reconcile_file_unknown');
      const fd = openSync(file.path, 'a');
      try {
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
      file.received += bytes.length;
      return describe(fileId, file);
    },

    async headers(input: { fileId: string; encoding: EncodingChoice }): Promise<HeaderPreview> {
      const file = staged(input.fileId);
      return engine.readHeaders(file.path, input.encoding);
    },

    start(input: { profileId: string; businessDate: string; oldFileId: string; newFileId: string }) {
      const profile = getProfile(ctx, input.profileId);
      const oldFile = staged(input.oldFileId);
      const newFile = staged(input.newFileId);
      const jobId = randomUUID();
      const entry: Job = {
        status: { jobId, state: 'running', progress: null, runId: null, error: null },
        job: null,
        files: [input.oldFileId, input.newFileId],
      };
      jobs.set(jobId, entry);
      const job = engine.startReconcileJob(
        {
          profile: engineProfile(profile),
          oldFile: oldFile.path,
          newFile: newFile.path,
          encodingOld: profile.encodingOld,
          encodingNew: profile.encodingNew,
        },
        (progress) => {
          if (entry.status.state === 'running') entry.status.progress = progress;
        },
      );
      entry.job = job;
      job.result.then(
        (result) => {
          if (entry.status.state !== 'running') return;
          try {
            const run = saveRun(ctx, {
              domain: profile.domain,
              businessDate: input.businessDate,
              profile: engineProfile(profile),
              result,
              oldFile: oldFile.fileName,
              newFile: newFile.fileName,
            });
            entry.status = { ...entry.status, state: 'done', runId: run.id };
            for (const id of entry.files) {
              const f = files.get(id);
              if (f?.temp) rmSync(f.path, { force: true });
              if (f?.temp) files.delete(id);
            }
          } catch (error) {
            entry.status = { ...entry.status, state: 'failed', error: options.describeError(error) };
          }
        },
        (error: unknown) => {
          if (entry.status.state !== 'running') return;
          entry.status = { ...entry.status, state: 'failed', error: options.describeError(error) };
        },
      );
      return { jobId };
    },

    status(jobId: string): JobStatus {
      const entry = jobs.get(jobId);
      if (!entry) throw new AppError('reconcile_job_unknown');
      return entry.status;
    },

    cancel(jobId: string): JobStatus {
      const entry = jobs.get(jobId);
      if (!entry) throw new AppError('reconcile_job_unknown');
      if (entry.status.state === 'running') {
        entry.status = { ...entry.status, state: 'cancelled' };
        entry.job?.cancel();
      }
      return entry.status;
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
