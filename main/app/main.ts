// Electron main process: lifecycle, one hardened window, the app:// protocol, IPC and menus.
// Everything else (database, services, handlers) is plain Node shared with the CLI and preview mode.
import { app, BrowserWindow, dialog, safeStorage, shell } from 'electron';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseOpenError } from '#db/open.ts';
import { translator } from '#contract/i18n/index.ts';
import { defaultLocale } from '#contract/index.ts';
import { createHandlers } from '#main/ipc/handlers.ts';
import { APP_ORIGIN } from '#main/ipc/trust.ts';
import { boot } from '#services/core/boot.ts';
import { startIntegrityCheck } from '#services/core/integrity.ts';
import { removeViewingCopies } from '#services/issues/attachments.ts';
import { dbPathFromArgv, DB_FILE_NAME, defaultUserDataDir } from '#services/core/paths.ts';
import { getLocale } from '#services/core/settings.ts';
import { bindIpc } from './ipc.ts';
import { installMenu } from './menu.ts';
import { registerAppScheme, serveRenderer } from './protocol.ts';
import { hardenedWebPreferences, installSecurityGuards } from './security.ts';

// The CLI and preview compute the same folder (main/services/paths.ts), so all three share one database.
app.setName('Wardside');
app.setPath('userData', defaultUserDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let window: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(() => {
    const appRoot = app.getAppPath();
    const dbPath = dbPathFromArgv(process.argv) ?? join(app.getPath('userData'), DB_FILE_NAME);
    let ctx: ReturnType<typeof boot>;
    try {
      ctx = boot(dbPath, {
        migrationsFolder: join(appRoot, 'db', 'migrations'),
        appVersion: app.getVersion(),
      });
    } catch (error) {
      const t = translator(defaultLocale);
      if (error instanceof DatabaseOpenError) {
        const title =
          error.kind === 'newer_schema'
            ? t('db.newerTitle')
            : error.kind === 'corrupt'
              ? t('db.corruptTitle')
              : t('app.name');
        dialog.showErrorBox(title, t(`db.${error.kind}`, { path: error.path, detail: error.message }));
      } else {
        dialog.showErrorBox(t('errors.internal'), String(error));
      }
      app.exit(3);
      return;
    }
    app.on('will-quit', () => {
      ctx.close();
      // Copies handed to the system viewer: their job ends with the app (issue #11, item 13).
      removeViewingCopies();
    });
    const t = translator(defaultLocale);
    if (ctx.readOnly) {
      void dialog.showMessageBox({
        type: 'warning',
        title: t('db.readOnlyTitle'),
        message: t(`db.readOnly_${ctx.readOnly}`, { path: dbPath }),
      });
    }
    // The full check runs after start in a worker; a failure stops writes and says how to restore.
    startIntegrityCheck(ctx, (result) => {
      if (result.ok === false) {
        dialog.showErrorBox(t('db.damagedTitle'), t('errors.db_damaged', { path: dbPath }));
      } else if (result.ok === null) {
        console.error('[integrity_check]', result.error);
      }
    });

    const locale = () => getLocale(ctx);
    const dataFolder = app.getPath('userData');
    installSecurityGuards();
    serveRenderer(join(appRoot, 'out', 'renderer'));
    bindIpc(
      createHandlers(ctx, {
        onLocaleChanged: () => installMenu(locale(), dataFolder),
        // Imports and exports of .wardside files run in a worker thread: the window never waits on them.
        files: { migrationsFolder: join(appRoot, 'db', 'migrations') },
        // The hub password is sealed by the OS keychain; where Electron would only obfuscate it
        // ('basic_text' on a Linux desktop without a keyring) it is kept in memory instead.
        hub: {
          migrationsFolder: join(appRoot, 'db', 'migrations'),
          secrets:
            safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text'
              ? {
                  seal: (text) => safeStorage.encryptString(text).toString('base64'),
                  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
                }
              : undefined,
        },
        openPath: async (path) => {
          const error = await shell.openPath(path);
          if (error) throw new Error(error);
        },
        saveFile: async (suggestedName, bytes) => {
          const owner = BrowserWindow.getFocusedWindow() ?? window;
          const options = {
            defaultPath: join(app.getPath('documents'), suggestedName),
            filters: [{ name: 'Wardside', extensions: ['wardside'] }],
          };
          const chosen = owner
            ? await dialog.showSaveDialog(owner, options)
            : await dialog.showSaveDialog(options);
          if (chosen.canceled || !chosen.filePath) return null;
          // Owner-only: an export holds patient data (issue #11, item 13).
          await writeFile(chosen.filePath, bytes, { mode: 0o600 });
          await chmod(chosen.filePath, 0o600).catch(() => {});
          return chosen.filePath;
        },
        // Reconciliation exports can be hundreds of MB: main reads them from where they are.
        pickFile: async () => {
          const options: Electron.OpenDialogOptions = {
            properties: ['openFile'],
            filters: [
              { name: 'CSV', extensions: ['csv', 'txt', 'tsv'] },
              { name: '*', extensions: ['*'] },
            ],
          };
          const picked = window
            ? await dialog.showOpenDialog(window, options)
            : await dialog.showOpenDialog(options);
          return picked.canceled ? null : (picked.filePaths[0] ?? null);
        },
        // Reports: the window showing the report preview, as an A4 PDF (its print stylesheet hides the frame).
        printToPdf: async () => {
          const owner = BrowserWindow.getFocusedWindow() ?? window;
          if (!owner) throw new Error('no window');
          return owner.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
        },
      }),
      locale,
      (error, method) => console.error(`[${method}]`, error),
    );
    installMenu(locale(), dataFolder);

    window = new BrowserWindow({
      width: 1280,
      height: 820,
      minWidth: 960,
      minHeight: 640,
      show: false,
      title: 'Wardside',
      webPreferences: hardenedWebPreferences(join(appRoot, 'out', 'preload', 'preload.cjs')),
    });
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(`${APP_ORIGIN}/index.html`);
  });
}
