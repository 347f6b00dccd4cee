// Files in and runs out, for the app and preview mode. The renderer never names a path: in Electron the
// main process opens a file dialog (the `pickFile` hook) and hands back an opaque file id; in preview
// mode the browser uploads the bytes in chunks to a temporary file beside the database. A run compares
// in the engine's worker thread; the renderer polls its status (the same over IPC and HTTP), and the
// result is saved (runs.ts) when the worker is done.
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import {
  maxReconcileFileBytes,
  type HeaderPreview,
  type JobStatus,
  type StagedFile,
} from '#contract/index.ts';
import type { Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { makePrivateDir, PRIVATE_FILE } from '#services/core/private-files.ts';
import type {
  EncodingChoice,
  ReconcileInput,
  ReconcileJob,
  ReconcileProgress,
} from '#contract/reconcile-engine.ts';
import { engineProfile, getProfile } from './profiles.ts';
import { inProcessSaver, type RunSaver } from './save-jobs.ts';

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
  /**
   * Where a finished comparison is saved: the app and the preview server save in a worker thread
   * (save-jobs.ts RunJobs), opened when the comparison starts; without it, on this thread.
   */
  runSaver?: () => RunSaver;
  /**
   * Gets the saver's worker going ahead of the first comparison (the app's one worker per database), called
   * when files are picked or uploaded: its start is paid while the user chooses files, not by the save.
   */
  warmSaver?: () => void;
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
  saver: RunSaver | null;
  files: string[];
}

/** An upload another process is still writing is touched within this; older ones are orphans. */
const ORPHAN_MS = 10 * 60 * 1000;

/**
 * A library or engine error about one staged file as the user should read it: the name they picked,
 * not our temporary one, and which side (old/new) it was, when known (issue #12, item 14).
 */
export function namedError(
  error: unknown,
  candidates: { side?: 'old' | 'new'; path: string; fileName: string }[],
  describe: (error: unknown) => string,
): unknown {
  if (!(error instanceof AppError) || typeof error.params.file !== 'string') return error;
  const hit = candidates.find((c) => basename(c.path) === error.params.file);
  if (!hit) return error;
  const inner = new AppError(error.code, { ...error.params, file: hit.fileName });
  if (!hit.side) return inner;
  return new AppError(hit.side === 'old' ? 'reconcile_old_file' : 'reconcile_new_file', {
    file: hit.fileName,
    message: describe(inner),
  });
}

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

  // Uploads of a run are removed when its job ends, whatever the end (issue #11, item 13); those left by
  // a crash or an earlier session (file ids live in memory, so nothing can name them again) are removed
  // at the first upload (building the handler table touches nothing).
  let swept = false;
  function sweep() {
    if (swept) return;
    swept = true;
    try {
      for (const name of readdirSync(uploadDir())) {
        const path = join(uploadDir(), name);
        if (Date.now() - statSync(path).mtimeMs > ORPHAN_MS) rmSync(path, { force: true });
      }
    } catch {
      // No upload folder yet.
    }
  }

  /** The job's uploaded copies are removed (never the user's own files, picked in place). */
  function release(entry: Job) {
    for (const id of entry.files) {
      const f = files.get(id);
      if (!f?.temp) continue;
      rmSync(f.path, { force: true });
      files.delete(id);
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
      options.warmSaver?.();
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
        options.warmSaver?.();
        sweep();
        makePrivateDir(uploadDir());
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
        closeSync(openSync(file.path, 'w', PRIVATE_FILE));
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
      try {
        return await engine.readHeaders(file.path, input.encoding);
      } catch (error) {
        throw namedError(error, [file], options.describeError);
      }
    },

    start(input: { profileId: string; businessDate: string; oldFileId: string; newFileId: string }) {
      const profile = getProfile(ctx, input.profileId);
      const oldFile = staged(input.oldFileId);
      const newFile = staged(input.newFileId);
      const jobId = randomUUID();
      const entry: Job = {
        status: { jobId, state: 'running', progress: null, runId: null, error: null },
        job: null,
        saver: null,
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
      // The saver (a worker thread in the app) gets ready while the files are compared.
      const saver = (options.runSaver ?? (() => inProcessSaver(ctx)))();
      entry.saver = saver;
      const failed = (error: unknown) => {
        if (entry.status.state !== 'running') return;
        entry.status = { ...entry.status, state: 'failed', error: options.describeError(error) };
        release(entry);
      };
      job.result.then(
        (result) => {
          if (entry.status.state !== 'running') return;
          const started = performance.now();
          const saving = (done: number, total: number) => {
            if (entry.status.state !== 'running') return;
            const seconds = Math.max(performance.now() - started, 1) / 1000;
            entry.status.progress = {
              phase: 'save',
              rows: done,
              rowsPerSecond: Math.round(done / seconds),
              percent: total > 0 ? (done / total) * 100 : 100,
            };
          };
          saving(0, result.discrepancies.length);
          saver
            .save(
              {
                domain: profile.domain,
                businessDate: input.businessDate,
                profile: engineProfile(profile),
                result,
                oldFile: oldFile.fileName,
                newFile: newFile.fileName,
              },
              saving,
            )
            .then((run) => {
              if (entry.status.state !== 'running') return;
              entry.status = { ...entry.status, state: 'done', runId: run.id };
              release(entry);
            }, failed);
        },
        (error: unknown) => {
          saver.cancel();
          const sides = [
            { side: 'old' as const, ...oldFile },
            { side: 'new' as const, ...newFile },
          ];
          failed(namedError(error, sides, options.describeError));
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
        // A save under way writes nothing (its transaction is never committed).
        entry.saver?.cancel();
        release(entry);
      }
      return entry.status;
    },
  };
}

export type Workspace = ReturnType<typeof createWorkspace>;
