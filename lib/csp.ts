/**
 * The Content-Security-Policy of every page and every worker script, built per request
 * (proxy.ts) because the NATS WebSocket URLs are runtime config: `connect-src` allows the
 * app's own origin and exactly the configured NATS servers (plus NATS_CSP_CONNECT_SRC). Page
 * scripts need the request's nonce ('strict-dynamic' lets Next's own chunks load); nothing may
 * frame the app. Pure (env in, header out), so proxy.ts imports it from lib/.
 */
import { parseServerList } from './config';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** CSP source expressions for the NATS servers the browser may connect to. */
export function natsConnectSources(env: Record<string, string | undefined>): string[] {
  const out = new Set<string>();
  for (const raw of parseServerList(env.NATS_WS_URL ?? 'ws://127.0.0.1:9222')) {
    let u: URL;
    try {
      u = new URL(raw);
    } catch {
      continue; // a mistyped URL allows nothing; the app reports it when it tries to connect
    }
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') continue;
    out.add(`${u.protocol}//${u.host}`);
    // Local development: nats-servers on free ports of the same loopback host (the demo, the
    // tests, `npm run nats:cluster`) are reachable from the connect dialog.
    if (LOOPBACK.has(u.hostname)) {
      out.add(`ws://${u.hostname}:*`);
      out.add(`wss://${u.hostname}:*`);
    }
  }
  for (const extra of (env.NATS_CSP_CONNECT_SRC ?? '').split(/[\s,]+/)) {
    // Only scheme://host[:port] sources; anything else (quotes, ';') could inject directives.
    if (/^wss?:\/\/[A-Za-z0-9.\-[\]:*]+$/.test(extra)) out.add(extra);
  }
  return [...out];
}

/** The policy of an HTML response; `dev` adds what `next dev` needs (eval, HMR socket). */
export function contentSecurityPolicy(opts: {
  nonce: string;
  env: Record<string, string | undefined>;
  dev?: boolean;
}): string {
  const connect = ["'self'", ...natsConnectSources(opts.env)];
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${opts.nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    // Inline style attributes (virtualized rows, charts) are allowed; inline scripts are not.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}

/**
 * The policy of a worker script. A dedicated worker is governed by its own script's response
 * headers, not by the page's policy, and the reader workers open their own NATS connections:
 * without this a worker could connect anywhere. Same `connect-src` as the pages; scripts from
 * the app's origin only (a worker loads its chunks with importScripts, where a nonce cannot
 * apply); the document-only directives (framing, forms, base) are left out.
 */
export function workerContentSecurityPolicy(opts: {
  env: Record<string, string | undefined>;
  dev?: boolean;
}): string {
  const connect = ["'self'", ...natsConnectSources(opts.env)];
  const directives = [
    "default-src 'self'",
    `script-src 'self'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
  ];
  return directives.join('; ');
}
