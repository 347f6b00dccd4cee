// Sync by export files.
import type { syncContract } from '#contract/sync.ts';
import { renameReplica } from '#services/core/settings.ts';
import { listConflicts, resolveConflict } from '#services/sync/conflicts.ts';
import * as sync from '#services/sync/exchange.ts';
import { FileJobs } from '#services/sync/file-jobs.ts';
import { received, toBase64 } from './files.ts';
import type { Ctx } from '#services/core/context.ts';
import type { AreaHandlers, HandlerHooks } from './types.ts';

export function syncHandlers(ctx: Ctx, hooks: HandlerHooks): AreaHandlers<typeof syncContract> {
  // The app and the preview server import and export off their main thread; without the hook (tests)
  // the same services run in-process.
  const jobs = hooks.files ? new FileJobs(ctx, hooks.files) : null;
  const importFiles = (
    files: { name: string; bytes: Uint8Array }[],
    options: { dryRun?: boolean; passphrase?: string },
  ) =>
    jobs
      ? jobs.importFiles(files, options)
      : sync.importFiles(
          ctx,
          files.map((f) => ({ ...f, bytes: Buffer.from(f.bytes) })),
          options,
        );
  return {
    'sync.status': () => sync.syncStatus(ctx),
    'sync.exportFile': async ({ passphrase }) => {
      const file = jobs ? await jobs.exportChanges({ passphrase }) : sync.exportChanges(ctx, { passphrase });
      const summary = {
        fileName: file.fileName,
        counts: file.manifest.counts,
        encrypted: file.manifest.encryption !== null,
        bytes: file.bytes.length,
        warning: file.warning,
      };
      if (!hooks.saveFile) {
        return { ...summary, path: null, contentBase64: toBase64(file.bytes), cancelled: false };
      }
      const path = await hooks.saveFile(file.fileName, file.bytes);
      return { ...summary, path, contentBase64: null, cancelled: path === null };
    },
    'sync.previewImport': ({ files, passphrase }) =>
      importFiles(files.map(received), { dryRun: true, passphrase }),
    'sync.applyImport': ({ files, passphrase }) => importFiles(files.map(received), { passphrase }),
    'sync.progress': () => jobs?.progress() ?? null,
    'sync.cancel': () => jobs?.cancel() ?? { cancelled: false },
    'sync.importLog': () => sync.importLog(ctx),
    'sync.renameDevice': ({ label }) => renameReplica(ctx, label),
    'sync.conflicts': () => listConflicts(ctx),
    'sync.resolveConflict': (input) => resolveConflict(ctx, input),
  };
}
