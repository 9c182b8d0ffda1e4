/**
 * Runtime configuration, read from the environment on the server at request time (never
 * baked into the bundle), so that one build runs against any NATS. Secrets never pass here.
 */
import { STREAM_NAME } from './agents/schema';

export type RuntimeConfig = {
  /** WebSocket URLs the browser connects to (first reachable wins; the rest are failover). */
  servers: string[];
  /** The stream opened by default. */
  stream: string;
  /** Stream that captures JetStream advisories (dead letters), if the deployment has one. */
  advisoryStream: string;
  /** The durable consumer the seed's workers use. */
  consumer: string;
};

/** Name of the page's <meta> holding the runtime config's servers (JSON), for an early connect. */
export const SERVERS_META = 'agent-replay-servers';

/** Name of the page's <meta> holding the default stream, for a deep link's read before hydration. */
export const STREAM_META = 'agent-replay-stream';

/** Default WebSocket URL for local development (matches `npm run demo`'s defaults). */
export const DEFAULT_WS_URL = 'ws://127.0.0.1:9222';

/** Splits a comma/space separated URL list, dropping empties and duplicates. */
export function parseServerList(v: string | undefined | null): string[] {
  if (!v) return [];
  return [
    ...new Set(
      v
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A refused runtime config; its message never contains a secret. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** An optional `scheme://`, then an authority (up to the first `/`, `?` or `#`) holding an `@`. */
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i;

/**
 * True when `url` carries user info (`ws://user:pass@host`, `ws://token@host`). Also for URLs
 * the WHATWG parser rejects: anything with an `@` before the first `/`, `?` or `#` of the
 * authority counts, so a malformed URL cannot slip a secret through.
 */
export function hasCredentials(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.username || u.password) return true;
  } catch {
    // fall through to the textual check
  }
  return USER_INFO.test(url.trim());
}

/** `url` with its user info replaced by `***` (whatever it held): safe to log or show. */
export function redactUrl(url: string): string {
  return url.trim().replace(USER_INFO, (_m, scheme: string | undefined) => `${scheme ?? ''}***@`);
}

/**
 * Refuses NATS_WS_URL entries that carry credentials: the list is sent to every browser (in
 * `/api/config` and the page), so a password there would be published. The message names
 * where credentials belong and shows the URL redacted.
 */
export function checkServerUrls(servers: readonly string[]): void {
  const bad = servers.filter(hasCredentials);
  if (bad.length === 0) return;
  throw new ConfigError(
    `NATS_WS_URL must not contain credentials (${bad.map(redactUrl).join(', ')}): it is sent to every browser that opens the app. ` +
      'Remove the user:password@ (or token@) part. Users give their credentials in the connect dialog (header → connection badge: ' +
      'user and password, token, NKey seed or a .creds file), which keeps them in the browser tab and sends them only to NATS; ' +
      'or use a creds file (nsc) or a jwt_cookie set by your login service, see docs/hardening.md.',
  );
}

/** Builds the runtime config from an env-like record. Throws ConfigError for credentials in NATS_WS_URL. */
export function runtimeConfigFrom(env: Record<string, string | undefined>): RuntimeConfig {
  const servers = parseServerList(env.NATS_WS_URL);
  checkServerUrls(servers);
  return {
    servers: servers.length > 0 ? servers : [DEFAULT_WS_URL],
    stream: env.NATS_STREAM_NAME?.trim() || STREAM_NAME,
    advisoryStream: env.NATS_ADVISORY_STREAM?.trim() || 'agent-advisories',
    consumer: env.NATS_CONSUMER_NAME?.trim() || 'agent-processor',
  };
}
