#!/usr/bin/env node
// The `wardside` bin. Runs the bundled CLI (out/cli/, built by `npm install` and `npm run build`; see
// build/scripts/cli-bundle.ts) when it was built after the last change to any of its sources, else the
// TypeScript source (main/cli/wardside.ts) — the same program, only slower to start. Plain JavaScript so
// that starting it costs nothing; V8's compile cache keeps the next start short.
import module from 'node:module';
import { readFileSync, statSync } from 'node:fs';

module.enableCompileCache?.();

const root = new URL('../../', import.meta.url);
const bundle = new URL('out/cli/wardside.mjs', root);

function bundleIsFresh() {
  if (process.env.WARDSIDE_CLI_SOURCE === '1') return false;
  try {
    const { builtAt, sources } = JSON.parse(readFileSync(new URL('out/cli/sources.json', root), 'utf8'));
    statSync(bundle);
    return sources.every((path) => statSync(new URL(path, root)).mtimeMs <= builtAt);
  } catch {
    return false;
  }
}

await import(bundleIsFresh() ? bundle.href : new URL('main/cli/wardside.ts', root).href);
