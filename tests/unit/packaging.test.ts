// The packaged app's Electron fuses and DevTools (issue #11, item 12). electron-builder flips the fuses
// from electron-builder.yml's `electronFuses` when it packs; packing needs a network here, so the test
// holds the configuration (each fuse named, each the safe way) and the window preferences.
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ app: { isPackaged: true, on: () => {} }, session: {} }));
const { hardenedWebPreferences } = await import('#main/app/security.ts');

function fuses(): Record<string, boolean> {
  const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
  const block = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(yml);
  if (!block) throw new Error('electron-builder.yml has no electronFuses block');
  return Object.fromEntries(
    [...block[1]!.matchAll(/^ {2}(\w+): (true|false)$/gm)].map((m) => [m[1]!, m[2] === 'true']),
  );
}

describe('packaged app', () => {
  it('flips every fuse that turns the app into something else', () => {
    expect(fuses()).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('keeps the app in an asar, which the integrity fuse checks', () => {
    const yml = readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8');
    expect(yml).toMatch(/^asar: true$/m);
  });

  it('has no DevTools when packaged, and keeps them in a development build', () => {
    expect(hardenedWebPreferences('/x/preload.cjs').devTools).toBe(false);
    expect(hardenedWebPreferences('/x/preload.cjs', true).devTools).toBe(true);
  });
});
