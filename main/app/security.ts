// Window hardening in one place: what the renderer may load, open, embed and ask for. The URL policy is
// the pure, unit-tested main/ipc/trust.ts; this file only wires it into Electron.
import { app, session, type WebPreferences } from 'electron';
import { isTrustedAppUrl } from '#main/ipc/trust.ts';

/** `devTools` is off in the packaged app (issue #11, item 12); a development build keeps them. */
export function hardenedWebPreferences(preload: string, devTools = !app.isPackaged): WebPreferences {
  return {
    preload,
    devTools,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  };
}

export function installSecurityGuards() {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
}
