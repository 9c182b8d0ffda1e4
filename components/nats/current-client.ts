/**
 * The tab's current client for TanStack Query functions. Queries read it at call time, so
 * their keys need only the stream and inputs; the provider clears the cache on reconnect
 * with other settings.
 */
import type { NatsClient } from '@/lib/nats/connection';

let client: NatsClient | null = null;

/** Called by the client registry when the tab's client changes. */
export function setCurrentClient(c: NatsClient | null): void {
  client = c;
}

/** The tab's client; throws when none exists yet (queries are disabled until then). */
export function currentClient(): NatsClient {
  if (!client) throw new Error('Not connected to NATS yet');
  return client;
}
