/**
 * The Content-Security-Policy on every response that can run the app's code, built per
 * request because the allowed NATS WebSocket URLs are runtime config (NATS_WS_URL), not
 * build-time. See docs/hardening.md.
 * - HTML (prefetches included: a prefetched document is shown as it was fetched): a fresh
 *   script nonce, which Next applies to its own scripts and app/layout.tsx to the theme script.
 * - Worker scripts: a dedicated worker takes its policy from its own script's response, not
 *   from the page, and the stream readers run in workers with their own NATS connections.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, workerContentSecurityPolicy } from './lib/csp';

export function proxy(request: NextRequest) {
  const dev = process.env.NODE_ENV === 'development';
  // Under /_next/ only worker scripts reach the proxy (see the matcher).
  if (request.nextUrl.pathname.startsWith('/_next/')) {
    const response = NextResponse.next();
    response.headers.set(
      'Content-Security-Policy',
      workerContentSecurityPolicy({ env: process.env, dev }),
    );
    // Not Next's year-long `immutable`: the browser would keep the stored policy after
    // NATS_WS_URL changes (same build, same URL), and its workers could not reach the new server.
    // The bootstrap is ~1 KB; the chunks it imports stay cached.
    response.headers.set('Cache-Control', 'no-store');
    return response;
  }
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy({ nonce, env: process.env, dev });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    // Pages, with no exception for prefetches (Purpose / Sec-Purpose / Next-Router-Prefetch).
    '/((?!api|_next/static|_next/image|favicon.ico).*)',
    // Turbopack's worker bootstrap: every `new Worker(new URL(...))` of the app starts from it.
    // By path, because browsers send Sec-Fetch-Dest only to secure (https or local) origins.
    '/_next/static/chunks/(turbopack-worker-.*)',
    // Any other script a browser fetches as a worker (a webpack build, `next dev`).
    {
      source: '/_next/static/:path*',
      has: [{ type: 'header', key: 'sec-fetch-dest', value: '(shared)?worker' }],
    },
  ],
};
