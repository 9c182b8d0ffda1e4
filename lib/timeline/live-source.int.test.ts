import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { startLiveSource, type LiveConn } from './live-source';
import { TimelineStore } from './store';

const STREAM = 'timeline-seam';
const subjectOf = (i: number) =>
  i % 3 === 0
    ? `agent.status.a${i % 5}.online`
    : i % 3 === 1
      ? `agent.task.t${i % 7}.progress`
      : `agent.message.qa_tester.question`;

async function publish(js: JetStreamClient, from: number, to: number) {
  const ps = [];
  for (let i = from; i <= to; i++) ps.push(js.publish(subjectOf(i), JSON.stringify({ i })));
  await Promise.all(ps);
}

async function until(cond: () => boolean, ms = 15_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const seqs = (store: TimelineStore) => store.model.ring.toArray().map((e) => e.seq);
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('timeline live source against a real nats-server', () => {
  let server: NatsServer;
  let nc: NatsConnection;
  let js: JetStreamClient;

  beforeAll(async () => {
    server = await startNatsServer();
    nc = await connect({ servers: server.natsUrl });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: STREAM, subjects: ['agent.>'] });
    js = jetstream(nc);
  });
  afterAll(async () => {
    await nc?.drain();
    await server?.stop();
  });

  it('reads the backfill and continues live across the seam with no gap and no duplicate', async () => {
    await publish(js, 1, 300);
    const reader = await connect({ servers: server.natsUrl });
    const conn: LiveConn = {
      nc: reader,
      js: jetstream(reader),
      jsm: await jetstreamManager(reader),
    };
    const store = new TimelineStore({ schedule: (cb) => setTimeout(cb, 5) });
    const src = startLiveSource(async () => conn, store, { stream: STREAM, windowMs: 60_000 });
    // Publish while the consumers are being created and catching up: the seam.
    for (let i = 301; i <= 900; i += 50) {
      await publish(js, i, i + 49);
      await new Promise((r) => setTimeout(r, 10));
    }
    await until(() => store.model.lastSeq >= 900 && store.model.total >= 900);
    expect(seqs(store)).toEqual(range(900));
    expect(store.getSnapshot().anomalies).toBe(0);

    // Recreating the consumer (as after a replaced connection) resumes at lastSeq+1.
    const restart = src.restart();
    await publish(js, 901, 1200);
    await restart;
    await until(() => store.model.lastSeq >= 1200 && store.model.total >= 1200);
    expect(seqs(store)).toEqual(range(1200));
    expect(store.getSnapshot().anomalies).toBe(0);
    // One consumer reads all of TIMELINE_FILTERS (agent.>): one resume point.
    expect(src.lastSeq()).toBe(1200);
    await src.stop();
    await reader.close();
  });

  it('starts at the window: older messages are not read', async () => {
    const store = new TimelineStore({ schedule: (cb) => setTimeout(cb, 5) });
    const conn: LiveConn = { nc, js, jsm: await jetstreamManager(nc) };
    await new Promise((r) => setTimeout(r, 1200));
    const src = startLiveSource(async () => conn, store, { stream: STREAM, windowMs: 1000 });
    await new Promise((r) => setTimeout(r, 300));
    await publish(js, 1201, 1210);
    await until(() => store.model.lastSeq >= 1210);
    expect(seqs(store)).toEqual(range(10).map((i) => i + 1200));
    await src.stop();
  });

  it("places events by the agents' clock (created_at) by choice, stream time where a payload has none", async () => {
    // A day of history written in a moment (a backfill or an import): stream times are
    // milliseconds apart, created_at an hour apart.
    const S = 'timeline-clock';
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: S, subjects: ['clock.agent.>'] });
    const day = Date.UTC(2026, 10, 20);
    const subjects = (i: number) => `clock.agent.status.a${i}.online`;
    for (let i = 0; i < 24; i++) {
      const body =
        i === 5
          ? { agent_id: `a${i}`, status: 'online' }
          : {
              agent_id: `a${i}`,
              status: 'online',
              created_at: new Date(day + i * 3_600_000).toISOString().replace('Z', ''),
            };
      await js.publish(subjects(i), JSON.stringify(body));
    }
    const stored = await jsm.streams.getMessage(S, { seq: 6 });
    const read = async (clock: 'agent' | 'stream') => {
      const store = new TimelineStore({ schedule: (cb) => setTimeout(cb, 5) });
      const src = startLiveSource(async () => ({ nc, js, jsm }), store, {
        stream: S,
        windowMs: 60_000,
        filters: ['clock.agent.>'],
        clock,
      });
      await until(() => store.model.lastSeq >= 24);
      await src.stop();
      return store.model.ring.toArray().map((e) => e.timeMs);
    };
    const agent = await read('agent');
    expect(agent.filter((_, i) => i !== 5)).toEqual(
      Array.from({ length: 24 }, (_, i) => day + i * 3_600_000).filter((_, i) => i !== 5),
    );
    // No created_at: its stream time.
    expect(agent[5]).toBe(Math.floor(stored!.time.getTime()));
    const stream = await read('stream');
    expect(Math.max(...stream) - Math.min(...stream)).toBeLessThan(60_000);
    await jsm.streams.delete(S);
  });
});
