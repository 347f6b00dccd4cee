// Where Wardside keeps its data. The Electron shell sets app.setPath('userData', …) from this same function
// so the app, the preview server and the CLI all open the same file unless --db says otherwise.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'Wardside';
export const DB_FILE_NAME = 'wardside.db';

export function defaultUserDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_DIR_NAME);
}

export function defaultDbPath(): string {
  return join(defaultUserDataDir(), DB_FILE_NAME);
}

/** `--db PATH` / `--db=PATH` from an argv array, as accepted by the app, preview and CLI alike. */
export function dbPathFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--db') return argv[i + 1];
    if (arg.startsWith('--db=')) return arg.slice(5);
  }
  return undefined;
}
