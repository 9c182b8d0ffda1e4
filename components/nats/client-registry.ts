/**
 * Keeps exactly one NatsClient per tab: the same settings give the same client; new
 * settings close the old connection first. Idempotent so React may call it during render.
 */
import { wsconnect } from '@nats-io/nats-core';
import { NatsClient, type NatsAuth } from '@/lib/nats/connection';
import { deleteTabReaderConsumers } from '@/lib/stream/tab-consumers';
import { setCurrentClient } from './current-client';
import { markOnce } from '@/lib/perf-marks';
import { SERVERS_META, STREAM_META } from '@/lib/config';
import { deepLinkOf, earlyRead } from '@/lib/browse/early-row';
import { settingsStore } from './settings-store';
import { earlySocketFactory } from '@/lib/nats/early-socket';

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
    // The socket the document opened while the scripts loaded, when it is to this server.
    connect: (opts) => wsconnect({ ...opts, wsFactory: earlySocketFactory }),
    name: 'agent-replay (browser)',
  });
  markOnce('ar:connect-start');
  current = { key, client };
  setCurrentClient(client);
  void client.connection().catch(() => {});
  if (typeof window !== 'undefined') {
    // Exposed for end-to-end tests and benchmarks (read-only use).
    (window as unknown as { __agentReplay?: { client: NatsClient } }).__agentReplay = { client };
  }
  return client;
}

/**
 * Starts the tab's connection as soon as this code runs, before React hydrates: the
 * WebSocket handshake then overlaps hydration instead of following it. The servers are the
 * ones the provider will ask for (the dialog's, else the runtime config's, which the layout
 * writes into a <meta>), so the provider's acquireClient finds this client and keeps it.
 */
function connectEarly(): void {
  try {
    const settings = settingsStore.getSnapshot();
    const meta = document.querySelector(`meta[name="${SERVERS_META}"]`)?.getAttribute('content');
    const fromConfig: unknown = meta ? JSON.parse(meta) : null;
    const servers =
      settings.servers ??
      (Array.isArray(fromConfig) && fromConfig.every((s) => typeof s === 'string')
        ? (fromConfig as string[])
        : null);
    if (!servers || servers.length === 0) return;
    const client = acquireClient(servers, settings.auth);
    // A deep link's target (/messages?seq=N) is asked for with the connection, before the
    // page's code has even been evaluated (it is, during hydration): its answer is then in
    // when the view first renders with a client (use-browse.ts shares this read).
    const stream = document.querySelector(`meta[name="${STREAM_META}"]`)?.getAttribute('content');
    const link = deepLinkOf(location, stream ?? null);
    if (link) earlyRead(client, link.stream, link.seq);
  } catch {
    // no DOM or a malformed <meta>: the provider connects after hydration as before
  }
}

if (typeof window !== 'undefined' && typeof document !== 'undefined') connectEarly();
