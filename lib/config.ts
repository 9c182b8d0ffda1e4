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

/** Default WebSocket URL for local development (matches `npm run demo`'s defaults). */
export const DEFAULT_WS_URL = 'ws://127.0.0.1:9222';

/** Splits a comma/space separated URL list, dropping empties and duplicates. */
export function parseServerList(v: string | undefined | null): string[] {
  if (!v) return [];
  return [...new Set(v.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

/** Builds the runtime config from an env-like record. */
export function runtimeConfigFrom(env: Record<string, string | undefined>): RuntimeConfig {
  const servers = parseServerList(env.NATS_WS_URL);
  return {
    servers: servers.length > 0 ? servers : [DEFAULT_WS_URL],
    stream: env.NATS_STREAM_NAME?.trim() || STREAM_NAME,
    advisoryStream: env.NATS_ADVISORY_STREAM?.trim() || 'agent-advisories',
    consumer: env.NATS_CONSUMER_NAME?.trim() || 'agent-processor',
  };
}
