import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, natsConnectSources, workerContentSecurityPolicy } from './csp';

describe('content security policy', () => {
  it('connect-src allows exactly the configured NATS servers (and loopback dev ports)', () => {
    expect(
      natsConnectSources({ NATS_WS_URL: 'wss://nats-a.example.com:443, wss://nats-b.example.com' }),
    ).toEqual(['wss://nats-a.example.com', 'wss://nats-b.example.com']);
    expect(natsConnectSources({ NATS_WS_URL: 'ws://127.0.0.1:9222' })).toEqual([
      'ws://127.0.0.1:9222',
      'ws://127.0.0.1:*',
      'wss://127.0.0.1:*',
    ]);
  });
  it('drops mistyped URLs and refuses injected directives in NATS_CSP_CONNECT_SRC', () => {
    expect(
      natsConnectSources({
        NATS_WS_URL: 'not a url, http://x:1',
        NATS_CSP_CONNECT_SRC: "wss://ok.example:8443 'unsafe-inline'; script-src *",
      }),
    ).toEqual(['wss://ok.example:8443']);
  });
  it('has a nonce, no unsafe-inline scripts, no eval in production, no framing', () => {
    const p = contentSecurityPolicy({ nonce: 'abc', env: { NATS_WS_URL: 'wss://n.example.com' } });
    expect(p).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(p).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(p).toContain("connect-src 'self' wss://n.example.com;");
    expect(p).toContain("frame-ancestors 'none'");
    expect(p).toContain("object-src 'none'");
    expect(contentSecurityPolicy({ nonce: 'n', env: {}, dev: true })).toContain("'unsafe-eval'");
  });
  it('gives worker scripts the same connect-src, scripts from the app only, no eval in production', () => {
    const env = { NATS_WS_URL: 'wss://n.example.com', NATS_CSP_CONNECT_SRC: 'wss://extra.example' };
    const page = contentSecurityPolicy({ nonce: 'abc', env });
    const worker = workerContentSecurityPolicy({ env });
    const connect = (p: string) => p.split('; ').find((d) => d.startsWith('connect-src '));
    expect(connect(worker)).toBe("connect-src 'self' wss://n.example.com wss://extra.example");
    expect(connect(worker)).toBe(connect(page));
    // importScripts cannot carry a nonce, and 'strict-dynamic' would drop 'self'.
    expect(worker).toContain("script-src 'self';");
    expect(worker).not.toMatch(/nonce|strict-dynamic|unsafe-(inline|eval)/);
    expect(worker).toContain("object-src 'none'");
    expect(workerContentSecurityPolicy({ env: {}, dev: true })).toContain(
      "script-src 'self' 'unsafe-eval'",
    );
  });
});
