// One preview server per test, on a fresh data folder, so tests never share state (STYLE.md §8); sync tests
// ask for `laptopB`, a second server with its own data folder in its own browser context.
// The server prints `WARDSIDE_PREVIEW_URL=…`; the page opens it (the token becomes a cookie) and waits
// for the renderer's explicit ready signal instead of sleeping.
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { AppInfo, InputOf, MethodName, OutputOf, WardsideApi } from '#contract/index.ts';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturePath = (name: string) => join(root, 'tests', 'fixtures', 'e2e', name);
const screenshotDir = join(root, 'test-results', 'screenshots');

export interface Preview {
  url: string;
  dbPath: string;
  /** Open (or reopen) the app and wait until its first data is rendered. */
  open(): Promise<void>;
  /** Reload the page and wait for the ready signal again. */
  reload(): Promise<void>;
  /** Record counts straight from the handlers (not from the screen), to prove what was written. */
  counts(): Promise<AppInfo['counts']>;
  /** Full-page screenshot under test-results/screenshots/<name>.png. */
  shot(name: string): Promise<void>;
  /** Calls a contract method from the page (setup data a test is not about; assertions on stored state). */
  api<K extends MethodName>(method: K, input?: InputOf<K>): Promise<OutputOf<K>>;
}

// On a laptop the main process and the renderer share one clock and one time zone; the server runs in the
// browser context's zone so "today" means the same day on both sides, whatever zone CI runs in.
function startServer(
  dbPath: string,
  timezoneId: string,
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['main/preview/start.ts', '--db', dbPath, '--port', '0'], {
    cwd: root,
    env: { ...process.env, TZ: timezoneId },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`preview server printed no URL within 30 s:\n${output}`));
    }, 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview server exited with ${code} before printing its URL:\n${output}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output += line + '\n';
      const match = /^WARDSIDE_PREVIEW_URL=(\S+)$/.exec(line);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!, output: () => output });
      }
    });
  });
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function waitReady(page: Page) {
  await page.locator('body[data-ready="true"]').waitFor({ state: 'attached' });
}

/** A preview server on a fresh data folder, driven through `page`; stopped and removed by the returned function. */
async function startPreview(
  page: Page,
  name: string,
  timezoneId: string,
): Promise<{ preview: Preview; stop: () => Promise<string> }> {
  const dataDir = await mkdtemp(join(tmpdir(), `wardside-e2e-${name}-`));
  const dbPath = join(dataDir, 'wardside.db');
  const server = await startServer(dbPath, timezoneId);
  const preview: Preview = {
    url: server.url,
    dbPath,
    open: async () => {
      await page.goto(server.url);
      await waitReady(page);
    },
    reload: async () => {
      await page.reload();
      await waitReady(page);
    },
    counts: async () => {
      const envelope = await page.evaluate(() =>
        (window as unknown as { wardside: WardsideApi }).wardside.app.info(),
      );
      if (!envelope.ok) throw new Error(envelope.error.message);
      return envelope.value.counts;
    },
    api: async (method, input) => {
      const envelope = await page.evaluate(
        async ([m, i]) => {
          const [area, verb] = m.split('.') as [string, string];
          const api = (
            window as unknown as { wardside: Record<string, Record<string, (x: unknown) => unknown>> }
          ).wardside;
          return (await api[area]![verb]!(i)) as {
            ok: boolean;
            value?: unknown;
            error?: { message: string };
          };
        },
        [method, input] as const,
      );
      if (!envelope.ok) throw new Error(`${method}: ${envelope.error!.message}`);
      return envelope.value as OutputOf<typeof method>;
    },
    shot: async (shotName) => {
      await mkdir(screenshotDir, { recursive: true });
      // From the top: a scrolled page under the fixed header comes out with the header mid-image.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({
        path: join(screenshotDir, `${shotName}.png`),
        fullPage: true,
        animations: 'disabled',
      });
    },
  };
  const stop = async () => {
    await stopServer(server.child);
    await rm(dataDir, { recursive: true, force: true });
    return server.output();
  };
  return { preview, stop };
}

/** A second laptop for sync tests: its own browser context (the preview cookie is per host, not per port). */
export interface Laptop {
  page: Page;
  preview: Preview;
}

export const test = base.extend<{ preview: Preview; laptopB: Laptop }>({
  preview: async ({ page, timezoneId }, use, testInfo) => {
    const { preview, stop } = await startPreview(page, 'a', timezoneId ?? 'Asia/Shanghai');
    try {
      await use(preview);
    } finally {
      const log = await stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('preview-server.log', { body: log, contentType: 'text/plain' });
      }
    }
  },
  laptopB: async ({ browser, locale, timezoneId, viewport }, use, testInfo) => {
    const context = await browser.newContext({ locale, timezoneId, viewport, acceptDownloads: true });
    const page = await context.newPage();
    const { preview, stop } = await startPreview(page, 'b', timezoneId ?? 'Asia/Shanghai');
    try {
      await use({ page, preview });
    } finally {
      await context.close();
      const log = await stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('preview-server-b.log', { body: log, contentType: 'text/plain' });
      }
    }
  },
});

export { expect };
