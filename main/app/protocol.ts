// The renderer is served from app://wardside/ (not file://): a standard, secure origin with our CSP as a
// real header, and no access to the rest of the file system. Path resolution is main/ipc/trust.ts.
import { net, protocol } from 'electron';
import { sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from '#main/ipc/trust.ts';

export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string) {
  protocol.handle(APP_SCHEME, async (request) => {
    let file = resolveAppFile(request.url, rendererDir, sep);
    if (!file) return new Response('Not found', { status: 404 });
    if (!/\.[a-z0-9]+$/i.test(file)) file = resolveAppFile('app://wardside/index.html', rendererDir, sep)!;
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
