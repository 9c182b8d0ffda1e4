/**
 * One NATS connection per tab, with an observable status for React
 * (`subscribe`/`getSnapshot`, the shape `useSyncExternalStore` wants).
 * Framework-free: the transport is injected (`wsconnect` in the browser, the Node
 * transport's `connect` in integration tests), so the same code is tested over TCP.
 */
import {
  AuthorizationError,
  UserAuthenticationExpiredError,
  credsAuthenticator,
  nkeyAuthenticator,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
  type Authenticator,
  type ConnectionOptions,
  type NatsConnection,
} from '@nats-io/nats-core';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { markOnce } from '@/lib/perf-marks';

export type ConnectionState =
  'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed' | 'error';

export type ServerSummary = {
  name: string;
  version: string;
  jetstream: boolean;
  /** The URL currently connected to. */
  url: string;
};

export type ConnectionStatus = {
  state: ConnectionState;
  servers: string[];
  server: ServerSummary | null;
  error: string | null;
  /** Epoch ms of the last state change. */
  since: number;
  /** Reconnections so far (for "gap" markers in live views). */
  reconnects: number;
};

export type NatsAuth =
  | { kind: 'none' }
  | { kind: 'token'; token: string }
  | { kind: 'user'; user: string; pass: string }
  | { kind: 'nkey'; seed: string }
  | { kind: 'creds'; creds: string };

export type ConnectFn = (opts: ConnectionOptions) => Promise<NatsConnection>;

/** Maps the connect dialog's auth choice to nats.js authenticators. */
export function authenticatorFor(auth: NatsAuth): Authenticator | undefined {
  const enc = new TextEncoder();
  switch (auth.kind) {
    case 'none':
      return undefined;
    case 'token':
      return tokenAuthenticator(auth.token);
    case 'user':
      return usernamePasswordAuthenticator(auth.user, auth.pass);
    case 'nkey':
      return nkeyAuthenticator(enc.encode(auth.seed.trim()));
    case 'creds':
      return credsAuthenticator(enc.encode(auth.creds));
  }
}

/**
 * What it takes to open a connection like the tab's, as plain data (postMessage-able): a Web
 * Worker that reads the stream off the main thread connects with `connectOptions(spec)`.
 */
export type ConnectSpec = { servers: string[]; auth: NatsAuth; name: string };

/**
 * The spec with the tab's current server first, for a worker to start on the same server (a
 * failover there is then a failover for both); `preferFirst` asks it not to shuffle the list.
 */
export function preferServer(
  spec: ConnectSpec,
  current: string | null | undefined,
): { spec: ConnectSpec; preferFirst: boolean } {
  const i = current
    ? spec.servers.findIndex((s) => s === current || s.endsWith(current) || current.endsWith(s))
    : -1;
  if (i < 0) return { spec, preferFirst: false };
  const servers = [spec.servers[i] as string, ...spec.servers.filter((_, k) => k !== i)];
  return { spec: { ...spec, servers }, preferFirst: true };
}

/** nats.js connect options for a spec: every server, reconnect forever, the spec's auth. */
export function connectOptions(spec: ConnectSpec): ConnectionOptions {
  const authenticator = authenticatorFor(spec.auth);
  return {
    servers: spec.servers,
    name: spec.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1000,
    reconnectJitter: 500,
    pingInterval: 20_000,
    timeout: 5000,
    ...(authenticator ? { authenticator } : {}),
  };
}

/**
 * True when nats.js's WebSocket transport cannot parse `server` as a URL (it adds a scheme when
 * there is none, then takes ws/wss/http/https/nats/tls), so no connect can be tried.
 */
export function isMalformedServerUrl(server: string): boolean {
  try {
    const u = new URL(/^.*:\/\//.test(server) ? server : `https://${server}`);
    return (
      !['ws:', 'wss:', 'http:', 'https:', 'nats:', 'tls:'].includes(u.protocol) || u.hostname === ''
    );
  } catch {
    return true;
  }
}

/** Explains a connect failure in words a user can act on (by nats.js's error classes, not their text). */
export function describeConnectError(err: unknown, servers: string[]): string {
  const msg = err instanceof Error ? err.message : String(err);
  const where = servers.join(', ') || '(no server configured)';
  if (err instanceof AuthorizationError || err instanceof UserAuthenticationExpiredError) {
    // Not a refusal: the server's auth_timeout ran out before the CONNECT arrived (a busy page
    // or a slow network; seen with the browser's main thread slowed 6×). The loop tries again.
    // nats.js files it as an AuthorizationError too: only the server's words tell it apart.
    if (/authentication timeout/i.test(msg)) {
      return `NATS closed the connection before this browser had authenticated (${msg}): the page or the network was too slow to answer within the server's auth_timeout (2 s by default). Retrying…`;
    }
    return `NATS refused the credentials (${msg}). Check the user, token, NKey or creds in the connect dialog.`;
  }
  const bad = servers.filter(isMalformedServerUrl);
  if (bad.length > 0) {
    return `"${bad.join(', ')}" is not a valid WebSocket URL. Use ws://host:port or wss://host:port.`;
  }
  return `Cannot reach NATS over WebSocket at ${where}: ${msg || 'connection failed'}. Is nats-server running with a websocket listener?`;
}

const initialStatus = (servers: string[]): ConnectionStatus => ({
  state: 'idle',
  servers,
  server: null,
  error: null,
  since: Date.now(),
  reconnects: 0,
});

/** Owns the tab's NATS connection and its status; reconnects with backoff. */
/** What the app reacts to in a connection's life (nats.js's status events and its close). */
export type ConnectionEvents = {
  /** The link dropped; nats.js is reconnecting (sent once per drop). */
  reconnecting(): void;
  /** nats.js resumed the same connection on a server. */
  reconnected(): void;
  /** The connection closed for good (by us, or by the server with `err`). */
  closed(err: Error | void): void;
};

/**
 * Follows `nc` until it closes or `alive()` turns false: the one reading of a connection's life,
 * shared by the tab's NatsClient and every worker's WorkerConnection (worker-connection.ts).
 */
export async function watchConnection(
  nc: NatsConnection,
  ev: ConnectionEvents,
  alive: () => boolean = () => true,
): Promise<void> {
  void nc.closed().then((err) => {
    if (alive()) ev.closed(err);
  });
  let down = false;
  for await (const s of nc.status()) {
    if (!alive()) break;
    if (s.type === 'disconnect' || s.type === 'reconnecting') {
      if (!down) ev.reconnecting();
      down = true;
    } else if (s.type === 'reconnect') {
      down = false;
      ev.reconnected();
    }
  }
}

export class NatsClient {
  private status: ConnectionStatus;
  private listeners = new Set<() => void>();
  private nc: NatsConnection | null = null;
  private pending: Promise<NatsConnection> | null = null;
  private closed = false;
  private jsClient: JetStreamClient | null = null;
  private jsmClient: Promise<JetStreamManager> | null = null;

  constructor(
    private readonly opts: {
      servers: string[];
      auth?: NatsAuth;
      connect: ConnectFn;
      name?: string;
      /** Delay before retrying a failed first connect (ms); doubles up to 10 s. */
      retryBaseMs?: number;
    },
  ) {
    this.status = initialStatus(opts.servers);
  }

  /** This client's servers, auth and name, for a worker that opens its own connection. */
  connectSpec(): ConnectSpec {
    return {
      servers: this.opts.servers,
      auth: this.opts.auth ?? { kind: 'none' },
      name: this.opts.name ?? 'agent-replay',
    };
  }

  /** For useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** For useSyncExternalStore: a stable object until the status changes. */
  getSnapshot = (): ConnectionStatus => this.status;

  private set(patch: Partial<ConnectionStatus>) {
    this.status = { ...this.status, ...patch, since: Date.now() };
    for (const l of this.listeners) l();
  }

  /** The live connection; starts connecting on first call, retries until closed. */
  connection(): Promise<NatsConnection> {
    if (this.nc && !this.nc.isClosed()) return Promise.resolve(this.nc);
    if (!this.pending) this.pending = this.connectLoop();
    return this.pending;
  }

  /** A JetStream client on the live connection. */
  async js(): Promise<JetStreamClient> {
    const nc = await this.connection();
    if (!this.jsClient) this.jsClient = jetstream(nc);
    return this.jsClient;
  }

  /** A JetStream manager on the live connection (info calls only; the app never mutates). */
  async jsm(): Promise<JetStreamManager> {
    const nc = await this.connection();
    if (!this.jsmClient) this.jsmClient = jetstreamManager(nc, { checkAPI: false });
    return this.jsmClient;
  }

  private async connectLoop(): Promise<NatsConnection> {
    let delay = this.opts.retryBaseMs ?? 500;
    for (;;) {
      if (this.closed) throw new Error('connection closed');
      this.set({ state: 'connecting', error: null });
      try {
        if (this.opts.servers.length === 0) throw new Error('no NATS WebSocket URL is configured');
        const nc = await this.opts.connect(connectOptions(this.connectSpec()));
        if (this.closed) {
          await nc.close();
          throw new Error('connection closed');
        }
        this.nc = nc;
        this.pending = null;
        this.onConnected(nc);
        void this.watch(nc);
        return nc;
      } catch (e) {
        if (this.closed) throw e;
        this.set({ state: 'error', error: describeConnectError(e, this.opts.servers) });
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  private onConnected(nc: NatsConnection) {
    markOnce('ar:connected');
    const info = nc.info;
    this.set({
      state: 'connected',
      error: null,
      server: {
        name: info?.server_name ?? 'unknown',
        version: info?.version ?? 'unknown',
        jetstream: info?.jetstream ?? false,
        url: nc.getServer(),
      },
    });
  }

  private watch(nc: NatsConnection) {
    return watchConnection(
      nc,
      {
        reconnecting: () => this.set({ state: 'reconnecting' }),
        reconnected: () => {
          this.status = { ...this.status, reconnects: this.status.reconnects + 1 };
          this.onConnected(nc);
        },
        closed: (err) => {
          this.nc = null;
          this.jsClient = null;
          this.jsmClient = null;
          if (this.closed) this.set({ state: 'closed' });
          else {
            this.set({
              state: 'error',
              error: err ? String(err.message) : 'connection closed by the server',
            });
            void this.connection();
          }
        },
      },
      () => this.nc === nc,
    );
  }

  /** Closes the connection for good (tab teardown, servers changed). */
  async close(): Promise<void> {
    this.closed = true;
    const nc = this.nc;
    this.nc = null;
    if (nc) await nc.close().catch(() => {});
    this.set({ state: 'closed' });
  }
}
