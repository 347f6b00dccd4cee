// main/ipc/trust.ts: the window's URL allow-list, the IPC sender check and the app:// file mapping. These
// are the pure functions the Electron shell's security rests on (STYLE.md item 4).
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isTrustedAppUrl,
  isTrustedSender,
  resolveAppFile,
} from '#main/ipc/trust.ts';

describe('isTrustedAppUrl', () => {
  it.each([
    ['app://wardside/', true],
    ['app://wardside/index.html', true],
    ['app://wardside/assets/index-abc.js?v=1#/settings', true],
    ['app://wardside', true],
    ['app://evil/', false],
    ['app://wardside.evil.com/', false],
    ['app://evilwardside/', false],
    ['app://wardside:8080/', false],
    ['app://user@wardside/', false],
    ['app://user:pass@wardside/', false],
    ['app://wardside@evil/', false],
    ['app:wardside/index.html', false],
    ['app:///wardside/index.html', false],
    ['file:///etc/passwd', false],
    ['file://wardside/index.html', false],
    ['http://wardside/', false],
    ['https://wardside/', false],
    ['http://127.0.0.1:5173/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['blob:app://wardside/0d5f', false],
    ['about:blank', false],
    ['', false],
    ['not a url', false],
  ])('%j → %s', (url, trusted) => {
    expect(isTrustedAppUrl(url)).toBe(trusted);
  });
});

describe('isTrustedSender', () => {
  it.each([
    ['top frame of our app', { url: 'app://wardside/index.html', isMainFrame: true }, true],
    ['subframe of our app', { url: 'app://wardside/index.html', isMainFrame: false }, false],
    ['top frame of another origin', { url: 'https://evil.example/', isMainFrame: true }, false],
    ['top frame on app://evil', { url: 'app://evil/', isMainFrame: true }, false],
    ['top frame on file://', { url: 'file:///tmp/index.html', isMainFrame: true }, false],
    ['top frame on http:// loopback', { url: 'http://127.0.0.1:3000/', isMainFrame: true }, false],
    ['top frame on javascript:', { url: 'javascript:void(0)', isMainFrame: true }, false],
    ['top frame with userinfo', { url: 'app://x@wardside/', isMainFrame: true }, false],
    ['a destroyed frame (null)', null, false],
    ['no frame (undefined)', undefined, false],
  ])('%s → %s', (_label, frame, trusted) => {
    expect(isTrustedSender(frame)).toBe(trusted);
  });
});

describe('resolveAppFile', () => {
  const root = '/opt/wardside/renderer';
  it.each([
    ['app://wardside/', `${root}/index.html`],
    ['app://wardside', `${root}/index.html`],
    ['app://wardside/index.html', `${root}/index.html`],
    ['app://wardside/assets/index-abc.js', `${root}/assets/index-abc.js`],
    ['app://wardside/assets/a.js?x=1#y', `${root}/assets/a.js`],
    ['app://wardside/fonts/%E5%AD%97%E4%BD%93.woff2', `${root}/fonts/字体.woff2`],
    // The URL parser itself folds literal and %2e dot segments, so these stay inside the root.
    ['app://wardside/../../etc/passwd', `${root}/etc/passwd`],
    ['app://wardside/%2e%2e/%2E%2E/etc/passwd', `${root}/etc/passwd`],
    ['app://wardside/assets/.%2e/.%2e/etc/passwd', `${root}/etc/passwd`],
    // Encoded separators would survive the parser and are refused after decoding.
    ['app://wardside/..%2f..%2fetc%2fpasswd', null],
    ['app://wardside/assets%2f..%2f..%2f..%2fetc%2fpasswd', null],
    ['app://wardside/%2e%2e%2f%2e%2e%2fetc%2fpasswd', null],
    ['app://wardside/..%5c..%5cwindows%5cwin.ini', null],
    ['app://wardside/assets\\..\\..\\secret', null],
    ['app://wardside/index.html%00.png', null],
    ['app://wardside/%E0%A4%A', null],
    ['app://evil/index.html', null],
    ['app://user@wardside/index.html', null],
    ['file:///etc/passwd', null],
    ['http://wardside/index.html', null],
    ['not a url', null],
  ])('%j → %j', (url, expected) => {
    const resolved = resolveAppFile(url, root);
    expect(resolved).toBe(expected);
    if (resolved !== null) {
      expect(resolved.startsWith(`${root}/`)).toBe(true);
      expect(resolved.split('/')).not.toContain('..');
    }
  });

  it('joins with the platform separator it is given', () => {
    expect(resolveAppFile('app://wardside/assets/a.js', 'C:\\Wardside\\renderer', '\\')).toBe(
      'C:\\Wardside\\renderer\\assets\\a.js',
    );
    expect(resolveAppFile('app://wardside/a%5cb.js', 'C:\\Wardside\\renderer', '\\')).toBeNull();
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
  it('denies by default and allows scripts from our own origin only', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*/);
  });
});
