'use client';

import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ConnectionStatus, NatsClient } from '@/lib/nats/connection';
import type { RuntimeConfig } from '@/lib/config';
import { acquireClient } from './client-registry';
import { settingsStore } from './settings-store';
import { markOnce } from '@/lib/perf-marks';

type NatsContextValue = { client: NatsClient | null; config: RuntimeConfig; servers: string[] };

const NatsContext = createContext<NatsContextValue | null>(null);

/** Provides the tab's single NATS connection, made from runtime config + dialog settings. */
export function NatsProvider({ config, children }: { config: RuntimeConfig; children: ReactNode }) {
  const settings = useSyncExternalStore(
    settingsStore.subscribe,
    settingsStore.getSnapshot,
    settingsStore.getServerSnapshot,
  );
  const queryClient = useQueryClient();
  const servers = settings?.servers ?? config.servers;
  const client = useMemo(() => {
    // Nothing connects during server rendering or hydration (settings is null there).
    if (!settings) return null;
    markOnce('ar:hydrated');
    const c = acquireClient(servers, settings.auth);
    // Cached reads belong to the previous connection.
    queryClient.clear();
    return c;
  }, [settings, servers, queryClient]);
  const value = useMemo(() => ({ client, config, servers }), [client, config, servers]);
  return <NatsContext.Provider value={value}>{children}</NatsContext.Provider>;
}

function useNatsContext(): NatsContextValue {
  const v = useContext(NatsContext);
  if (!v) throw new Error('useNats* hooks must be used inside <NatsProvider>');
  return v;
}

/** The tab's NatsClient (null until mounted in the browser). */
export function useNatsClient(): NatsClient | null {
  return useNatsContext().client;
}

/** Runtime config from the server (default stream, servers). */
export function useRuntimeConfig(): RuntimeConfig & { activeServers: string[] } {
  const { config, servers } = useNatsContext();
  return useMemo(() => ({ ...config, activeServers: servers }), [config, servers]);
}

const idle = (servers: string[]): ConnectionStatus => ({
  state: 'idle',
  servers,
  server: null,
  error: null,
  since: 0,
  reconnects: 0,
});

const noop = () => () => {};

/** The connection status, re-rendering only when it changes. */
export function useConnectionStatus(): ConnectionStatus {
  const { client, servers } = useNatsContext();
  const fallback = useMemo(() => idle(servers), [servers]);
  return useSyncExternalStore(
    client ? client.subscribe : noop,
    client ? client.getSnapshot : () => fallback,
    () => fallback,
  );
}
