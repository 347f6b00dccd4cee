// Files kept by content under <data folder>/attachments/ab/abcdef…: stored once per SHA-256 and named by
// it, never in table rows (a row names the hash, so an export file carries each file once). Hashes also
// arrive in synced records, so a hash becomes a path only once it is checked to be one.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { Ctx } from './context.ts';
import { AppError } from './errors.ts';
import { makePrivateDir, writePrivateFile } from './private-files.ts';

const SHA256 = /^[0-9a-f]{64}$/;

export const isSha256 = (value: unknown): value is string => typeof value === 'string' && SHA256.test(value);

export function blobPath(ctx: Pick<Ctx, 'dataDir'>, sha256: string): string {
  if (!isSha256(sha256)) throw new AppError('invalid_input', { detail: 'sha256' });
  const root = resolve(ctx.dataDir, 'attachments');
  const path = resolve(root, sha256.slice(0, 2), sha256);
  // Cannot fail after the pattern check; kept so that no later change to the layout opens a traversal.
  const inside = relative(root, path);
  if (inside.startsWith('..') || isAbsolute(inside))
    throw new AppError('invalid_input', { detail: 'sha256' });
  return path;
}

/** Stores bytes by content hash (once) and returns the hash. Written to a temp name, then renamed. */
export function storeBlob(ctx: Pick<Ctx, 'dataDir'>, bytes: Uint8Array): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = blobPath(ctx, sha256);
  if (!existsSync(path)) {
    makePrivateDir(resolve(ctx.dataDir, 'attachments'));
    makePrivateDir(dirname(path));
    const tmp = `${path}.${process.pid}.tmp`;
    writePrivateFile(tmp, bytes);
    renameSync(tmp, path);
  }
  return sha256;
}

/** The stored bytes, or null when this laptop does not have them (never received). */
export function readBlob(ctx: Pick<Ctx, 'dataDir'>, sha256: string): Buffer | null {
  const path = blobPath(ctx, sha256);
  return existsSync(path) ? readFileSync(path) : null;
}
