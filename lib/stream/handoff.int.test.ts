import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { startNatsServer, type NatsServer } from '../../server/nats/launcher';
import { handoffReader, tabRawReader } from './handoff';
import type { RawBatch } from './pack';
import type { RawReadOptions } from './remote-reader';

const STREAM = 'handoff-test';
const N = 1_200;
const subjectOf = (i: number) =>
  i % 3 === 0 ? `agent.task.t${i % 2}.progress` : `agent.message.role${i % 4}.question`;
const payloadOf = (i: number) => JSON.stringify({ i, text: `message ${i} ✓` });

describe('handoffReader against a real nats-server', () => {
  let server: NatsServer;
  let tab: NatsConnection;
  // The reader worker's own connection (the worker itself needs a browser; its reader is the same readRangeInto).
  let second: NatsConnection;
  let jsTab: JetStreamClient;
  let jsSecond: JetStreamClient;

  beforeAll(async () => {
    server = await startNatsServer();
    tab = await connect({ servers: server.natsUrl });
    second = await connect({ servers: server.natsUrl });
    const jsm = await jetstreamManager(tab);
    await jsm.streams.add({ name: STREAM, subjects: ['agent.>'], allow_direct: true });
    jsTab = jetstream(tab);
    jsSecond = jetstream(second);
    for (let i = 1; i <= N; i += 200) {
      const ps = [];
      for (let j = i; j < i + 200 && j <= N; j++) {
        const h = natsHeaders();
        h.set('Nats-Msg-Id', `id-${j}`);
        ps.push(jsTab.publish(subjectOf(j), payloadOf(j), { headers: h }));
      }
      await Promise.all(ps);
    }
  });
  afterAll(async () => {
    await tab?.drain();
    await second?.drain();
    await server?.stop();
  });

  /** Reads with the handoff at `at`; every message's seq, subject, payload and Nats-Msg-Id header. */
  const read = async (at: number, o: Omit<RawReadOptions, 'onBatch'>) => {
    let farUsed = false;
    const log: string[] = [];
    const tabReader = tabRawReader(() => Promise.resolve(jsTab), STREAM);
    const secondReader = tabRawReader(() => Promise.resolve(jsSecond), STREAM);
    const r = handoffReader(
      (o) => tabReader(o).finally(() => log.push('tab part done')),
      () => {
        farUsed = true;
        return (o) => {
          log.push(`second part from ${o.start.kind === 'seq' ? o.start.seq : o.start.kind}`);
          return secondReader(o);
        };
      },
      at,
    );
    const dec = new TextDecoder();
    const got: { seq: number; subject: string; payload: string; header: string }[] = [];
    const res = await r({
      ...o,
      batchSize: 100,
      onBatch: (b: RawBatch) => {
        for (let i = 0; i < b.seq.length; i++) {
          const from = b.offsets[i] as number;
          const hdr = b.hdrLen[i] as number;
          got.push({
            seq: b.seq[i] as number,
            subject: b.subjects[b.subjectIx[i] as number] as string,
            header: dec.decode(b.bytes.subarray(from, from + hdr)),
            payload: dec.decode(b.bytes.subarray(from + hdr, b.offsets[i + 1])),
          });
        }
      },
    });
    return { got, res, farUsed, log };
  };

  const expectExact = (
    got: { seq: number; subject: string; payload: string; header: string }[],
    seqs: number[],
  ) => {
    expect(got.map((m) => m.seq)).toEqual(seqs);
    for (const m of got) {
      expect(m.subject).toBe(subjectOf(m.seq));
      expect(m.payload).toBe(payloadOf(m.seq));
      expect(m.header).toContain(`Nats-Msg-Id: id-${m.seq}`);
    }
  };
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

  it('a range shorter than the handoff point is read on the tab connection alone', async () => {
    const { got, res, farUsed } = await read(5_000, { start: { kind: 'first' } });
    expectExact(got, range(1, N));
    expect(res).toMatchObject({ count: N, lastSeq: N, reason: 'end' });
    expect(farUsed).toBe(false);
  });

  it('a longer range is split: the second connection reads from the next sequence while the tab part is read, each message once', async () => {
    const { got, res, farUsed, log } = await read(250, { start: { kind: 'seq', seq: 11 } });
    expectExact(got, range(11, N));
    expect(res).toMatchObject({ count: N - 10, lastSeq: N, reason: 'end' });
    expect(farUsed).toBe(true);
    // Split where the tab's consumer started (position 10): the tab reads 11–260, the second 261–.
    expect(log).toEqual(['second part from 261', 'tab part done']);
  });

  it('a range from a time is split after the position its consumer started at: nothing before the time', async () => {
    // Every message's time (ms), read whole on the tab connection.
    const all = await read(5_000, { start: { kind: 'first' } });
    const times: number[] = [];
    await tabRawReader(
      () => Promise.resolve(jsTab),
      STREAM,
    )({
      start: { kind: 'first' },
      onBatch: (b) => times.push(...b.timeMs),
    });
    expect(times.length).toBe(N);
    const from = Math.floor(times[399] as number);
    const want = all.got.map((m) => m.seq).filter((seq) => (times[seq - 1] as number) >= from);
    expect(want[0]).toBeLessThanOrEqual(400);
    const { got, res, log } = await read(250, {
      start: { kind: 'time', time: new Date(from).toISOString() },
    });
    expectExact(got, want);
    expect(res.count).toBe(want.length);
    expect(log[0]).toBe(`second part from ${(want[0] as number) + 250}`);
  });

  it('with a limit, the second connection goes on after the last message the tab part delivered', async () => {
    const { got, res, log } = await read(250, { start: { kind: 'seq', seq: 11 }, limit: 700 });
    expectExact(got, range(11, 710));
    expect(res).toMatchObject({ count: 700, lastSeq: 710 });
    expect(log).toEqual(['tab part done', 'second part from 261']);
  });

  it('keeps the scope filter and endSeq across the handoff', async () => {
    const { got, res, farUsed } = await read(100, {
      start: { kind: 'first' },
      filter: 'agent.task.>',
      endSeq: 1_000,
    });
    const want = range(1, 1_000).filter((i) => i % 3 === 0);
    expectExact(got, want);
    expect(res.count).toBe(want.length);
    expect(farUsed).toBe(true);
  });

  it('leaves no consumer behind on either connection', async () => {
    await read(100, { start: { kind: 'first' } });
    const jsm = await jetstreamManager(tab);
    // Ordered consumers are deleted when a read ends; give the server a moment to drop them.
    let left = Infinity;
    for (let i = 0; i < 20 && left > 0; i++) {
      left = (await jsm.streams.info(STREAM)).state.consumer_count;
      if (left > 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(left).toBe(0);
  });
});
