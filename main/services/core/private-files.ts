// Patient data on a shared laptop: the database, attachments, uploads and exports are created readable by
// their owner only (0600 files, 0700 folders) where the OS has such modes (issue #11, item 13). Windows
// ignores the bits; its profile folders are private already. A mode given at creation is masked by the
// umask and not applied to an existing file, hence the chmod.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';

export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** Creates the folder (and missing parents) owner-only; an existing folder keeps its mode. */
export function makePrivateDir(path: string): void {
  const created = mkdirSync(path, { recursive: true, mode: PRIVATE_DIR });
  if (created !== undefined) {
    try {
      chmodSync(path, PRIVATE_DIR);
    } catch {
      // A file system without modes.
    }
  }
}

/** Writes bytes to a file only its owner can read, whatever the umask. */
export function writePrivateFile(path: string, bytes: Uint8Array | string): void {
  writeFileSync(path, bytes, { mode: PRIVATE_FILE });
  try {
    chmodSync(path, PRIVATE_FILE);
  } catch {
    // A file system without modes.
  }
}
