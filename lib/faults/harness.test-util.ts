/**
 * Fault tests' harness: a real nats-server the test kills (SIGKILL) and restarts on the same
 * ports and store dir, the stream seeded in awaited batches, and a trace of the consumers the
 * server creates and deletes (JetStream advisories) to say which reader left one behind.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { setupAll } from '../../server/simulator/setup';
import { STREAM_NAME } from '../agents/schema';

/** Messages in a fault test's stream. */
export const N = 60_000;
/** Down time of the killed server (the probe: 6 s). */
export const DOWN_MS = 6000;
/** How long after a read ends its consumers must be gone. */
export const SETTLE_MS = 10_000;
/** a, a+1, …, b. */
export const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

export const until = async (cond: () => boolean, ms: number, what: string) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client like the app's: reconnect forever, quick retries. */
export const clientOf = (server: NatsServer) =>
  connect({ servers: server.natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 250 });

export type FaultBench = {
  server: NatsServer;
  admin: NatsConnection;
  jsm: JetStreamManager;
  /** Consumer names the server announced created / deleted, in order. */
  created: string[];
  deleted: string[];
  /** SIGKILL the server, wait `downMs`, start it again on the same ports and store dir. */
  killAndRestart(downMs: number): Promise<void>;
  /** Consumers on the stream other than the durable agent-processor. */
  leftover(): Promise<string[]>;
  close(): Promise<void>;
};

const MESSAGE_TYPES = ['question', 'answer', 'task', 'status'];

/** Starts a server, the agent stream (+ durable agent-processor) and `count` messages 1..count. */
export async function startFaultBench(count: number): Promise<FaultBench> {
  const dir = await mkdtemp(path.join(tmpdir(), 'faults-'));
  let server = await startNatsServer({ storeDir: dir });
  const admin = await clientOf(server);
  await setupAll(admin);
  const js = jetstream(admin);
  for (let i = 1; i <= count; i += 1000) {
    const n = Math.min(1000, count - i + 1);
    await Promise.all(
      Array.from({ length: n }, (_, k) => {
        const seq = i + k;
        const type = MESSAGE_TYPES[seq % MESSAGE_TYPES.length] as string;
        const body = {
          id: `m-${seq}`,
          sender_id: `a${seq % 5}`,
          recipient_id: null,
          content: `message ${seq}`,
          message_type: type,
          created_at: new Date(1_780_000_000_000 + seq).toISOString(),
        };
        return js.publish(`agent.message.r${seq % 3}.${type}`, JSON.stringify(body));
      }),
    );
  }
  const created: string[] = [];
  const deleted: string[] = [];
  const trace = (subject: string, into: string[]) => {
    const sub = admin.subscribe(subject);
    void (async () => {
      for await (const m of sub) {
        const c = m.json<{ consumer?: string }>().consumer;
        if (c) into.push(c);
      }
    })();
  };
  trace(`$JS.EVENT.ADVISORY.CONSUMER.CREATED.${STREAM_NAME}.>`, created);
  trace(`$JS.EVENT.ADVISORY.CONSUMER.DELETED.${STREAM_NAME}.>`, deleted);
  await admin.flush();
  const jsm = await jetstreamManager(admin);
  return {
    get server() {
      return server;
    },
    admin,
    jsm,
    created,
    deleted,
    killAndRestart: async (downMs) => {
      const old = server;
      await old.kill();
      await sleep(downMs);
      server = await startNatsServer({
        storeDir: dir,
        port: old.port,
        wsPort: old.wsPort,
        httpPort: old.httpPort,
      });
      // JetStream is back when the stream answers.
      for (let i = 0; ; i++) {
        try {
          await jsm.streams.info(STREAM_NAME);
          return;
        } catch (e) {
          if (i > 100) throw e;
          await sleep(100);
        }
      }
    },
    leftover: async () => {
      const names: string[] = [];
      for await (const ci of jsm.consumers.list(STREAM_NAME))
        if (ci.name !== 'agent-processor') names.push(ci.name);
      return names;
    },
    close: async () => {
      await admin.close().catch(() => {});
      await server.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  } as FaultBench;
}
