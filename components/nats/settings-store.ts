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

/** localStorage key of the dialog's servers (also read by the document's early socket script). */
export const SERVERS_KEY = 'agent-replay.servers';
const AUTH_KEY = 'agent-replay.auth';

const listeners = new Set<() => void>();
let cached: ConnectionSettings | null = null;

const AUTH_KINDS = new Set(['none', 'token', 'user', 'nkey', 'creds']);

/** Stored values are user-editable: keep only well-formed ones. */
function parseServers(raw: string | null): string[] | null {
  if (!raw) return null;
  const v: unknown = JSON.parse(raw);
  return Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')
    ? (v as string[])
    : null;
}

function parseAuth(raw: string | null): NatsAuth | null {
  if (!raw) return null;
  const v: unknown = JSON.parse(raw);
  if (!v || typeof v !== 'object' || !AUTH_KINDS.has(String((v as { kind?: unknown }).kind)))
    return null;
  return v as NatsAuth;
}

function read(): ConnectionSettings {
  let servers: string[] | null = null;
  let auth: NatsAuth = { kind: 'none' };
  let remember = false;
  try {
    servers = parseServers(localStorage.getItem(SERVERS_KEY));
    const local = parseAuth(localStorage.getItem(AUTH_KEY));
    const session = parseAuth(sessionStorage.getItem(AUTH_KEY));
    if (local) {
      auth = local;
      remember = true;
    } else if (session) auth = session;
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
        (next.remember ? localStorage : sessionStorage).setItem(
          AUTH_KEY,
          JSON.stringify(next.auth),
        );
      }
    } catch {
      // private mode: keep in memory only
    }
    cached = next;
    for (const l of listeners) l();
  },
};
