// Attachments of an issue: the bytes live in the blob store (core/blobs.ts), the replicated row names
// their hash.
import { chmodSync, copyFileSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { issueAttachment, pilotIssue } from '#db/schema.ts';
import { maxAttachmentBytes, type IssueAttachment } from '#contract/index.ts';
import { blobPath, storeBlob } from '#services/core/blobs.ts';
import { inTransaction, type Ctx } from '#services/core/context.ts';
import { AppError } from '#services/core/errors.ts';
import { makePrivateDir, PRIVATE_FILE } from '#services/core/private-files.ts';
import { archiveRecord, getRecord, insertRecord } from '#services/core/records.ts';
import { printableValue } from '#services/core/printable.ts';
import { recordEvent } from './issues.ts';

function toAttachment(row: typeof issueAttachment.$inferSelect): IssueAttachment {
  const { archivedAt: _a, updatedAt: _u, ...rest } = row;
  return rest;
}

export function addAttachment(
  ctx: Ctx,
  input: { issueId: string; fileName: string; mime: string; bytes: Uint8Array },
): IssueAttachment {
  const { bytes } = input;
  if (bytes.byteLength > maxAttachmentBytes) {
    throw new AppError('attachment_too_large', {
      file: input.fileName,
      size: (bytes.byteLength / 1048576).toFixed(1),
      limit: maxAttachmentBytes / 1048576,
    });
  }
  if (bytes.byteLength === 0) throw new AppError('attachment_empty', { file: input.fileName });
  getRecord(ctx, pilotIssue, input.issueId);
  // The blob is written before the row: a crash in between leaves an unreferenced file, never a row
  // pointing at nothing.
  const sha256 = storeBlob(ctx, bytes);
  return inTransaction(ctx, () => {
    const row = insertRecord(ctx, issueAttachment, {
      issueId: input.issueId,
      sha256,
      fileName: input.fileName,
      mime: input.mime || 'application/octet-stream',
      size: bytes.byteLength,
      archivedAt: null,
    });
    recordEvent(ctx, input.issueId, 'attachment', null, input.fileName);
    return toAttachment(row);
  });
}

export function readAttachment(
  ctx: Ctx,
  id: string,
): { attachment: IssueAttachment; bytes: Buffer; path: string } {
  const row = getRecord(ctx, issueAttachment, id);
  const path = blobPath(ctx, row.sha256);
  if (!existsSync(path)) throw new AppError('attachment_missing', { file: row.fileName });
  return { attachment: toAttachment(row), bytes: readFileSync(path), path };
}

export function archiveAttachment(ctx: Ctx, id: string, archived: boolean): IssueAttachment {
  return inTransaction(ctx, () => {
    const current = getRecord(ctx, issueAttachment, id);
    // Already in that state (a second click, a stale list): nothing happened, so nothing to record.
    if (Boolean(current.archivedAt) === archived) return toAttachment(current);
    const row = archiveRecord(ctx, issueAttachment, id, archived);
    recordEvent(
      ctx,
      row.issueId,
      'attachment',
      archived ? row.fileName : null,
      archived ? null : row.fileName,
    );
    return toAttachment(row);
  });
}

/**
 * A copy under the original file name in the temp folder, for the system viewer (the stored blob has no
 * extension, so the OS would not know how to open it). The name is reduced to a safe base name.
 */
/**
 * Types the system viewer may open (issue #11, item 4): documents and images only. Synced attachments come
 * from other laptops, so a name ending in `.bat`, `.exe`, `.lnk`, `.js`… (or `x.png .bat`, whose last
 * extension is what the OS acts on) is never handed to the shell: opening must never mean running.
 */
export const viewableExtensions = new Set([
  'png',
  'jpg',
  'jpeg',
  'gif',
  'bmp',
  'webp',
  'tif',
  'tiff',
  'heic',
  'pdf',
  'txt',
  'csv',
  'log',
  'rtf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'odt',
  'ods',
  'odp',
]);

/** The extension the OS would act on: Windows ignores trailing dots and spaces of a file name. */
export function effectiveExtension(fileName: string): string {
  const name = basename(fileName.replace(/\\/g, '/')).replace(/[. ]+$/, '');
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

export function assertViewable(attachment: Pick<IssueAttachment, 'fileName'>): void {
  const extension = effectiveExtension(attachment.fileName);
  if (!viewableExtensions.has(extension)) {
    throw new AppError('attachment_not_viewable', {
      file: printableValue(attachment.fileName),
      type: extension ? `.${extension}` : '-',
    });
  }
}

export function copyForViewing(ctx: Ctx, id: string): string {
  const { attachment, path } = readAttachment(ctx, id);
  assertViewable(attachment);
  const cleaned = [...basename(attachment.fileName)]
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('');
  // An empty name, "." or ".." would name a folder, not a file.
  const safeName = /^\.*$/.test(cleaned) ? attachment.sha256 : cleaned;
  const root = viewingRoot();
  // File times are wall-clock times, so the real clock decides, not the context's (testable) one.
  pruneViewingCopies(root, Date.now());
  // Named by process: quitting removes this instance's copies, never another running one's.
  const dir = join(root, `${process.pid}-${attachment.sha256.slice(0, 16)}`);
  // Owner-only: the temp folder is shared by every account on the laptop (issue #11, item 13).
  makePrivateDir(root);
  makePrivateDir(dir);
  const target = join(dir, safeName);
  copyFileSync(path, target);
  chmodSync(target, PRIVATE_FILE);
  return target;
}

const viewingRoot = () => join(tmpdir(), 'wardside-open');

/** Removes the copies this process handed to the viewer: when the app quits, their job is over. */
export function removeViewingCopies(): void {
  let entries: string[];
  try {
    entries = readdirSync(viewingRoot());
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith(`${process.pid}-`))
      rmSync(join(viewingRoot(), entry), { recursive: true, force: true });
  }
}

/** Copies handed to the system viewer are kept a day (the viewer may still have one open), then removed. */
function pruneViewingCopies(root: string, now: number, maxAgeMs = 24 * 3_600_000) {
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(root, entry);
    try {
      if (now - statSync(path).mtimeMs > maxAgeMs) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process may be removing or using it: leave it for next time.
    }
  }
}
