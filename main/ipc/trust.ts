// Pure URL policy for the Electron window, unit-tested in tests/unit/trust.test.ts. The renderer is only
// ever served from app://wardside/; anything else is foreign content and gets no IPC and no navigation.
export const APP_SCHEME = 'app';
export const APP_HOST = 'wardside';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** May the window show this URL? Only our own bundle. */
export function isTrustedAppUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && !u.username && !u.password;
}

export interface SenderFrame {
  url: string;
  /** True for the top-level frame of our window. */
  isMainFrame: boolean;
}

/** May this frame call IPC methods? Top frame of our own origin only (no iframes, no other origins). */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isTrustedAppUrl(frame.url);
}

/**
 * Maps an app:// request to a file inside the renderer folder, or null when the path escapes it
 * (`..`, encoded separators, absolute paths). Unknown routes fall back to index.html (client routing).
 */
export function resolveAppFile(url: string, root: string, sep = '/'): string | null {
  const u = parse(url);
  if (!u || !isTrustedAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const parts = pathname.split('/').filter(Boolean);
  if (parts.some((p) => p === '..' || p === '.')) return null;
  if (parts.length === 0) return [root, 'index.html'].join(sep);
  return [root, ...parts].join(sep);
}

/**
 * The renderer's Content-Security-Policy, sent as a header by the app:// protocol handler and the preview
 * server, and repeated in renderer/index.html. Mantine injects <style> elements and style attributes, hence
 * 'unsafe-inline' for styles only; scripts come from our own origin and nowhere else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
