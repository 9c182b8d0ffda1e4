/**
 * A JetStream cluster of nats-servers on one machine, each with its own WebSocket listener,
 * for `npm run nats:cluster` and the failover tests. Nodes can be killed (SIGKILL, store kept)
 * and restarted on the same ports and store, as a crashed server coming back would be.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startNatsServer, type NatsServer, type NatsServerOptions } from './launcher';
import { freePort } from '../free-port';
import { jetstreamManager, type StreamInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';

export type ClusterNode = {
  name: string;
  /** The running server, or null while the node is down. */
  server: NatsServer | null;
  natsUrl: string;
  wsUrl: string;
  httpUrl: string;
  /** SIGKILL (a crash): the store stays for the restart. */
  kill(): Promise<void>;
  /** Starts the node again on the same ports and store. */
  restart(): Promise<void>;
};

export type NatsCluster = {
  nodes: ClusterNode[];
  /** nats:// URLs of every node (for Node clients). */
  natsUrls: string[];
  /** ws:// (or wss://) URLs of every node — NATS_WS_URL for the app. */
  wsUrls: string[];
  /** The node whose client port is `url`'s (nats:// or ws://), if any. */
  nodeFor(url: string): ClusterNode | undefined;
  /**
   * Resolves once JetStream has a meta leader and every running node has JetStream on. Whether
   * a stream's replicas have caught up after a restart is `waitStreamSettled`'s question.
   */
  waitReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
};

export type ClusterOptions = {
  size?: number;
  clusterName?: string;
  /** Prefix of the server names (`<prefix>-1` …). */
  namePrefix?: string;
  /** Where the nodes keep JetStream data; a temp dir (removed on stop) when omitted. */
  storeRoot?: string;
  /** Options for every node (auth in extraConfig, TLS in websocketConfig …). */
  node?: Pick<NatsServerOptions, 'extraConfig' | 'websocketConfig' | 'host' | 'onLog'>;
};

/** The `cluster { … }` block of one node, routing to all the others (exported for tests). */
export function clusterBlock(o: {
  name: string;
  host: string;
  port: number;
  routes: number[];
}): string {
  const routes = o.routes.map((p) => JSON.stringify(`nats-route://${o.host}:${p}`)).join(', ');
  return `cluster {\n  name: ${JSON.stringify(o.name)}\n  host: ${JSON.stringify(o.host)}\n  port: ${o.port}\n  routes: [${routes}]\n}`;
}

const portOfUrl = (u: string) => Number(/:(\d+)\/?$/.exec(u)?.[1] ?? 0);

/** Starts `size` (default 3) clustered nats-servers with JetStream and WebSocket on free ports. */
export async function startNatsCluster(opts: ClusterOptions = {}): Promise<NatsCluster> {
  const size = opts.size ?? 3;
  const host = opts.node?.host ?? '127.0.0.1';
  const clusterName = opts.clusterName ?? 'agent-replay';
  const prefix = opts.namePrefix ?? 'nats';
  const root = opts.storeRoot ?? (await mkdtemp(path.join(tmpdir(), 'agent-replay-cluster-')));
  const routePorts: number[] = [];
  for (let i = 0; i < size; i++) routePorts.push(await freePort(host));

  const baseOptions = (i: number): NatsServerOptions => ({
    host,
    serverName: `${prefix}-${i + 1}`,
    storeDir: path.join(root, `${prefix}-${i + 1}`),
    websocketConfig: opts.node?.websocketConfig,
    onLog: opts.node?.onLog,
    extraConfig: [
      clusterBlock({
        name: clusterName,
        host,
        port: routePorts[i]!,
        routes: routePorts.filter((_, j) => j !== i),
      }),
      opts.node?.extraConfig ?? '',
    ].join('\n'),
  });

  const servers = await Promise.all(
    Array.from({ length: size }, (_, i) => startNatsServer(baseOptions(i))),
  );
  const nodes: ClusterNode[] = servers.map((first, i) => {
    const fixed: NatsServerOptions = {
      ...baseOptions(i),
      port: first.port,
      wsPort: first.wsPort,
      httpPort: first.httpPort,
    };
    const node: ClusterNode = {
      name: fixed.serverName!,
      server: first,
      natsUrl: first.natsUrl,
      wsUrl: first.wsUrl,
      httpUrl: first.httpUrl,
      kill: async () => {
        const s = node.server;
        node.server = null;
        await s?.kill();
      },
      restart: async () => {
        if (node.server) return;
        node.server = await startNatsServer(fixed);
      },
    };
    return node;
  });

  const waitReady = async (timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const up = nodes.filter((n) => n.server);
        const states = await Promise.all(
          up.map(
            async (n) =>
              (await (await fetch(`${n.httpUrl}/jsz`)).json()) as {
                meta_cluster?: {
                  leader?: string;
                  replicas?: { current?: boolean; offline?: boolean }[];
                };
              },
          ),
        );
        // js-enabled-only: a restarted node may still be catching up streams; it serves once
        // JetStream is on. Whether a stream's replicas caught up is waitStreamSettled's question
        // (it names the lagging replica, which plain /healthz does not).
        const healthy = await Promise.all(
          up.map(async (n) => {
            const r = await fetch(`${n.httpUrl}/healthz?js-enabled-only=true`);
            return r.ok ? null : `${n.name}: ${(await r.text()).trim()}`;
          }),
        );
        const leaders = states.map((s) => s.meta_cluster?.leader ?? null);
        // The meta leader sees every other node as a current peer: before that an R3 stream
        // create fails with "no suitable peers for placement, peer offline" (seen on 2.11.17).
        const views = states.map((s) => s.meta_cluster?.replicas).filter((r) => r !== undefined);
        const peersOk =
          views.length === 0 ||
          views.some((r) => r.length === up.length - 1 && r.every((p) => p.current && !p.offline));
        if (leaders.every(Boolean) && healthy.every((h) => h === null) && peersOk) return;
        // Name what is not ready: the meta leader each node sees, and each unhealthy node's reason.
        last = `meta leaders ${JSON.stringify(leaders)}; peers ${peersOk ? 'current' : JSON.stringify(views)}; ${healthy.filter(Boolean).join('; ') || 'all healthy'}`;
      } catch (e) {
        last = String(e);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`JetStream cluster not ready: ${last}`);
  };
  await waitReady();

  return {
    nodes,
    natsUrls: nodes.map((n) => n.natsUrl),
    wsUrls: nodes.map((n) => n.wsUrl),
    nodeFor: (url) => {
      const p = portOfUrl(url);
      return nodes.find((n) => portOfUrl(n.natsUrl) === p || portOfUrl(n.wsUrl) === p);
    },
    waitReady,
    stop: async () => {
      await Promise.all(nodes.map((n) => n.server?.stop()));
      if (!opts.storeRoot) await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Resolves once `stream` has a leader and all `replicas - 1` followers are current, online and
 * without lag (a restarted node has caught up), as STREAM.INFO over `nc` reports it; returns
 * that info. Throws naming the last placement seen after `timeoutMs`.
 */
export async function waitStreamSettled(
  nc: NatsConnection,
  stream: string,
  timeoutMs = 60_000,
): Promise<StreamInfo> {
  const jsm = await jetstreamManager(nc);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await jsm.streams.info(stream).catch(() => null);
    const c = info?.cluster;
    const followers = c?.replicas ?? [];
    if (
      info &&
      c?.leader &&
      followers.length === info.config.num_replicas - 1 &&
      followers.every((r) => r.current && !r.offline && !r.lag)
    )
      return info;
    if (Date.now() > deadline)
      throw new Error(`stream ${stream} not settled: ${JSON.stringify(c ?? null)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
