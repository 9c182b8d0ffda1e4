/**
 * Connection settings chosen in the connect dialog. Servers are remembered in localStorage;
 * credentials stay in sessionStorage unless the user opts in to remember them. They travel
 * only to NATS (never to our server). A tiny external store for useSyncExternalStore.
 */
import type { NatsAuth } from '@/lib/nats/connection';

export type ConnectionSettings = {
  /** null = use the servers from the runtime config. */
  servers: string[] | null;
  auth: NatsAuth;
  remember: boolean;
};

const SERVERS_KEY = 'agent-replay.servers';
const AUTH_KEY = 'agent-replay.auth';

const listeners = new Set<() => void>();
let cached: ConnectionSettings | null = null;

function read(): ConnectionSettings {
  let servers: string[] | null = null;
  let auth: NatsAuth = { kind: 'none' };
  let remember = false;
  try {
    const s = localStorage.getItem(SERVERS_KEY);
    if (s) servers = JSON.parse(s) as string[];
    const local = localStorage.getItem(AUTH_KEY);
    const session = sessionStorage.getItem(AUTH_KEY);
    if (local) {
      auth = JSON.parse(local) as NatsAuth;
      remember = true;
    } else if (session) auth = JSON.parse(session) as NatsAuth;
  } catch {
    // storage unavailable or corrupt: defaults
  }
  return { servers, auth, remember };
}

export const settingsStore = {
  subscribe(l: () => void): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
  getSnapshot(): ConnectionSettings {
    if (!cached) cached = read();
    return cached;
  },
  getServerSnapshot(): null {
    return null;
  },
  /** Saves and notifies; the provider reconnects with the new settings. */
  save(next: ConnectionSettings): void {
    try {
      if (next.servers) localStorage.setItem(SERVERS_KEY, JSON.stringify(next.servers));
      else localStorage.removeItem(SERVERS_KEY);
      localStorage.removeItem(AUTH_KEY);
      sessionStorage.removeItem(AUTH_KEY);
      if (next.auth.kind !== 'none') {
        (next.remember ? localStorage : sessionStorage).setItem(AUTH_KEY, JSON.stringify(next.auth));
      }
    } catch {
      // private mode: keep in memory only
    }
    cached = next;
    for (const l of listeners) l();
  },
};
