/**
 * Keeps exactly one NatsClient per tab: the same settings give the same client; new
 * settings close the old connection first. Idempotent so React may call it during render.
 */
import { wsconnect } from '@nats-io/nats-core';
import { NatsClient, type NatsAuth } from '@/lib/nats/connection';
import { deleteTabReaderConsumers } from '@/lib/stream/tab-consumers';
import { setCurrentClient } from './current-client';
import { markOnce } from '@/lib/perf-marks';

let current: { key: string; client: NatsClient } | null = null;

// The tab going: its readers' consumers are deleted on its connection while it can still send.
if (typeof window !== 'undefined')
  addEventListener('pagehide', () => current && deleteTabReaderConsumers(current.client));

/** The tab's client for these servers and credentials. */
export function acquireClient(servers: string[], auth: NatsAuth): NatsClient {
  const key = JSON.stringify([servers, auth]);
  if (current?.key === key) return current.client;
  if (current) void current.client.close();
  const client = new NatsClient({
    servers,
    auth,
    connect: wsconnect,
    name: 'agent-replay (browser)',
  });
  // The first client is made once the page is hydrated (the provider has settings).
  markOnce('ar:hydrated');
  current = { key, client };
  setCurrentClient(client);
  void client.connection().catch(() => {});
  if (typeof window !== 'undefined') {
    // Exposed for end-to-end tests and benchmarks (read-only use).
    (window as unknown as { __agentReplay?: { client: NatsClient } }).__agentReplay = { client };
  }
  return client;
}
