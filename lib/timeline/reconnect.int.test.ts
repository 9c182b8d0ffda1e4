import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { startLiveSource } from './live-source';
import { TimelineStore } from './store';

const until = async (cond: () => boolean, ms = 30_000) => {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
};

describe('timeline across a server restart', () => {
  const servers: NatsServer[] = [];
  let dir = '';
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => {});
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('resumes after a reconnect without loss or duplicates and marks the gap', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'timeline-reconnect-'));
    const first = await startNatsServer({ storeDir: dir });
    servers.push(first);
    const pub = await connect({
      servers: first.natsUrl,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 200,
    });
    const jsm = await jetstreamManager(pub);
    await jsm.streams.add({ name: 'rc', subjects: ['agent.>'] });
    const js = jetstream(pub);
    const publish = async (from: number, to: number) => {
      for (let i = from; i <= to; i++) {
        // JetStream may need a moment after the restart; the msgID makes a retry safe.
        for (let attempt = 0; ; attempt++) {
          try {
            await js.publish(
              i % 2 ? `agent.status.a.online` : `agent.message.r.q`,
              JSON.stringify({ i }),
              { msgID: `m-${i}` },
            );
            break;
          } catch (e) {
            if (attempt >= 20) throw e;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      }
    };
    await publish(1, 50);

    const reader = await connect({
      servers: first.natsUrl,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 200,
    });
    const store = new TimelineStore({ schedule: (cb) => setTimeout(cb, 5), minNotifyMs: 0 });
    const conn = { nc: reader, js: jetstream(reader), jsm: await jetstreamManager(reader) };
    const src = startLiveSource(async () => conn, store, {
      stream: 'rc',
      windowMs: 60_000,
      filters: ['agent.status.>', 'agent.message.>'],
    });
    await until(() => store.model.lastSeq >= 50);
    void (async () => {
      for await (const s of reader.status()) {
        if (s.type === 'disconnect') store.noteConnection('reconnecting', 0);
        if (s.type === 'reconnect') store.noteConnection('connected', 1);
      }
    })();

    await first.stop();
    const second = await startNatsServer({
      storeDir: dir,
      port: first.port,
      wsPort: first.wsPort,
      httpPort: first.httpPort,
    });
    servers.push(second);
    await until(() => !pub.isClosed() && store.gaps.some((g) => g.toMs !== null));
    await publish(51, 120);
    await until(() => store.model.lastSeq >= 120);
    expect(store.model.ring.toArray().map((e) => e.seq)).toEqual(
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
    expect(store.getSnapshot().anomalies).toBe(0);
    expect(store.gaps).toHaveLength(1);
    await src.stop();
    await reader.close();
    await pub.close();
  });
});
