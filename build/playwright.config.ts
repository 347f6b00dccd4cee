// End-to-end tests: Playwright in Debian chromium against preview mode (tests/e2e/fixtures.ts starts one
// preview server with a fresh database per test). Never `npx playwright install`: see TOOLCHAIN.md.
import { defineConfig } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export default defineConfig({
  testDir: join(root, 'tests', 'e2e'),
  outputDir: join(root, 'test-results'),
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Generous: CI machines are small (2 cores) and some journeys run two preview servers at once.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    // A hospital laptop: nothing needed for a decision may be below the fold or cut at this size.
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
