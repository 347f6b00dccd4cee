// The Electron main and preload bundles (build/scripts/electron-bundles.ts) must build from the current
// sources and may require only Node built-ins, electron and better-sqlite3: anything else would be missing
// from the packaged app. The sandboxed preload may require electron alone.
import { build } from 'esbuild';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { electronBundles } from '../../build/scripts/electron-bundles.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
// pg (the hub client) requires its optional native binding only when `pg.native` is read, which Wardside
// never does; the bundle keeps that lazy require inside a try, so it is not a dependency of the app.
const optionalPgNative = 'pg-native';

async function requiredModules(options: Parameters<typeof build>[0]): Promise<string[]> {
  const result = await build({
    ...options,
    write: false,
    sourcemap: false,
    metafile: true,
    logLevel: 'silent',
  });
  const external = Object.values(result.metafile!.outputs).flatMap((o) =>
    o.imports.filter((i) => i.external).map((i) => i.path),
  );
  return [...new Set(external)].sort();
}

describe('Electron bundles', () => {
  it('main requires only built-ins, electron and the native modules (better-sqlite3, resvg)', async () => {
    const modules = await requiredModules(electronBundles(root).main);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const native = new Set(['electron', 'better-sqlite3', '@resvg/resvg-js']);
    expect(modules).toContain('electron');
    expect(modules).toContain('better-sqlite3');
    expect(modules).toContain('@resvg/resvg-js');
    expect(modules.filter((m) => !builtins.has(m) && !native.has(m) && m !== optionalPgNative)).toEqual([]);
  });

  it('the hub sync worker requires only built-ins and better-sqlite3', async () => {
    const modules = await requiredModules(electronBundles(root).hubWorker);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(
      modules.filter((m) => !builtins.has(m) && m !== 'better-sqlite3' && m !== optionalPgNative),
    ).toEqual([]);
  });

  it('the file-sync worker requires only built-ins and the native modules', async () => {
    const modules = await requiredModules(electronBundles(root).syncWorker);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const native = new Set(['better-sqlite3', '@resvg/resvg-js']);
    expect(modules).toContain('better-sqlite3');
    expect(modules.filter((m) => !builtins.has(m) && !native.has(m) && m !== optionalPgNative)).toEqual([]);
  });

  it('the run-saving worker requires only built-ins and the native modules', async () => {
    const modules = await requiredModules(electronBundles(root).runWorker);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const native = new Set(['better-sqlite3', '@resvg/resvg-js']);
    expect(modules).toContain('better-sqlite3');
    expect(modules.filter((m) => !builtins.has(m) && !native.has(m) && m !== optionalPgNative)).toEqual([]);
  });

  it('the sync verification worker requires only built-ins (no electron, no native module)', async () => {
    const modules = await requiredModules(electronBundles(root).syncVerifyWorker);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(modules.filter((m) => !builtins.has(m))).toEqual([]);
  });

  it('the reconciliation worker requires only built-ins (no electron, no native module)', async () => {
    const modules = await requiredModules(electronBundles(root).reconcileWorker);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(modules.filter((m) => !builtins.has(m))).toEqual([]);
  });

  it('the sandboxed preload requires electron and nothing else', async () => {
    expect(await requiredModules(electronBundles(root).preload)).toEqual(['electron']);
  });
});
