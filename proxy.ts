/**
 * Per-request Content-Security-Policy with a fresh script nonce (Next applies it to its own
 * scripts; app/layout.tsx to the theme script). Per request because the allowed NATS
 * WebSocket URLs are runtime config (NATS_WS_URL), not build-time. See docs/hardening.md.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from './server/nats/csp';

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy({ nonce, env: process.env, dev: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api|_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
