/**
 * Starts a nats-server with JetStream, a WebSocket listener and the HTTP monitoring port,
 * in the manner of nats.js's test launcher (nst/src/launcher.ts): a temp config, free ports
 * (`-1` + ports file) unless ports are given, a temp store dir unless one is given, a
 * readiness check, and a clean shutdown. Used by the demo, the tests and the benchmarks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultServer, serverVersion, type ResolvedServer } from '../../scripts/nats-server.mjs';

export type NatsServerOptions = {
  /** nats-server binary; resolveNatsServer() when omitted. */
  bin?: string;
  /** Client (TCP) port; -1 picks a free one. */
  port?: number;
  /** WebSocket port; -1 picks a free one. */
  wsPort?: number;
  /** HTTP monitoring port; -1 picks a free one. */
  httpPort?: number;
  /** Host to bind; loopback by default so a dev server is never exposed. */
  host?: string;
  /** JetStream store dir; a temp dir (removed on stop) when omitted. */
  storeDir?: string;
  /** Extra config text appended verbatim (users, accounts, TLS, cluster …). */
  extraConfig?: string;
  /** Extra `websocket { … }` lines (e.g. TLS). Replaces `no_tls: true` when it contains `tls`. */
  websocketConfig?: string;
  /** Server name (shows in the app header). */
  serverName?: string;
  /** Turn JetStream off (to test the app's "JetStream not enabled" state). */
  jetstream?: boolean;
  /** Forward the server's log lines here (default: kept in memory, see `log()`). */
  onLog?: (line: string) => void;
  /** Seconds to wait for readiness. */
  readyTimeoutSec?: number;
};

export type NatsServer = {
  /** nats://host:port for Node clients. */
  natsUrl: string;
  /** ws://host:port for the browser. */
  wsUrl: string;
  /** http://host:port of the monitoring endpoint. */
  httpUrl: string;
  port: number;
  wsPort: number;
  httpPort: number;
  storeDir: string;
  configFile: string;
  pid: number;
  /** The binary that runs and the version it reports (for logs and version-aware tests). */
  bin: string;
  version: string | null;
  /** The server's log so far. */
  log(): string;
  /** SIGTERM, wait for exit (SIGKILL after 5 s), remove temp dirs (after a kill too). */
  stop(): Promise<void>;
  /**
   * SIGKILL (to simulate a crash), keeping the store for a restart: the temp dir goes now when
   * the store is elsewhere, else with stop() (call it once the restarted server is done).
   */
  kill(): Promise<void>;
};

export class NatsServerMissingError extends Error {
  constructor() {
    super(
      'nats-server was not found. `npm run demo` / `npm test` build the pinned release with Go when Go is ' +
        'installed; else install it (`sudo apt-get install -y nats-server` on Debian/Ubuntu, `brew install ' +
        'nats-server` on macOS) or set NATS_SERVER_BIN.',
    );
    this.name = 'NatsServerMissingError';
  }
}

/**
 * The nats-server to run: NATS_SERVER_BIN, else the newest pinned release from the cache (built
 * by `scripts/ensure.mjs`), else `nats-server` on PATH; throws a clear error if there is none.
 */
export function resolveNatsServer(): ResolvedServer {
  const s = defaultServer();
  if (!s) throw new NatsServerMissingError();
  return s;
}

/** Path of the nats-server binary (see resolveNatsServer). */
export function natsServerBin(): string {
  return resolveNatsServer().bin;
}

/** Builds the server's config text (exported for tests). */
export function buildConfig(o: {
  host: string;
  port: number;
  wsPort: number;
  httpPort: number;
  storeDir: string;
  portsDir: string;
  serverName?: string;
  jetstream: boolean;
  websocketConfig?: string;
  extraConfig?: string;
}): string {
  const ws = o.websocketConfig ?? '';
  const lines = [
    `host: "${o.host}"`,
    `port: ${o.port}`,
    `http: "${o.host}:${o.httpPort}"`,
    `ports_file_dir: "${o.portsDir}"`,
    o.serverName ? `server_name: "${o.serverName}"` : '',
    'max_payload: 2MB',
    o.jetstream ? `jetstream { store_dir: "${o.storeDir}" }` : '',
    'websocket {',
    `  host: "${o.host}"`,
    `  port: ${o.wsPort}`,
    /\btls\b/.test(ws) ? '' : '  no_tls: true',
    ws,
    '}',
    o.extraConfig ?? '',
  ];
  return lines.filter((l) => l !== '').join('\n') + '\n';
}

type PortsFile = { nats?: string[]; websocket?: string[]; monitoring?: string[] };

function portOf(urls: string[] | undefined): number {
  const u = urls?.[0];
  if (!u) return 0;
  const m = /:(\d+)\/?$/.exec(u);
  return m ? Number(m[1]) : 0;
}

async function waitForPorts(dir: string, pid: number, deadline: number): Promise<PortsFile> {
  const want = `nats-server_${pid}.ports`;
  while (Date.now() < deadline) {
    const files = await readdir(dir).catch(() => [] as string[]);
    if (files.includes(want)) {
      try {
        return JSON.parse(await readFile(path.join(dir, want), 'utf8')) as PortsFile;
      } catch {
        // partially written; retry
      }
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nats-server did not write its ports file within the timeout`);
}

async function waitHealthy(httpUrl: string, jetstream: boolean, deadline: number): Promise<void> {
  const url = `${httpUrl}/healthz${jetstream ? '?js-enabled-only=true' : ''}`;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
      last = `${r.status} ${await r.text()}`;
    } catch (e) {
      last = String(e);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server not healthy at ${url}: ${last}`);
}

/** Starts nats-server and resolves once it answers /healthz. */
export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServer> {
  const { bin, version } = opts.bin
    ? { bin: opts.bin, version: serverVersion(opts.bin) }
    : resolveNatsServer();
  // A missing binary would surface as an unhandled spawn 'error' event (ENOENT): say which path.
  if (!existsSync(bin)) throw new Error(`nats-server binary not found at ${bin}`);
  const host = opts.host ?? '127.0.0.1';
  const jetstream = opts.jetstream ?? true;
  const work = await mkdtemp(path.join(tmpdir(), 'agent-replay-nats-'));
  const storeDir = opts.storeDir ?? path.join(work, 'jetstream');
  const ownsStore = opts.storeDir === undefined;
  await mkdir(storeDir, { recursive: true });
  const configFile = path.join(work, 'nats.conf');
  await writeFile(
    configFile,
    buildConfig({
      host,
      port: opts.port ?? -1,
      wsPort: opts.wsPort ?? -1,
      httpPort: opts.httpPort ?? -1,
      storeDir,
      portsDir: work,
      serverName: opts.serverName,
      jetstream,
      websocketConfig: opts.websocketConfig,
      extraConfig: opts.extraConfig,
    }),
  );

  const logLines: string[] = [];
  const child: ChildProcess = spawn(bin, ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const onData = (b: Buffer) => {
    for (const line of b.toString('utf8').split('\n')) {
      if (!line) continue;
      if (logLines.length < 20_000) logLines.push(line);
      opts.onLog?.(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  // Never leave a nats-server behind when the owning process ends without calling stop().
  const killOnExit = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  void exited.then(() => process.removeListener('exit', killOnExit));
  let exitCode: number | null | undefined;
  void exited.then((c) => (exitCode = c));

  const cleanup = async () => {
    await rm(work, { recursive: true, force: true }).catch(() => {});
  };
  const deadline = Date.now() + (opts.readyTimeoutSec ?? 15) * 1000;
  try {
    const pid = child.pid;
    if (pid === undefined) throw new Error('nats-server failed to start');
    const ports = await Promise.race([
      waitForPorts(work, pid, deadline),
      exited.then((c) => {
        throw new Error(`nats-server exited with code ${c}:\n${logLines.slice(-20).join('\n')}`);
      }),
    ]);
    const port = portOf(ports.nats);
    const wsPort = portOf(ports.websocket);
    const httpPort = portOf(ports.monitoring);
    const httpUrl = `http://${host}:${httpPort}`;
    await waitHealthy(httpUrl, jetstream, deadline);
    const tlsWs = /\btls\b/.test(opts.websocketConfig ?? '');
    const stop = async () => {
      if (exitCode === undefined) {
        child.kill('SIGTERM');
        const t = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(t);
      }
      if (ownsStore) await rm(storeDir, { recursive: true, force: true }).catch(() => {});
      await cleanup();
    };
    return {
      natsUrl: `nats://${host}:${port}`,
      wsUrl: `${tlsWs ? 'wss' : 'ws'}://${host === '0.0.0.0' ? '127.0.0.1' : host}:${wsPort}`,
      httpUrl,
      port,
      wsPort,
      httpPort,
      storeDir,
      configFile,
      pid,
      bin,
      version,
      log: () => logLines.join('\n'),
      stop,
      kill: async () => {
        if (exitCode === undefined) {
          child.kill('SIGKILL');
          await exited;
        }
        if (!ownsStore) await cleanup();
      },
    };
  } catch (e) {
    child.kill('SIGKILL');
    await cleanup();
    throw e;
  }
}
