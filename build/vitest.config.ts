// Unit tests only (services, db, contract, transports, CLI); the Playwright suite under tests/e2e has its
// own config. Node environment: nothing here touches a DOM or Electron.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['tests/unit/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**', 'out/**'],
    environment: 'node',
    // better-sqlite3 is a native addon: child processes isolate it more predictably than worker threads.
    pool: 'forks',
    testTimeout: 15_000,
    unstubEnvs: true,
  },
});
