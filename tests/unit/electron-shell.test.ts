// The Electron shell cannot start here (no Electron binary), so its wiring is tested against a stand-in
// of the electron module: every contract method is bound, untrusted frames are refused before any
// handler runs, and the window guards deny navigation, new windows, webviews and permissions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const ipcHandlers = new Map<string, (event: unknown, input: unknown) => unknown>();
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  const sessionHandlers: Record<string, (...args: unknown[]) => unknown> = {};
  return {
    ipcHandlers,
    appListeners,
    sessionHandlers,
    module: {
      ipcMain: {
        handle: (channel: string, fn: (e: unknown, i: unknown) => unknown) => ipcHandlers.set(channel, fn),
      },
      app: { on: (name: string, fn: (...args: unknown[]) => void) => appListeners.set(name, fn) },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (fn: (...a: unknown[]) => unknown) => (sessionHandlers.request = fn),
          setPermissionCheckHandler: (fn: (...a: unknown[]) => unknown) => (sessionHandlers.check = fn),
          setDevicePermissionHandler: (fn: (...a: unknown[]) => unknown) => (sessionHandlers.device = fn),
        },
      },
    },
  };
});
vi.mock('electron', () => electron.module);

const { bindIpc } = await import('#main/app/ipc.ts');
const { hardenedWebPreferences, installSecurityGuards } = await import('#main/app/security.ts');
const { createHandlers } = await import('#main/ipc/handlers.ts');
const { boot } = await import('#services/core/boot.ts');
const { methodNames } = await import('#contract/index.ts');

const frame = (url: string, isMain = true) => ({ senderFrame: { url, parent: isMain ? null : {} } });

describe('IPC binding', () => {
  let dir: string;
  let ctx: ReturnType<typeof boot>;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wardside-shell-'));
    ctx = boot(join(dir, 'w.db'));
    electron.ipcHandlers.clear();
    bindIpc(
      createHandlers(ctx),
      () => 'en',
      () => {},
    );
  });
  afterEach(() => {
    ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds exactly the contract methods', () => {
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...methodNames].sort());
  });

  it('answers our own top frame through the validating wrapper', async () => {
    const handler = electron.ipcHandlers.get('departments.create')!;
    const ok = (await handler(frame('app://wardside/index.html'), {
      code: 'ICU',
      name: '重症医学科',
      type: 'ward',
    })) as { ok: boolean };
    expect(ok.ok).toBe(true);
    const bad = (await handler(frame('app://wardside/index.html'), { code: '', type: 'x' })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it.each([
    ['another origin', frame('https://evil.example/index.html')],
    ['a file:// page', frame('file:///tmp/index.html')],
    ['a subframe of our origin', frame('app://wardside/index.html', false)],
    ['no frame at all', { senderFrame: null }],
  ])('refuses %s before any handler runs', async (_name, event) => {
    const handler = electron.ipcHandlers.get('departments.create')!;
    const result = await handler(event, { code: 'X1', name: 'x', type: 'ward' });
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted_sender' } });
    expect((result as { error: { message: string } }).error.message).toMatch(/untrusted/i);
    expect(ctx.sqlite.prepare('select count(*) n from department').get()).toEqual({ n: 0 });
  });
});

describe('window hardening', () => {
  it('uses a sandboxed, isolated renderer without node', () => {
    const prefs = hardenedWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/x/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies foreign navigation, new windows, webviews and permission requests', () => {
    installSecurityGuards();
    const listeners = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, fn: (event: { preventDefault: () => void }, url?: string) => void) =>
        listeners.set(name, fn),
      setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn),
    };
    electron.appListeners.get('web-contents-created')!({}, contents);

    const attempt = (name: string, url?: string) => {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(attempt('will-navigate', 'app://wardside/index.html#/settings')).toBe(false);
    expect(attempt('will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(attempt('will-attach-webview')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });

    const granted = vi.fn();
    electron.sessionHandlers.request!({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
    expect(electron.sessionHandlers.check!()).toBe(false);
    expect(electron.sessionHandlers.device!()).toBe(false);
  });
});
