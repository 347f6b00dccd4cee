// `npm start`: build, then launch Electron. Where the Electron binary was never downloaded (offline
// installs with ELECTRON_SKIP_BINARY_DOWNLOAD=1), say so in one paragraph and point to preview mode,
// without touching electron's own loader (it would try to download the binary).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { translator } from '#contract/i18n/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function electronBinary(): string | null {
  const pkg = join(root, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!relative) return null;
  const candidate = join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : null;
}

const binary = electronBinary();
if (!binary) {
  const lang = (process.env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  console.error(`\n${translator(lang)('start.noElectron')}\n`);
  process.exit(1);
}

const build = spawn(process.execPath, [join(root, 'build', 'scripts', 'build.ts')], { stdio: 'inherit' });
build.on('exit', (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (c) => process.exit(c ?? 0));
});
