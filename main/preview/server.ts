// Preview mode: the real renderer and the real handler table over loopback HTTP, for browsers and the
// end-to-end tests. Same dispatch() as Electron IPC; only the transport differs.
// Guards: bound to 127.0.0.1 only; a per-run secret token (exchanged once for an HttpOnly SameSite cookie)
// on every request; the Host header must be the loopback address (DNS-rebinding defence); API calls must
// be same-origin POSTs with a JSON body.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Handlers, Locale } from '#contract/index.ts';
import { dispatch } from '#main/ipc/dispatch.ts';
import { CONTENT_SECURITY_POLICY } from '#main/ipc/trust.ts';

export interface PreviewOptions {
  handlers: Handlers;
  locale: () => Locale;
  /** Built renderer (out/renderer). */
  staticDir: string;
  /** JavaScript that defines window.wardside over fetch. */
  bridgeScript: string;
  port?: number;
  token?: string;
  log?: (error: unknown, method: string) => void;
}

export interface PreviewServer {
  origin: string;
  /** The URL to open: carries the secret once; the server swaps it for a cookie. */
  url: string;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'wardside_preview';
const MAX_BODY = 40 * 1024 * 1024;
const BRIDGE_PATH = '/__wardside/bridge.js';
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieToken(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === COOKIE) return rest.join('=');
  }
  return null;
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'text/plain; charset=utf-8',
) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': CONTENT_SECURITY_POLICY,
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let expectedHost = '';
  let origin = '';

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.log?.(error, 'preview');
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.headers.host !== expectedHost) return send(res, 403, 'Forbidden: unexpected Host header');
    const url = new URL(req.url ?? '/', origin);

    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!sameSecret(queryToken, token)) return send(res, 403, 'Forbidden: wrong token');
      url.searchParams.delete('token');
      res.writeHead(302, {
        location: url.pathname + url.search + url.hash,
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
      });
      return res.end();
    }
    const presented = cookieToken(req) ?? req.headers['x-wardside-token'];
    if (typeof presented !== 'string' || !sameSecret(presented, token)) {
      return send(res, 403, 'Forbidden: open the URL printed by `npm run preview` (it carries the token)');
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'Bad request: malformed URL encoding');
    }

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (req.headers.origin !== undefined && req.headers.origin !== origin) {
        return send(res, 403, 'Forbidden: cross-origin call');
      }
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
        return send(res, 415, 'Expected application/json');
      }
      let body: { input?: unknown };
      try {
        body = JSON.parse(await readBody(req)) as { input?: unknown };
      } catch {
        return send(res, 400, 'Invalid JSON body');
      }
      const method = pathname.slice('/api/'.length);
      const result = await dispatch(options.handlers, method, body?.input ?? undefined, {
        locale: options.locale,
        log: options.log,
      });
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    if (url.pathname === BRIDGE_PATH) return send(res, 200, options.bridgeScript, types['.js']);
    return serveStatic(pathname, res);
  }

  async function serveStatic(pathname: string, res: ServerResponse) {
    const root = normalize(options.staticDir);
    let file = normalize(join(root, pathname));
    if (file !== root && !file.startsWith(root + sep)) return send(res, 404, 'Not found');
    if (pathname === '/' || !extname(file)) file = join(root, 'index.html');
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return send(res, 404, 'Not found');
    }
    if (file.endsWith('index.html')) {
      // The preview bridge defines window.wardside before the app's module script runs.
      const html = body
        .toString('utf8')
        .replace('<script', `<script src="${BRIDGE_PATH}"></script>\n    <script`);
      return send(res, 200, html, types['.html']);
    }
    return send(res, 200, body, types[extname(file)] ?? 'application/octet-stream');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  expectedHost = `127.0.0.1:${port}`;
  origin = `http://${expectedHost}`;
  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
