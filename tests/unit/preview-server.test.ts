// main/preview/server.ts: the loopback HTTP transport. Every guard is exercised with raw requests (fetch
// would not let us forge the Host header): the token, its swap for a cookie, the Host check against DNS
// rebinding, same-origin JSON POSTs for the API.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '#main/ipc/handlers.ts';
import { startPreviewServer, type PreviewServer } from '#main/preview/server.ts';
import { getLocale } from '#services/core/settings.ts';
import { freshCtx, tempDir } from './helpers.ts';

const TOKEN = 'test-token-0123456789abcdef';
const BRIDGE = 'window.wardside = "bridge";';

async function start(): Promise<PreviewServer> {
  const ctx = freshCtx();
  const staticDir = tempDir();
  writeFileSync(
    join(staticDir, 'index.html'),
    '<!doctype html>\n<html><head>\n    <script type="module" src="/assets/app.js"></script>\n</head><body></body></html>\n',
  );
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log("app");');
  const server = await startPreviewServer({
    handlers: createHandlers(ctx),
    locale: () => getLocale(ctx),
    staticDir,
    bridgeScript: BRIDGE,
    token: TOKEN,
  });
  onTestFinished(() => server.close());
  return server;
}

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function send(
  server: PreviewServer,
  path: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  const { hostname, port, host } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path, method, headers: { host, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cookie = `wardside_preview=${TOKEN}`;
const apiCall = (
  server: PreviewServer,
  method: string,
  input: unknown,
  headers: Record<string, string> = {},
) =>
  send(server, `/api/${method}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: server.origin, ...headers },
    body: JSON.stringify({ input }),
  });

describe('preview server', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', async () => {
    const server = await start();
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).toBe(`${server.origin}/?token=${TOKEN}`);
  });

  it('refuses requests without the token, and with a wrong one', async () => {
    const server = await start();
    for (const path of ['/', '/index.html', '/assets/app.js', '/__wardside/bridge.js']) {
      expect((await send(server, path)).status, path).toBe(403);
    }
    expect((await send(server, '/?token=WRONG')).status).toBe(403);
    expect((await send(server, '/', { headers: { cookie: 'wardside_preview=WRONG' } })).status).toBe(403);
    const api = await send(server, '/api/app.info', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(api.status).toBe(403);
    expect(api.body).not.toContain('"ok"');
  });

  it('swaps the right token for an HttpOnly SameSite=Strict cookie and redirects without it', async () => {
    const server = await start();
    const reply = await send(server, `/settings?tab=people&token=${TOKEN}`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/settings?tab=people');
    const setCookie = reply.headers['set-cookie']?.[0] ?? '';
    expect(setCookie).toMatch(new RegExp(`^wardside_preview=${TOKEN};`));
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=Strict/i);
    expect(setCookie).toMatch(/;\s*Path=\//);
  });

  it('serves the app with the cookie, injecting the bridge script before the app script', async () => {
    const server = await start();
    const page = await send(server, '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const bridgeTag = page.body.indexOf('<script src="/__wardside/bridge.js"></script>');
    expect(bridgeTag).toBeGreaterThan(0);
    expect(bridgeTag).toBeLessThan(page.body.indexOf('src="/assets/app.js"'));

    // Client-side routes fall back to index.html; assets and the bridge are served as they are.
    expect((await send(server, '/settings/people', { headers: { cookie } })).body).toContain('bridge.js');
    expect((await send(server, '/assets/app.js', { headers: { cookie } })).body).toBe('console.log("app");');
    const bridge = await send(server, '/__wardside/bridge.js', { headers: { cookie } });
    expect(bridge.body).toBe(BRIDGE);
    expect(bridge.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('does not serve files outside the static folder', async () => {
    const server = await start();
    for (const path of [
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/assets/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const reply = await send(server, path, { headers: { cookie } });
      expect(reply.body, path).not.toMatch(/root:/);
      expect([200, 404], path).toContain(reply.status);
      if (reply.status === 200) expect(reply.body).toContain('bridge.js');
    }
  });

  it.each(['evil.example', 'evil.example:80', 'localhost', '127.0.0.1', '[::1]'])(
    'refuses Host %j even with the cookie (DNS rebinding)',
    async (host) => {
      const server = await start();
      const page = await send(server, '/', { headers: { cookie, host } });
      expect(page.status).toBe(403);
      const api = await apiCall(server, 'app.info', {}, { host });
      expect(api.status).toBe(403);
    },
  );

  it('answers POST /api/<method> with the dispatch envelope', async () => {
    const server = await start();
    const info = await apiCall(server, 'app.info', {});
    expect(info.status).toBe(200);
    expect(info.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(info.body)).toMatchObject({
      ok: true,
      value: { schemaVersion: expect.any(Number), locale: 'zh-CN', projectConfigured: false },
    });

    const created = JSON.parse(
      (await apiCall(server, 'departments.create', { code: 'ICU', name: '重症', type: 'ward' })).body,
    );
    expect(created).toMatchObject({ ok: true, value: { code: 'ICU' } });
    expect(JSON.parse((await apiCall(server, 'departments.create', { code: '' })).body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(JSON.parse((await apiCall(server, 'nope.nothing', {})).body)).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    // Also accepted without an Origin header (same-origin requests from some browsers omit it).
    const noOrigin = await send(server, '/api/app.info', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{"input":{}}',
    });
    expect(JSON.parse(noOrigin.body)).toMatchObject({ ok: true });
  });

  it.each(['https://evil.example', 'http://localhost:1234', 'null'])(
    'refuses a cross-origin call from %j',
    async (origin) => {
      const server = await start();
      const reply = await apiCall(
        server,
        'departments.create',
        { code: 'X', name: 'x', type: 'ward' },
        { origin },
      );
      expect(reply.status).toBe(403);
      expect(JSON.parse((await apiCall(server, 'departments.list', {})).body)).toEqual({
        ok: true,
        value: [],
      });
    },
  );

  it('accepts only POST with a JSON body on /api', async () => {
    const server = await start();
    expect((await send(server, '/api/app.info', { headers: { cookie } })).status).toBe(405);
    expect((await send(server, '/api/app.info', { method: 'PUT', headers: { cookie } })).status).toBe(405);
    const form = await send(server, '/api/app.info', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'input=1',
    });
    expect(form.status).toBe(415);
    const broken = await send(server, '/api/app.info', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{not json',
    });
    expect(broken.status).toBe(400);
    expect((await send(server, '/', { method: 'POST', headers: { cookie } })).status).toBe(405);
  });

  it('answers a malformed percent-encoding with 400, not a server error', async () => {
    const server = await start();
    expect((await send(server, '/%E0%A4%A', { headers: { cookie } })).status).toBe(400);
    expect((await send(server, '/%E0%A4%A')).status).toBe(403);
  });
});
